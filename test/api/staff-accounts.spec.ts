import {
  type ErrorBody,
  type Session,
  type StaffAccountView,
  type StaffList,
  type StaffPasswordReset,
} from '@huiqi/shared';
import { hashPassword, verifyPassword } from '../../api/src/modules/auth/passwords.js';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { UserEntity } from '../../api/src/modules/auth/user.entity.js';
import { boot, type Booted, type Reply, TEST_NOW } from './support/app.js';
import { ENGINES } from './support/databases.js';

const ADMIN_PASSWORD = 'First-admin-2026';
const PASSWORD = 'Reviewer-pass-42';

const refusal = (res: Reply<unknown>, status: number, code: string): ErrorBody => {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  return body;
};

/** Each offending field and what it says. */
const fieldsOf = (body: ErrorBody): Record<string, string> =>
  Object.fromEntries((body.details as { field: string; message: string }[]).map((d) => [d.field, d.message]));

describe.each(ENGINES)('staff accounts on %s', (engine) => {
  let api: Booted;
  let admin: Session;

  const signIn = (username: string, password: string) =>
    api.call<Session>('POST', '/api/v1/auth/staff', { body: { username, password } });
  const session = async (username: string, password: string): Promise<Session> => {
    const res = await signIn(username, password);
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.text}`);
    return res.body;
  };
  const create = (body: Record<string, unknown>, token = admin.accessToken) =>
    api.call<StaffAccountView>('POST', '/api/v1/staff', { token, body });
  const post = <T = StaffAccountView>(path: string, token = admin.accessToken) =>
    api.call<T>('POST', `/api/v1/staff${path}`, { token });
  const refresh = (refreshToken: string) =>
    api.call<Session>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const me = (token: string) => api.call('GET', '/api/v1/me', { token });
  const auditOf = async (userId: number) =>
    (
      await api.call<{ entries: { action: string; actorId: number | null; before: unknown; after: unknown }[] }>(
        'GET',
        `/api/v1/audit?entity=user&entityId=${userId}`,
        { token: admin.accessToken },
      )
    ).body.entries;

  beforeAll(async () => {
    api = await boot(engine);
    await createStaff(
      api.app.dataSource,
      { username: 'first.admin', password: ADMIN_PASSWORD, role: 'admin', displayName: '首任管理员' },
      TEST_NOW,
    );
    admin = await session('first.admin', ADMIN_PASSWORD);
  });
  afterAll(() => api.close());

  it('creates a county reviewer who signs in with the initial password; the audit keeps no password', async () => {
    const res = await create({
      username: 'lq.reviewer',
      displayName: '临清审核员',
      role: 'county-reviewer',
      county: 'linqing',
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      username: 'lq.reviewer',
      displayName: '临清审核员',
      role: 'county-reviewer',
      county: 'linqing',
      disabledAt: null,
      createdAt: expect.any(String),
    });
    const signedIn = await session('lq.reviewer', PASSWORD);
    expect(signedIn.user).toEqual({
      id: res.body.id,
      role: 'county-reviewer',
      county: 'linqing',
      displayName: '临清审核员',
    });

    const [entry] = await auditOf(res.body.id);
    expect(entry).toMatchObject({ action: 'user.staff-created', actorId: admin.user.id });
    const stored = await api.app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: res.body.id });
    const everything = JSON.stringify(await auditOf(res.body.id));
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(stored.passwordHash);
  });

  it('refuses a taken username, naming the field in Chinese', async () => {
    await create({ username: 'taken.name', role: 'finance', password: PASSWORD });
    const body = refusal(
      await create({ username: 'taken.name', role: 'city-reviewer', password: PASSWORD }),
      409,
      'CONFLICT',
    );
    expect(fieldsOf(body)).toEqual({ username: '用户名 taken.name 已被使用，请换一个' });
  });

  it('two creations of one username at once: one account, the other told the name is taken', async () => {
    const answers = await Promise.all(
      [0, 1, 2].map(() => create({ username: 'same.moment', role: 'finance', password: PASSWORD })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(fieldsOf(refusal(refused, 409, 'CONFLICT'))).toEqual({
        username: '用户名 same.moment 已被使用，请换一个',
      });
  });

  it("refuses every problem at once with staffProblems' words: weak password, county missing, bad username", async () => {
    const body = refusal(
      await create({ username: 'X', role: 'county-reviewer', password: 'short1' }),
      400,
      'INVALID_REQUEST',
    );
    expect(fieldsOf(body)).toEqual({
      username: expect.stringContaining('用户名需3到32位'),
      county: expect.stringContaining('县级审核员需指定所在县'),
      password: '密码至少10位，且需同时包含字母和数字',
    });
    const county = refusal(
      await create({ username: 'city.with.county', role: 'city-reviewer', county: 'linqing', password: PASSWORD }),
      400,
      'INVALID_REQUEST',
    );
    expect(Object.keys(fieldsOf(county))).toEqual(['county']);
    const applicant = refusal(
      await create({ username: 'not.staff', role: 'applicant', password: PASSWORD }),
      400,
      'INVALID_REQUEST',
    );
    expect(Object.keys(fieldsOf(applicant))).toEqual(['role']);
    expect(await api.app.dataSource.getRepository(UserEntity).countBy({ username: 'not.staff' })).toBe(0);
  });

  it('answers 403 to anyone but an administrator, for every route', async () => {
    await create({ username: 'city.one', role: 'city-reviewer', password: PASSWORD });
    const city = (await session('city.one', PASSWORD)).accessToken;
    const applicant = await api.login('applicant', 'staff-accounts-applicant');
    for (const token of [city, applicant]) {
      refusal(await create({ username: 'by.outsider', role: 'finance', password: PASSWORD }, token), 403, 'FORBIDDEN');
      refusal(await api.call('GET', '/api/v1/staff', { token }), 403, 'FORBIDDEN');
      refusal(await post(`/${admin.user.id}/disable`, token), 403, 'FORBIDDEN');
      refusal(await post(`/${admin.user.id}/password`, token), 403, 'FORBIDDEN');
    }
    refusal(await api.call('GET', '/api/v1/staff'), 401, 'UNAUTHENTICATED');
  });

  it('disabling blocks sign-in, refresh and an access token already issued; enabling restores sign-in', async () => {
    const created = (await create({ username: 'to.disable', role: 'finance', password: PASSWORD })).body;
    const live = await session('to.disable', PASSWORD);
    expect((await me(live.accessToken)).status).toBe(200);

    const disabled = await post(`/${created.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toBe(TEST_NOW.toISOString());

    // The right password learns it is disabled; a wrong one reads what strangers read.
    expect(refusal(await signIn('to.disable', PASSWORD), 403, 'FORBIDDEN').message).toBe(
      '账号已停用，请联系系统管理员',
    );
    expect(refusal(await signIn('to.disable', 'Wrong-pass-123'), 401, 'UNAUTHENTICATED').message).toBe(
      '用户名或密码不正确',
    );
    refusal(await refresh(live.refreshToken), 401, 'UNAUTHENTICATED');
    expect(refusal(await me(live.accessToken), 401, 'UNAUTHENTICATED').message).toBe('账号已停用，请联系系统管理员');

    // Disabling twice changes nothing more.
    const again = await post(`/${created.id}/disable`);
    expect(again.body.disabledAt).toBe(disabled.body.disabledAt);
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['user.disabled', 'user.staff-created']);

    const enabled = await post(`/${created.id}/enable`);
    expect(enabled.body.disabledAt).toBeNull();
    const back = await session('to.disable', PASSWORD);
    expect((await me(back.accessToken)).status).toBe(200);
    // Sessions ended by the disabling stay ended.
    refusal(await refresh(live.refreshToken), 401, 'UNAUTHENTICATED');
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual([
      'user.enabled',
      'user.disabled',
      'user.staff-created',
    ]);
  });

  it('a reset answers a new password once, ends every session, and the old password stops working', async () => {
    const created = (await create({ username: 'to.reset', role: 'city-reviewer', password: PASSWORD })).body;
    const first = await session('to.reset', PASSWORD);
    const second = await session('to.reset', PASSWORD);

    const reset = await post<StaffPasswordReset>(`/${created.id}/password`);
    expect(reset.status).toBe(200);
    expect(reset.body.account).toMatchObject({ id: created.id, username: 'to.reset' });
    expect(reset.body.password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(reset.body.password).toMatch(/\d/);

    refusal(await refresh(first.refreshToken), 401, 'UNAUTHENTICATED');
    refusal(await refresh(second.refreshToken), 401, 'UNAUTHENTICATED');
    refusal(await signIn('to.reset', PASSWORD), 401, 'UNAUTHENTICATED');
    expect((await session('to.reset', reset.body.password)).user.id).toBe(created.id);

    const stored = await api.app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: created.id });
    await expect(verifyPassword(reset.body.password, stored.passwordHash ?? '')).resolves.toBe(true);
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({ action: 'user.password-reset', after: { passwordReset: true, revokedTokens: 2 } });
    expect(JSON.stringify(await auditOf(created.id))).not.toContain(reset.body.password);
  });

  it('an administrator cannot disable themselves, nor the last enabled administrator', async () => {
    const second = (await create({ username: 'second.admin', role: 'admin', password: PASSWORD })).body;
    expect(refusal(await post(`/${admin.user.id}/disable`), 409, 'CONFLICT').message).toContain('不能停用自己的账号');

    expect((await post(`/${second.id}/disable`)).status).toBe(200);
    // Another administrator (a demo one: not a staff account, so not counted) tries the last one.
    const other = await api.login('admin', 'staff-accounts-admin');
    expect(refusal(await post(`/${admin.user.id}/disable`, other), 409, 'CONFLICT').message).toContain(
      '最后一位启用中的系统管理员',
    );
    expect((await me(admin.accessToken)).status).toBe(200);

    expect((await post(`/${second.id}/enable`, other)).status).toBe(200);
    expect((await post(`/${admin.user.id}/disable`, other)).status).toBe(200);
    refusal(await me(admin.accessToken), 401, 'UNAUTHENTICATED');
    expect((await post(`/${admin.user.id}/enable`, other)).status).toBe(200);
    admin = await session('first.admin', ADMIN_PASSWORD);
  });

  it('answers NOT_FOUND for an id that is not a staff account', async () => {
    const applicant = await api.call<Session>('POST', '/api/v1/auth/demo', {
      body: { role: 'applicant', openid: 'staff-accounts-nobody' },
    });
    refusal(await post(`/${applicant.body.user.id}/disable`), 404, 'NOT_FOUND');
    refusal(await post('/999999/password'), 404, 'NOT_FOUND');
    refusal(await post('/999999/enable'), 404, 'NOT_FOUND');
  });

  it('lists accounts a page of 20 at a time, filtered by role, county and disabled', async () => {
    const users = api.app.dataSource.getRepository(UserEntity);
    const passwordHash = await hashPassword(PASSWORD);
    for (let i = 0; i < 22; i++)
      await users.save(
        users.create({
          kind: 'staff',
          username: `gt.reviewer${i}`,
          passwordHash,
          role: 'county-reviewer',
          county: 'gaotang',
          displayName: `高唐审核员${i}`,
          disabledAt: i < 3 ? TEST_NOW : null,
        }),
      );
    const list = (query: string) =>
      api.call<StaffList>('GET', `/api/v1/staff${query}`, { token: admin.accessToken }).then((r) => r.body);

    const gaotang = await list('?county=gaotang');
    expect({
      total: gaotang.total,
      page: gaotang.page,
      pageSize: gaotang.pageSize,
      n: gaotang.accounts.length,
    }).toEqual({ total: 22, page: 1, pageSize: 20, n: 20 });
    const second = await list('?county=gaotang&page=2');
    expect(second.accounts.map((a) => a.username)).toEqual(['gt.reviewer20', 'gt.reviewer21']);
    const disabled = await list('?county=gaotang&disabled=true');
    expect(disabled.accounts.map((a) => a.username)).toEqual(['gt.reviewer0', 'gt.reviewer1', 'gt.reviewer2']);
    expect((await list('?county=gaotang&disabled=false')).total).toBe(19);
    const admins = await list('?role=admin');
    expect(admins.accounts.every((a) => a.role === 'admin')).toBe(true);
    expect(admins.accounts.map((a) => a.username)).toContain('first.admin');
    expect(JSON.stringify(gaotang)).not.toContain('scrypt');

    const bad = refusal(
      await api.call('GET', '/api/v1/staff?disabled=yes&county=nowhere&role=applicant', { token: admin.accessToken }),
      400,
      'INVALID_REQUEST',
    );
    // A firm's user is not a staff account: filtering by that role is a mistake to name, not an empty list.
    expect(Object.keys(fieldsOf(bad)).sort()).toEqual(['county', 'disabled', 'role']);
  });
});
