import { type ErrorBody } from '@huiqi/shared';
import { hashPassword } from '../../api/src/modules/auth/passwords.js';
import { UserEntity } from '../../api/src/modules/auth/user.entity.js';
import { boot, type Booted, type Reply } from './support/app.js';
import { ENGINES } from './support/databases.js';

const CHINESE = /[\u4e00-\u9fff]/;
const SECOND = 1000;
const PASSWORD = 'Reviewer-2026';
const ATTACKER = '203.0.113.7';
const OFFICE = '198.51.100.20';

/** What a client can see of an answer, minus what differs between any two requests (ids, dates). */
const visible = (res: Reply<unknown>) => {
  const body = res.body as ErrorBody;
  return {
    status: res.status,
    code: body.code,
    message: body.message,
    details: body.details,
    headers: [...res.headers.keys()].sort(),
    retryAfter: res.headers.get('retry-after'),
  };
};

const expectRefusal = (res: Reply<unknown>, status: 401 | 429): ErrorBody => {
  const body = res.body as ErrorBody;
  expect({ status: res.status, code: body.code }).toEqual(
    status === 401 ? { status, code: 'UNAUTHENTICATED' } : { status, code: 'RATE_LIMITED' },
  );
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.message).toMatch(CHINESE);
  if (status === 429) {
    const seconds = Number(res.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(body.details).toEqual({ retryAfterSeconds: seconds });
  } else expect(res.headers.get('retry-after')).toBeNull();
  return body;
};

describe.each(ENGINES)('the staff sign-in throttle on %s', (engine) => {
  let api: Booted;
  beforeAll(async () => {
    // One trusted proxy: the tests speak from many addresses through X-Forwarded-For.
    api = await boot(engine, { TRUST_PROXY: '1' });
  });
  afterAll(() => api.close());

  const createStaff = async (username: string): Promise<void> => {
    const users = api.app.dataSource.getRepository(UserEntity);
    await users.save(
      users.create({
        kind: 'staff',
        username,
        passwordHash: await hashPassword(PASSWORD),
        role: 'admin',
        county: null,
        displayName: username,
      }),
    );
  };
  const staff = (username: string, password: string, from: string) =>
    api.call('POST', '/api/v1/auth/staff', { body: { username, password }, headers: { 'x-forwarded-for': from } });

  it('answers a username that does not exist exactly as one that does, attempt after attempt', async () => {
    await createStaff('probe.real');
    const seen: ReturnType<typeof visible>[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const real = await staff('probe.real', `Wrong-pass-${attempt}`, ATTACKER);
      const ghost = await staff('probe.ghost', `Wrong-pass-${attempt}`, ATTACKER);
      expect(visible(ghost)).toEqual(visible(real));
      seen.push(visible(real));
      if (attempt === 6) {
        // Past the delay, both are checked again, and both wait longer next time.
        api.clock.advance(60 * SECOND);
      }
    }
    // So that the comparison is about something: both were refused, then delayed.
    expect(seen.map((s) => s.status)).toEqual([401, 401, 401, 401, 401, 429, 401, 429]);
    expect(seen.map((s) => s.retryAfter)).toEqual([null, null, null, null, null, '60', null, '120']);
  });

  it('lets the real user in from the office while an attacker fails at the same account elsewhere', async () => {
    await createStaff('target.admin');
    const attacks: number[] = [];
    for (let i = 0; i < 12; i++) attacks.push((await staff('target.admin', `Guess-${i}-pass`, ATTACKER)).status);
    expect(attacks).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    // A typo at the office is a plain wrong password, not a delay; then the right one gets in.
    expectRefusal(await staff('target.admin', 'Typo-pass-1', OFFICE), 401);
    const res = await staff('target.admin', PASSWORD, OFFICE);
    expect(res.status).toBe(200);
    // The attacker is still waiting, even with the right password.
    expectRefusal(await staff('target.admin', PASSWORD, ATTACKER), 429);
  });

  it('doubles the delay after each failure past the free attempts, up to an hour', async () => {
    await createStaff('slow.guesser');
    for (let i = 0; i < 5; i++) expectRefusal(await staff('slow.guesser', 'Wrong-pass-0', ATTACKER), 401);
    const delays: number[] = [];
    for (let round = 0; round < 8; round++) {
      const waiting = await staff('slow.guesser', 'Wrong-pass-0', ATTACKER);
      expectRefusal(waiting, 429);
      const seconds = Number(waiting.headers.get('retry-after'));
      delays.push(seconds);
      // One second early is still too early.
      api.clock.advance((seconds - 1) * SECOND);
      const early = await staff('slow.guesser', 'Wrong-pass-0', ATTACKER);
      expectRefusal(early, 429);
      expect(early.headers.get('retry-after')).toBe('1');
      api.clock.advance(SECOND);
      expectRefusal(await staff('slow.guesser', 'Wrong-pass-0', ATTACKER), 401);
    }
    expect(delays).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    // Once the wait is over the right password gets in, and the count starts again.
    const waiting = await staff('slow.guesser', PASSWORD, ATTACKER);
    api.clock.advance(Number(waiting.headers.get('retry-after')) * SECOND);
    expect((await staff('slow.guesser', PASSWORD, ATTACKER)).status).toBe(200);
    expectRefusal(await staff('slow.guesser', 'Wrong-pass-0', ATTACKER), 401);
  });

  it('says when to try again, in minutes or seconds', async () => {
    await createStaff('when.again');
    for (let i = 0; i < 5; i++) await staff('when.again', 'Wrong-pass-0', ATTACKER);
    expect(expectRefusal(await staff('when.again', 'Wrong-pass-0', ATTACKER), 429).message).toBe(
      '登录尝试过于频繁，请于1分钟后再试',
    );
    api.clock.advance(30 * SECOND);
    expect(expectRefusal(await staff('when.again', 'Wrong-pass-0', ATTACKER), 429).message).toBe(
      '登录尝试过于频繁，请于30秒后再试',
    );
  });

  it('counts every guess of a burst: only the free attempts are checked', async () => {
    await createStaff('burst.target');
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => staff('burst.target', `Burst-pass-${i}`, ATTACKER)),
    );
    expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
    for (const r of burst.filter((r) => r.status !== 401)) expectRefusal(r, 429);
  });

  it('checks no more guesses of a burst than attempts are left', async () => {
    await createStaff('flood.target');
    for (let i = 0; i < 4; i++) expectRefusal(await staff('flood.target', 'Wrong-pass-0', ATTACKER), 401);
    const burst = await Promise.all(Array.from({ length: 10 }, () => staff('flood.target', 'Wrong-pass-1', ATTACKER)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(1);
    for (const r of burst.filter((r) => r.status !== 401)) expectRefusal(r, 429);
  });

  it('treats a username in capitals or with spaces as the same account, and a look-alike as unknown', async () => {
    await createStaff('case.user');
    for (const spelling of ['Case.User', 'CASE.USER', ' case.user', 'case.user ', 'Case.user'])
      expectRefusal(await staff(spelling, 'Wrong-pass-0', ATTACKER), 401);
    // One account, one count: the sixth spelling waits.
    expectRefusal(await staff('case.user', PASSWORD, ATTACKER), 429);
    expect((await staff(' Case.User ', PASSWORD, OFFICE)).status).toBe(200);
    // MariaDB's collation finds `case.user` for these; they are other names, and none signs in.
    for (const lookalike of ['cäse.user', 'ｃａｓｅ.user', 'case.usér'])
      expectRefusal(await staff(lookalike, PASSWORD, OFFICE), 401);
  });

  it('forgets a count after a quiet day', async () => {
    await createStaff('quiet.user');
    for (let i = 0; i < 6; i++) await staff('quiet.user', 'Wrong-pass-0', ATTACKER);
    expectRefusal(await staff('quiet.user', 'Wrong-pass-0', ATTACKER), 429);
    api.clock.advance(24 * 3600 * SECOND);
    for (let i = 0; i < 5; i++) expectRefusal(await staff('quiet.user', 'Wrong-pass-0', ATTACKER), 401);
    expectRefusal(await staff('quiet.user', 'Wrong-pass-0', ATTACKER), 429);
  });
});
