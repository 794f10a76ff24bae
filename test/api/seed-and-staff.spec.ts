import { jest } from '@jest/globals';
import { DEMO_STAFF, isValidUscc } from '@huiqi/shared';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { UserEntity } from '../../api/src/modules/auth/user.entity.js';
import { OrgEntity } from '../../api/src/modules/orgs/org.entity.js';
import { seedDemo } from '../../api/src/seed/demo.js';
import { boot, type Booted, TEST_NOW } from './support/app.js';
import { ENGINES } from './support/databases.js';

describe.each(ENGINES)('demo seed and staff accounts on %s', (engine) => {
  let api: Booted;

  beforeAll(async () => {
    api = await boot(engine);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await seedDemo(api.app.app, api.config);
    log.mockRestore();
  });
  afterAll(() => api.close());

  it('seeds demo firms with valid codes, staff of every role and a demo edition for the current year', async () => {
    const orgs = await api.app.dataSource.getRepository(OrgEntity).find();
    expect(orgs).toHaveLength(3);
    for (const org of orgs) {
      expect(org.demo).toBe(true);
      expect(org.name).toContain('【演示】');
      expect(isValidUscc(org.uscc)).toBe(true);
    }
    const staff = await api.app.dataSource.getRepository(UserEntity).findBy({ kind: 'staff' });
    // Two city reviewers: an award above the second-approval threshold needs both.
    expect(staff.map((s) => s.role).sort()).toEqual([
      'admin',
      'city-reviewer',
      'city-reviewer',
      'county-reviewer',
      'finance',
    ]);
    const editions = await api.call<{ editions: { id: string; demo: boolean; claimYear: number }[] }>(
      'GET',
      '/api/v1/editions',
    );
    expect(editions.body.editions).toContainEqual(
      expect.objectContaining({ id: 'demo-2026', demo: true, claimYear: 2026 }),
    );
  });

  it('seeds only an empty database', async () => {
    await seedDemo(api.app.app, api.config);
    expect(await api.app.dataSource.getRepository(OrgEntity).count()).toBe(3);
  });

  it('every printed staff login works, with its role and county', async () => {
    for (const account of DEMO_STAFF) {
      const res = await api.call<{ user: { role: string; county: string | null } }>('POST', '/api/v1/auth/staff', {
        body: { username: account.username, password: account.password },
      });
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual(expect.objectContaining({ role: account.role, county: account.county }));
    }
  });

  it('never seeds in production', async () => {
    await expect(seedDemo(api.app.app, { ...api.config, env: 'production' })).rejects.toThrow(
      'never seeded in production',
    );
  });

  it('the staff command creates an account that signs in, refusing weak passwords and clashes', async () => {
    const ds = api.app.dataSource;
    await expect(
      createStaff(ds, { username: 'zhao', password: 'short1', role: 'finance' }, TEST_NOW),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      details: [{ field: 'password' }],
    });
    await expect(
      createStaff(ds, { username: 'qian', password: 'long-enough-1', role: 'county-reviewer' }, TEST_NOW),
    ).rejects.toMatchObject({ details: [{ field: 'county' }] });
    await expect(
      createStaff(ds, { username: 'sun', password: 'long-enough-1', role: 'applicant' }, TEST_NOW),
    ).rejects.toMatchObject({
      details: [{ field: 'role' }],
    });
    await createStaff(
      ds,
      { username: 'zhao', password: 'long-enough-1', role: 'county-reviewer', county: 'gaotang' },
      TEST_NOW,
    );
    await expect(
      createStaff(ds, { username: 'zhao', password: 'long-enough-2', role: 'finance' }, TEST_NOW),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const login = await api.call<{ user: { role: string; county: string } }>('POST', '/api/v1/auth/staff', {
      body: { username: 'zhao', password: 'long-enough-1' },
    });
    expect(login.body.user).toMatchObject({ role: 'county-reviewer', county: 'gaotang' });
  });
});
