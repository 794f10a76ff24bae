import { type ErrorBody } from '@huiqi/shared';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../api/src/app.factory.js';
import { loadConfig } from '../../api/src/config/config.js';
import { boot, type Booted, firm, type Reply } from './support/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

/** 429 in the house shape, with a Retry-After within the window and the same number in the body. */
const expectLimited = (res: Reply<unknown>, windowSeconds: number): void => {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.message).toMatch(CHINESE);
  expect(body.message).toMatch(/请于\d+(秒|分钟)后再试/);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  const seconds = Number(res.headers.get('retry-after'));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(body.details).toEqual({ retryAfterSeconds: seconds });
};

const statuses = (replies: Reply<unknown>[]): number[] => replies.map((r) => r.status);

/** A fresh TEST-NET address for each client of each test, so no test inherits another's counts. */
let nextHost = 1;
const address = (): string => `198.51.100.${nextHost++}`;

// Counts live in each process's memory unless REDIS_URL is set; these limits are per policy.
const TIGHT = {
  TRUST_PROXY: '1',
  RATE_LIMIT_GLOBAL: '40/600',
  RATE_LIMIT_ANONYMOUS_IP: '3/600',
  RATE_LIMIT_SIGN_IN_IP: '4/600',
  RATE_LIMIT_SIGN_IN_ACCOUNT: '2/600',
  RATE_LIMIT_SESSION_IP: '6/600',
  RATE_LIMIT_SESSION_ACCOUNT: '2/600',
  RATE_LIMIT_INVITES_IP: '5/600',
  RATE_LIMIT_INVITES_ACCOUNT: '3/600',
};

describe('rate limits on one instance', () => {
  let api: Booted;
  beforeAll(async () => {
    api = await boot('sqlite', TIGHT);
  });
  afterAll(() => api.close());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const evaluate = (ip: string) => api.call('POST', '/api/v1/eligibility', { body: {}, headers: from(ip) });
  const signIn = async (openid: string, ip: string): Promise<string> => {
    const res = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/demo', {
      body: { role: 'applicant', openid },
      headers: from(ip),
    });
    expect(res.status).toBe(200);
    return res.body.accessToken;
  };

  it('limits the anonymous evaluation per address, and never refuses a client under the limit', async () => {
    const [busy, calm] = [address(), address()];
    const first = [await evaluate(busy), await evaluate(busy), await evaluate(busy)];
    // Refused by validation, not by the limit: the limit counts requests, whatever they carry.
    expect(statuses(first)).toEqual([400, 400, 400]);
    expectLimited(await evaluate(busy), 600);
    // The commendations share the count.
    expectLimited(await api.call('POST', '/api/v1/commendations', { body: {}, headers: from(busy) }), 600);
    // Another address, up to its limit, is answered every time.
    expect(statuses([await evaluate(calm), await evaluate(calm), await evaluate(calm)])).toEqual([400, 400, 400]);
  });

  it('believes X-Forwarded-For only as far as TRUST_PROXY says', async () => {
    const real = address();
    for (let i = 0; i < 3; i++) expect((await evaluate(`10.0.0.${i}, ${real}`)).status).toBe(400);
    // Whatever the client writes to the left of what the proxy appended, it is the same client.
    expectLimited(await evaluate(`10.9.9.9, ${real}`), 600);
  });

  it('limits every sign-in route together per address, before WeChat is asked', async () => {
    const ip = address();
    const asked = api.wechat.requests.length;
    const replies = [
      await api.call('POST', '/api/v1/auth/wechat', { body: { code: 'demo-limit-1' }, headers: from(ip) }),
      await api.call('POST', '/api/v1/auth/wechat', { body: { code: 'demo-limit-2' }, headers: from(ip) }),
      await api.call('POST', '/api/v1/auth/staff', { body: { username: 'nobody', password: 'x' }, headers: from(ip) }),
      await api.call('POST', '/api/v1/auth/demo', { body: { role: 'applicant', openid: 'lim-1' }, headers: from(ip) }),
    ];
    expect(statuses(replies)).toEqual([200, 200, 401, 200]);
    expect(api.wechat.requests).toHaveLength(asked + 2);
    expectLimited(
      await api.call('POST', '/api/v1/auth/wechat', { body: { code: 'demo-limit-3' }, headers: from(ip) }),
      600,
    );
    expect(api.wechat.requests).toHaveLength(asked + 2);
    // Refused before validation too.
    expectLimited(await api.call('POST', '/api/v1/auth/staff', { body: {}, headers: from(ip) }), 600);
  });

  it('limits demo sign-in per account across addresses', async () => {
    const demo = (openid: string) =>
      api.call('POST', '/api/v1/auth/demo', { body: { role: 'applicant', openid }, headers: from(address()) });
    expect(statuses([await demo('popular'), await demo('popular')])).toEqual([200, 200]);
    expectLimited(await demo('popular'), 600);
    expect((await demo('someone-else')).status).toBe(200);
  });

  it('limits refresh and logout per refresh token across addresses', async () => {
    const token = randomBytes(32).toString('base64url');
    const use = (path: string, refreshToken: string) =>
      api.call('POST', `/api/v1/auth/${path}`, { body: { refreshToken }, headers: from(address()) });
    expect(statuses([await use('refresh', token), await use('logout', token)])).toEqual([401, 204]);
    expectLimited(await use('refresh', token), 600);
    expect((await use('refresh', randomBytes(32).toString('base64url'))).status).toBe(401);
  });

  it('limits refresh per address', async () => {
    const ip = address();
    const refresh = () =>
      api.call('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: randomBytes(32).toString('base64url') },
        headers: from(ip),
      });
    for (let i = 0; i < 6; i++) expect((await refresh()).status).toBe(401);
    expectLimited(await refresh(), 600);
  });

  it('limits guessing invite codes per signed-in user across addresses, and per address across users', async () => {
    const guesser = await signIn('guesser', address());
    const join = (token: string, ip: string) =>
      api.call('POST', '/api/v1/orgs/join', { token, body: { code: 'ABCD2345' }, headers: from(ip) });
    const guesses = [await join(guesser, address()), await join(guesser, address()), await join(guesser, address())];
    expect(statuses(guesses)).toEqual([400, 400, 400]);
    expectLimited(await join(guesser, address()), 600);

    // Another user is not held back by the guesser...
    const colleague = await signIn('colleague', address());
    expect((await join(colleague, address())).status).toBe(400);
    // ...but one address is, whichever users it signs in as.
    const ip = address();
    for (let i = 0; i < 5; i++) expect((await join(await signIn(`rotating-${i}`, address()), ip)).status).toBe(400);
    expectLimited(await join(await signIn('rotating-5', address()), ip), 600);
  });

  it('counts creating invites with joining, per firm administrator', async () => {
    const admin = await signIn('firm-admin', address());
    const created = await api.call<{ id: number }>('POST', '/api/v1/orgs', {
      token: admin,
      body: firm(61),
      headers: from(address()),
    });
    expect(created.status).toBe(201);
    const invite = () =>
      api.call('POST', `/api/v1/orgs/${created.body.id}/invites`, { token: admin, headers: from(address()) });
    expect(statuses([await invite(), await invite(), await invite()])).toEqual([201, 201, 201]);
    expectLimited(await invite(), 600);
  });

  it('puts a ceiling on everything an address asks, unknown routes included', async () => {
    const [busy, calm] = [address(), address()];
    for (let i = 0; i < 39; i++)
      expect((await api.call('GET', '/api/health', { headers: from(busy) })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/no-such-route', { headers: from(busy) })).status).toBe(404);
    expectLimited(await api.call('GET', '/api/v1/no-such-route', { headers: from(busy) }), 600);
    expectLimited(await api.call('GET', '/api/health', { headers: from(busy) }), 600);
    expect((await api.call('GET', '/api/health', { headers: from(calm) })).status).toBe(200);
  });
});

describe('rate limits without a trusted proxy', () => {
  let api: Booted;
  beforeAll(async () => {
    api = await boot('sqlite', { RATE_LIMIT_ANONYMOUS_IP: '2/600' });
  });
  afterAll(() => api.close());

  it('ignores X-Forwarded-For: a client cannot become another by writing it', async () => {
    const evaluate = (ip: string) =>
      api.call('POST', '/api/v1/eligibility', { body: {}, headers: { 'x-forwarded-for': ip } });
    expect(statuses([await evaluate('192.0.2.1'), await evaluate('192.0.2.2')])).toEqual([400, 400]);
    expectLimited(await evaluate('192.0.2.3'), 600);
  });
});

const REDIS_URL = process.env['REDIS_URL'];

// Several instances behind a load balancer: the counts must be one, or each instance multiplies the limit.
(REDIS_URL ? describe : describe.skip)('rate limits shared through Redis', () => {
  const shared = {
    TRUST_PROXY: '1',
    RATE_LIMIT_ANONYMOUS_IP: '3/600',
    REDIS_URL: REDIS_URL as string,
    // A prefix of its own: other runs on this Redis keep their counts apart.
    RATE_LIMIT_REDIS_PREFIX: `huiqi-test-${randomBytes(6).toString('hex')}:`,
  };
  let one: Booted;
  let two: Booted;
  beforeAll(async () => {
    [one, two] = await Promise.all([boot('sqlite', shared), boot('sqlite', shared)]);
  });
  afterAll(() => Promise.all([one.close(), two.close()]));

  const evaluate = (api: Booted, ip: string) =>
    api.call('POST', '/api/v1/eligibility', { body: {}, headers: { 'x-forwarded-for': ip } });

  it('lets the second instance see the first instance’s count', async () => {
    const ip = address();
    expect(statuses([await evaluate(one, ip), await evaluate(one, ip)])).toEqual([400, 400]);
    expect((await evaluate(two, ip)).status).toBe(400);
    expectLimited(await evaluate(two, ip), 600);
    expectLimited(await evaluate(one, ip), 600);
  });

  it('never refuses a client under the limit, whichever instance answers', async () => {
    const ip = address();
    expect(statuses([await evaluate(two, ip), await evaluate(one, ip), await evaluate(two, ip)])).toEqual([
      400, 400, 400,
    ]);
  });
});

describe('a REDIS_URL that does not answer', () => {
  it('stops the API from starting, saying which setting is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiqi-redis-'));
    try {
      const config = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: dir,
        DEMO_SEED: '0',
        // Port 1 on the loopback: nothing listens there.
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      await expect(createApp(config)).rejects.toThrow(/REDIS_URL/);
      // The failed start closed the database it had opened: SQLite removes its write-ahead log
      // when the last connection closes.
      expect(readdirSync(dir).filter((name) => name.endsWith('-wal'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
