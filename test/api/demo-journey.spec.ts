import { jest } from '@jest/globals';
import { type EvaluationResponse } from '@huiqi/shared';
import { MembershipEntity } from '../../api/src/modules/access/membership.entity.js';
import { OrgEntity } from '../../api/src/modules/orgs/org.entity.js';
import { seedDemo } from '../../api/src/seed/demo.js';
import { boot, type Booted } from './support/app.js';
import { ENGINES } from './support/databases.js';

interface ApplicationReply {
  id: number;
  status: string;
  programId: string;
  factsSnapshot: Record<string, unknown>;
}

/**
 * `npm start`'s own data, followed as a visitor would: every firm the demo seed wrote (read from
 * the database, not listed here) is signed into with the login the seed printed for it, reads its
 * facts, checks its eligibility and makes a draft application; the printed administrator
 * previews an edition on all of them.
 */
describe.each(ENGINES)('the demo data on %s', (engine) => {
  let api: Booted;
  let printed = '';
  let year: number;

  beforeAll(async () => {
    api = await boot(engine);
    // As main.ts does with DEMO_SEED on; what it prints is what a visitor reads.
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed += `${args.join(' ')}\n`;
    });
    try {
      await seedDemo(api.app.app, api.config);
    } finally {
      log.mockRestore();
    }
    year = api.clock.year();
  });
  afterAll(() => api.close());

  /** The demo sign-in the seed printed beside the firm's name. */
  const printedLogin = (name: string): { role: string; openid: string } => {
    const line = printed.split('\n').find((l) => l.includes(name) && l.includes('{'));
    if (!line) throw new Error(`the seed printed no sign-in for ${name}:\n${printed}`);
    return JSON.parse(line.slice(line.indexOf('{'))) as { role: string; openid: string };
  };

  it('seeds firms, each owned by an administrator', async () => {
    const orgs = await api.app.dataSource.getRepository(OrgEntity).find();
    expect(orgs.length).toBeGreaterThan(0);
    const owners = await api.app.dataSource.getRepository(MembershipEntity).findBy({ role: 'admin' });
    expect(new Set(owners.map((m) => m.orgId))).toEqual(new Set(orgs.map((o) => o.id)));
  });

  it('every seeded firm signs in, reads its facts, checks its eligibility and makes a draft application', async () => {
    const orgs = await api.app.dataSource.getRepository(OrgEntity).find({ order: { id: 'ASC' } });
    for (const org of orgs) {
      const login = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/demo', {
        body: printedLogin(org.name),
      });
      expect({ firm: org.name, status: login.status }).toEqual({ firm: org.name, status: 200 });
      const token = login.body.accessToken;

      const mine = await api.call<{ orgs: { id: number; myRole: string }[] }>('GET', '/api/v1/orgs', { token });
      expect(mine.body.orgs).toEqual([expect.objectContaining({ id: org.id, myRole: 'admin' })]);

      const facts = await api.call<{ facts: Record<string, unknown> }>(
        'GET',
        `/api/v1/orgs/${org.id}/facts?year=${year}`,
        { token },
      );
      expect({ firm: org.name, status: facts.status }).toEqual({ firm: org.name, status: 200 });
      // Exactly what is stored, each value parsed once from the column's text.
      const stored = (await api.app.dataSource.query('SELECT name, value FROM org_facts WHERE org_id = ?', [
        org.id,
      ])) as { name: string; value: string }[];
      expect(stored.length).toBeGreaterThan(0);
      expect(facts.body.facts).toStrictEqual(
        Object.fromEntries(stored.map((r) => [r.name, JSON.parse(r.value) as unknown])),
      );

      const eligibility = await api.call<EvaluationResponse>('GET', `/api/v1/orgs/${org.id}/eligibility?year=${year}`, {
        token,
      });
      expect({ firm: org.name, status: eligibility.status }).toEqual({ firm: org.name, status: 200 });
      const eligible = eligibility.body.programs.find((p) => p.status === 'eligible');
      const programId = (eligible ?? eligibility.body.programs[0])?.programId;

      const created = await api.call<ApplicationReply>('POST', `/api/v1/orgs/${org.id}/applications`, {
        token,
        body: { programId, claimYear: year },
      });
      expect({ firm: org.name, status: created.status }).toEqual({ firm: org.name, status: 201 });
      const read = await api.call<ApplicationReply>('GET', `/api/v1/applications/${created.body.id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ status: 'draft', programId });
      expect(read.body.factsSnapshot).toStrictEqual(facts.body.facts);
    }
  });

  it('the printed administrator previews a draft edition on every seeded firm', async () => {
    const match = /用户名 admin\s+密码 (\S+)/.exec(printed);
    const signIn = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/staff', {
      body: { username: 'admin', password: match?.[1] },
    });
    expect(signIn.status).toBe(200);
    const token = signIn.body.accessToken;
    const draft = await api.call('POST', `/api/v1/editions/demo-${year}/drafts`, {
      token,
      body: { id: 'demo-journey' },
    });
    expect(draft.status).toBe(201);
    const preview = await api.call<{ firms: number }>('GET', '/api/v1/editions/demo-journey/preview', { token });
    expect(preview.status).toBe(200);
    expect(preview.body.firms).toBe(await api.app.dataSource.getRepository(OrgEntity).count());
  });
});
