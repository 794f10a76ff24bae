import { type ErrorBody } from '@huiqi/shared';
import { hashPassword } from '../../api/src/modules/auth/passwords.js';
import { TokenSigner } from '../../api/src/common/tokens.js';
import { UserEntity } from '../../api/src/modules/auth/user.entity.js';
import { boot, type Booted, type Reply } from './support/app.js';
import { ENGINES } from './support/databases.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: number; role: string; county: string | null; displayName: string };
}

const CHINESE = /[\u4e00-\u9fff]/;
const MINUTE = 60_000;

/** The one error shape: exactly `{ code, message, details, requestId }`, a Chinese message, the id echoed in the header. */
const expectError = (res: Reply<unknown>, status: number, code: string): ErrorBody => {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.message).toMatch(CHINESE);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
};

const fieldsOf = (body: ErrorBody): string[] => (body.details as { field: string }[]).map((d) => d.field);

describe.each(ENGINES)('authentication on %s', (engine) => {
  let api: Booted;
  /** Every response body the API gave, to prove the WeChat secret never leaks into one. */
  const bodies: string[] = [];

  beforeAll(async () => {
    api = await boot(engine);
    const call = api.call;
    api.call = async <T = Record<string, unknown>>(
      method: string,
      path: string,
      options?: Parameters<Booted['call']>[2],
    ): Promise<Reply<T>> => {
      const reply = await call<T>(method, path, options);
      bodies.push(reply.text);
      return reply;
    };
  });
  afterAll(() => api.close());

  const wechat = (code: string) => api.call<Session>('POST', '/api/v1/auth/wechat', { body: { code } });
  const me = (token: string) => api.call('GET', '/api/v1/me', { token });
  const refresh = (refreshToken: string) =>
    api.call<Session>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const staff = (username: string, password: string) =>
    api.call<Session>('POST', '/api/v1/auth/staff', { body: { username, password } });

  describe('WeChat sign-in', () => {
    it('exchanges the code with WeChat and opens an applicant session', async () => {
      const before = api.wechat.requests.length;
      const res = await wechat('demo-alice');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: { id: expect.any(Number), role: 'applicant', county: null, displayName: expect.any(String) },
      });
      expect(api.wechat.requests).toHaveLength(before + 1);
      expect(api.wechat.requests.at(-1)).toMatchObject({
        method: 'GET',
        path: '/sns/jscode2session',
        query: {
          appid: 'wx-demo-appid',
          secret: 'demo-secret',
          js_code: 'demo-alice',
          grant_type: 'authorization_code',
        },
      });
      const who = await me(res.body.accessToken);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ id: res.body.user.id, role: 'applicant' });
    });

    it('signs the same openid in to the same user, and another openid to another user', async () => {
      const first = await wechat('demo-alice');
      const again = await wechat('demo-alice');
      const other = await wechat('demo-bob');
      expect([first.status, again.status, other.status]).toEqual([200, 200, 200]);
      expect(again.body.user.id).toBe(first.body.user.id);
      expect(other.body.user.id).not.toBe(first.body.user.id);
      expect(again.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('creates one user when the same new openid signs in twice at once', async () => {
      const replies = await Promise.all([wechat('demo-twins'), wechat('demo-twins')]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies[0]?.body.user.id).toBe(replies[1]?.body.user.id);
      expect(await api.app.dataSource.getRepository(UserEntity).countBy({ openid: 'o-demo-twins' })).toBe(1);
    });

    it.each([
      ['invalid', 401, 'WECHAT_CODE_INVALID'],
      ['used-abc', 401, 'WECHAT_CODE_INVALID'],
      ['frequent', 429, 'WECHAT_RATE_LIMITED'],
      ['blocked', 403, 'WECHAT_USER_BLOCKED'],
      ['busy', 503, 'WECHAT_BUSY'],
      ['http-500', 503, 'WECHAT_UNAVAILABLE'],
    ])('answers WeChat code %j with %i %s', async (code, status, errorCode) => {
      const users = await api.app.dataSource.getRepository(UserEntity).count();
      const res = await wechat(code);
      expectError(res, status, errorCode);
      expect(api.wechat.requests.at(-1)?.query['js_code']).toBe(code);
      expect(await api.app.dataSource.getRepository(UserEntity).count()).toBe(users);
    });

    it('refuses a code used once already (WeChat codes are single-use)', async () => {
      const first = await wechat('one-time-1');
      expect(first.status).toBe(200);
      expect(first.body.user.role).toBe('applicant');
      expectError(await wechat('one-time-1'), 401, 'WECHAT_CODE_INVALID');
    });

    it.each([
      ['a missing code', {}, 'code'],
      ['an empty code', { code: '' }, 'code'],
      ['a code that is not text', { code: 42 }, 'code'],
      ['an unknown field', { code: 'demo-alice', openid: 'o-someone-else' }, 'openid'],
    ])('refuses %s with 400 naming the field, without asking WeChat', async (_, body, field) => {
      const before = api.wechat.requests.length;
      const res = await api.call('POST', '/api/v1/auth/wechat', { body });
      const error = expectError(res, 400, 'INVALID_REQUEST');
      expect(fieldsOf(error)).toEqual([field]);
      expect(error.message).toContain(field);
      expect(api.wechat.requests).toHaveLength(before);
    });

    it('refuses a body that is not JSON', async () => {
      expectError(await api.call('POST', '/api/v1/auth/wechat', { raw: '{"code":' }), 400, 'INVALID_REQUEST');
    });
  });

  describe('tokens', () => {
    it('refuses /me without a token', async () => {
      expectError(await api.call('GET', '/api/v1/me'), 401, 'UNAUTHENTICATED');
      expectError(
        await api.call('GET', '/api/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('refuses a tampered token', async () => {
      const { accessToken } = (await wechat('demo-tamper')).body;
      expect((await me(accessToken)).status).toBe(200);
      const [body, signature] = accessToken.split('.') as [string, string];
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
      expectError(await me(`${forged}.${signature}`), 401, 'UNAUTHENTICATED');
      const flipped = signature.at(-1) === 'A' ? 'B' : 'A';
      expectError(await me(`${body}.${signature.slice(0, -1)}${flipped}`), 401, 'UNAUTHENTICATED');
      expectError(await me('not-a-token'), 401, 'UNAUTHENTICATED');
    });

    it('expires the access token after 15 minutes; the refresh token rotates', async () => {
      const session = (await wechat('demo-expiring')).body;
      api.clock.advance(14 * MINUTE);
      expect((await me(session.accessToken)).status).toBe(200);
      api.clock.advance(2 * MINUTE);
      expectError(await me(session.accessToken), 401, 'TOKEN_EXPIRED');

      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);
      expect(rotated.body.refreshToken).not.toBe(session.refreshToken);
      expect(rotated.body.accessToken).not.toBe(session.accessToken);
      expect(rotated.body.user).toEqual(session.user);
      const who = await me(rotated.body.accessToken);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ id: session.user.id, role: 'applicant' });

      const next = await refresh(rotated.body.refreshToken);
      expect(next.status).toBe(200);
      expect((await me(next.body.accessToken)).status).toBe(200);
      // The first token, used again, is refused, and takes its whole family with it (auth-tokens.spec.ts).
      expectError(await refresh(session.refreshToken), 401, 'UNAUTHENTICATED');
      expectError(await refresh(next.body.refreshToken), 401, 'UNAUTHENTICATED');
    });

    it('lets exactly one of several concurrent refreshes with the same token through', async () => {
      const { refreshToken } = (await wechat('demo-race')).body;
      const replies = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
      const many = await Promise.all(Array.from({ length: 5 }, () => refresh(refreshToken)));
      expect(many.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);

      const fresh = (await wechat('demo-race')).body.refreshToken;
      const burst = await Promise.all(Array.from({ length: 5 }, () => refresh(fresh)));
      expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of burst.filter((r) => r.status !== 200)) expectError(r, 401, 'UNAUTHENTICATED');
    });

    it('logs out by revoking the refresh token', async () => {
      const { refreshToken } = (await wechat('demo-leaving')).body;
      const out = await api.call('POST', '/api/v1/auth/logout', { body: { refreshToken } });
      expect(out.status).toBe(204);
      expect(out.text).toBe('');
      expectError(await refresh(refreshToken), 401, 'UNAUTHENTICATED');
      // Logging out twice is harmless.
      expect((await api.call('POST', '/api/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
    });

    it('refuses a refresh token after its 30 days', async () => {
      const { refreshToken } = (await wechat('demo-away')).body;
      api.clock.advance(31 * 24 * 60 * MINUTE);
      expectError(await refresh(refreshToken), 401, 'UNAUTHENTICATED');
    });

    it('refuses a refresh request without a token, naming the field', async () => {
      const error = expectError(await api.call('POST', '/api/v1/auth/refresh', { body: {} }), 400, 'INVALID_REQUEST');
      expect(fieldsOf(error)).toContain('refreshToken');
    });

    it('issues tokens the app itself verifies with its configured secret', async () => {
      const { accessToken, user } = (await wechat('demo-verify')).body;
      const now = () => api.clock.now().getTime();
      expect(new TokenSigner({ current: api.config.tokenSecret }, 900, now).verify(accessToken)).toEqual({
        userId: user.id,
        role: 'applicant',
        county: null,
      });
      expect(() => new TokenSigner({ current: 'some-other-secret' }, 900, now).verify(accessToken)).toThrow();
    });
  });

  describe('staff sign-in', () => {
    const PASSWORD = 'Reviewer-2026';

    const createStaff = async (username: string): Promise<number> => {
      const users = api.app.dataSource.getRepository(UserEntity);
      const user = await users.save(
        users.create({
          kind: 'staff',
          username,
          passwordHash: await hashPassword(PASSWORD),
          role: 'county-reviewer',
          county: 'linqing',
          displayName: '临清市审核员',
        }),
      );
      return user.id;
    };

    it('signs in with the right password', async () => {
      const id = await createStaff('reviewer.ok');
      const res = await staff('reviewer.ok', PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({ id, role: 'county-reviewer', county: 'linqing', displayName: '临清市审核员' });
      const who = await me(res.body.accessToken);
      expect(who.body).toMatchObject({ id, role: 'county-reviewer', county: 'linqing' });
    });

    it('refuses a wrong password with the same answer as an unknown username', async () => {
      await createStaff('reviewer.wrong');
      const wrong = expectError(await staff('reviewer.wrong', 'Not-the-password-1'), 401, 'UNAUTHENTICATED');
      const unknown = expectError(await staff('nobody.here', 'Not-the-password-1'), 401, 'UNAUTHENTICATED');
      expect(unknown.message).toBe(wrong.message);
      expect(unknown.details).toEqual(wrong.details);
    });

    it('does not sign a WeChat user in through the staff route', async () => {
      await wechat('demo-not-staff');
      expectError(await staff('o-demo-not-staff', PASSWORD), 401, 'UNAUTHENTICATED');
    });

    it('counts failures in a row: a successful sign-in starts the count again', async () => {
      await createStaff('reviewer.reset');
      for (let i = 0; i < 4; i++) expectError(await staff('reviewer.reset', 'Wrong-pass-0'), 401, 'UNAUTHENTICATED');
      expect((await staff('reviewer.reset', PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) expectError(await staff('reviewer.reset', 'Wrong-pass-0'), 401, 'UNAUTHENTICATED');
      expect((await staff('reviewer.reset', PASSWORD)).status).toBe(200);
    });

    it('refuses an incomplete request, naming the fields', async () => {
      const error = expectError(await api.call('POST', '/api/v1/auth/staff', { body: {} }), 400, 'INVALID_REQUEST');
      expect(fieldsOf(error)).toEqual(expect.arrayContaining(['username', 'password']));
    });
  });

  describe('demo sign-in (AUTH_DEMO=1)', () => {
    it('gives the same kind of token as an ordinary sign-in', async () => {
      const token = await api.login('county-reviewer', undefined, 'linqing');
      const who = await me(token);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ role: 'county-reviewer', county: 'linqing' });
      const principal = api.app.app.get(TokenSigner).verify(token);
      expect(principal).toEqual({ userId: who.body['id'], role: 'county-reviewer', county: 'linqing' });
    });

    it('refuses a county reviewer without a county, naming the field', async () => {
      const res = await api.call('POST', '/api/v1/auth/demo', { body: { role: 'county-reviewer' } });
      expect(fieldsOf(expectError(res, 400, 'INVALID_REQUEST'))).toEqual(['county']);
    });

    it('refuses an unknown role', async () => {
      const res = await api.call('POST', '/api/v1/auth/demo', { body: { role: 'superuser' } });
      expect(fieldsOf(expectError(res, 400, 'INVALID_REQUEST'))).toEqual(['role']);
    });
  });

  describe('roles', () => {
    it('keeps an applicant out of the audit log, and lets an admin in', async () => {
      const applicant = (await wechat('demo-curious')).body.accessToken;
      expectError(await api.call('GET', '/api/v1/audit', { token: applicant }), 403, 'FORBIDDEN');
      const admin = await api.login('admin');
      const res = await api.call<{ entries: unknown[] }>('GET', '/api/v1/audit', { token: admin });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.entries)).toBe(true);
    });
  });

  describe('service endpoints', () => {
    it('reports health without signing in', async () => {
      const res = await api.call('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: { engine, ok: true } });
    });

    it('serves Swagger UI and the OpenAPI document', async () => {
      const page = await api.call('GET', '/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain('swagger-ui');

      const doc = await api.call<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/eligibility', '/api/v1/auth/wechat', '/api/v1/me']),
      );
    });

    it('tags every response with a request id, keeping a UUID the caller sent', async () => {
      const made = await api.call('GET', '/api/health');
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const other = await api.call('GET', '/api/health');
      expect(other.headers.get('x-request-id')).not.toBe(made.headers.get('x-request-id'));

      const given = '2f1c7d3e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
      const kept = await api.call('GET', '/api/health', { headers: { 'x-request-id': given } });
      expect(kept.headers.get('x-request-id')).toBe(given);
      const failed = await api.call('GET', '/api/v1/me', { headers: { 'x-request-id': given } });
      expect(expectError(failed, 401, 'UNAUTHENTICATED').requestId).toBe(given);

      const odd = await api.call('GET', '/api/health', { headers: { 'x-request-id': 'no spaces <allowed>' } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers an unknown route with 404 in the error shape', async () => {
      expectError(await api.call('GET', '/api/v1/no-such-thing'), 404, 'NOT_FOUND');
    });
  });

  it('never puts the WeChat app secret in a response body', () => {
    expect(api.wechat.requests.some((r) => r.query['secret'] === 'demo-secret')).toBe(true);
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) expect(body).not.toContain('demo-secret');
  });
});

describe.each(ENGINES)('authentication without demo sign-in on %s', (engine) => {
  let api: Booted;
  beforeAll(async () => {
    api = await boot(engine, { AUTH_DEMO: '0' });
  });
  afterAll(() => api.close());

  it('has no demo route at all', async () => {
    const res = await api.call('POST', '/api/v1/auth/demo', { body: { role: 'admin' } });
    expect(res.status).toBe(404);
    expect(res.body['code']).toBe('NOT_FOUND');
    // The rest of sign-in is there: the 404 is the missing route, not a broken app.
    expect((await api.call('POST', '/api/v1/auth/wechat', { body: { code: 'demo-alice' } })).status).toBe(200);
  });

  it('leaves the demo route out of the OpenAPI document', async () => {
    const doc = await api.call<{ paths: Record<string, unknown> }>('GET', '/api/docs-json');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/auth/wechat');
    expect(Object.keys(doc.body.paths)).not.toContain('/api/v1/auth/demo');
  });
});
