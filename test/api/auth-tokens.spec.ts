import { createHmac, randomBytes } from 'node:crypto';
import { keyIdOf, TokenSigner } from '../../api/src/common/tokens.js';
import { boot, type Booted, type Reply } from './support/app.js';
import { ENGINES } from './support/databases.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: number; role: string; county: string | null };
}

const CHINESE = /[\u4e00-\u9fff]/;

const expectError = (res: Reply<unknown>, status: number, code: string): void => {
  const body = res.body as { code: string; message: string; details: unknown; requestId: string };
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.message).toMatch(CHINESE);
};

const decode = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A token whose payload is whatever the test says, correctly signed with `secret`. */
const signed = (secret: string, payload: unknown): string => {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

describe.each(ENGINES)('access tokens end to end on %s', (engine) => {
  const OLD = randomBytes(32).toString('base64url');
  const NEW = randomBytes(32).toString('base64url');
  let api: Booted;

  beforeAll(async () => {
    // Mid-rotation: NEW signs, OLD still verifies.
    api = await boot(engine, { TOKEN_SECRET: NEW, TOKEN_SECRET_PREVIOUS: OLD });
  });
  afterAll(() => api.close());

  const signIn = async (code: string): Promise<Session> => {
    const res = await api.call<Session>('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(res.status).toBe(200);
    return res.body;
  };
  const me = (token: string) => api.call('GET', '/api/v1/me', { token });

  it('signs new sessions with the current key, naming it', async () => {
    const { accessToken } = await signIn('demo-kid');
    expect(decode(accessToken)['kid']).toBe(keyIdOf(NEW));
    expect((await me(accessToken)).status).toBe(200);
  });

  it('accepts a token of the previous key while it is configured, and not one of an unknown key', async () => {
    const { user } = await signIn('demo-rotated');
    const now = () => api.clock.now().getTime();
    const principal = { userId: user.id, role: 'applicant', county: null } as const;
    const before = new TokenSigner({ current: OLD }, 900, now).issue(principal).accessToken;
    expect(decode(before)['kid']).toBe(keyIdOf(OLD));
    const who = await me(before);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ id: user.id });
    const stranger = new TokenSigner({ current: randomBytes(32).toString('base64url') }, 900, now);
    expectError(await me(stranger.issue(principal).accessToken), 401, 'UNAUTHENTICATED');
  });

  it('refuses a well-signed token without exp, with a non-numeric exp, an unknown role or an extra claim', async () => {
    const { accessToken } = await signIn('demo-claims');
    const payload = decode(accessToken);
    // The same payload signed again by hand is accepted: what refuses the others is their claims.
    expect((await me(signed(NEW, payload))).status).toBe(200);
    const noExp = { ...payload };
    delete noExp['exp'];
    for (const changed of [
      noExp,
      { ...payload, exp: 'never' },
      { ...payload, exp: String(payload['exp']) },
      { ...payload, role: 'root' },
      { ...payload, sub: String(payload['sub']) },
      { ...payload, admin: true },
    ])
      expectError(await me(signed(NEW, changed)), 401, 'UNAUTHENTICATED');
  });
});

describe.each(ENGINES)('refresh token families on %s', (engine) => {
  let api: Booted;
  beforeAll(async () => {
    api = await boot(engine);
  });
  afterAll(() => api.close());

  const signIn = async (code: string): Promise<Session> => {
    const res = await api.call<Session>('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(res.status).toBe(200);
    return res.body;
  };
  const refresh = (refreshToken: string) =>
    api.call<Session>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const logout = (refreshToken: string) => api.call('POST', '/api/v1/auth/logout', { body: { refreshToken } });

  it('revokes the whole family when a rotated token comes back, the working successor too', async () => {
    const stolen = await signIn('demo-victim');
    const first = await refresh(stolen.refreshToken);
    expect(first.status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    // Another sign-in of the same person is another family, and keeps working.
    const phone = await signIn('demo-victim');
    expect(phone.user.id).toBe(stolen.user.id);

    expectError(await refresh(stolen.refreshToken), 401, 'UNAUTHENTICATED');
    expectError(await refresh(second.body.refreshToken), 401, 'UNAUTHENTICATED');
    expectError(await refresh(first.body.refreshToken), 401, 'UNAUTHENTICATED');
    expect((await refresh(phone.refreshToken)).status).toBe(200);

    const admin = await api.login('admin');
    const audit = await api.call<{ entries: { action: string; entityId: string; after: unknown }[] }>(
      'GET',
      `/api/v1/audit?entity=user&entityId=${stolen.user.id}`,
      { token: admin },
    );
    const replays = audit.body.entries.filter((e) => e.action === 'session.refresh-replayed');
    // The first replay revoked the live successor; the later ones found nothing left to revoke.
    expect(replays.map((e) => e.after)).toEqual([{ revokedTokens: 1 }]);
  });

  it('revokes the family when one of several concurrent refreshes with the same token wins', async () => {
    const { refreshToken } = await signIn('demo-racer');
    const burst = await Promise.all(Array.from({ length: 5 }, () => refresh(refreshToken)));
    const winners = burst.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of burst.filter((r) => r.status !== 200)) expectError(r, 401, 'UNAUTHENTICATED');
    // The losers were second uses of one token: the winner's successor, inserted while they
    // waited, is revoked with the family.
    expectError(await refresh((winners[0] as Reply<Session>).body.refreshToken), 401, 'UNAUTHENTICATED');
  });

  it('revokes the family when a replay races the rotation of its successor, whichever runs first', async () => {
    for (let round = 0; round < 8; round++) {
      const first = await signIn(`demo-crossing-${round}`);
      const rotated = await refresh(first.refreshToken);
      expect(rotated.status).toBe(200);
      const replies = await Promise.all([
        refresh(first.refreshToken),
        refresh(rotated.body.refreshToken),
        refresh(first.refreshToken),
        refresh(rotated.body.refreshToken),
      ]);
      // Whatever the order, nothing fails on a lock, the replays are refused...
      expect(replies.map((r) => r.status)).toEqual([401, expect.any(Number), 401, expect.any(Number)]);
      for (const r of replies.filter((r) => r.status !== 200)) expectError(r, 401, 'UNAUTHENTICATED');
      // ...and any successor handed out in the race is revoked with the family.
      for (const r of replies.filter((r) => r.status === 200))
        expectError(await refresh(r.body.refreshToken), 401, 'UNAUTHENTICATED');
    }
  });

  it('logs out the whole family: a rotated token ends the session its successor continues', async () => {
    const session = await signIn('demo-logout');
    const other = await signIn('demo-logout');
    const rotated = await refresh(session.refreshToken);
    expect(rotated.status).toBe(200);
    const out = await logout(session.refreshToken);
    expect(out.status).toBe(204);
    expectError(await refresh(rotated.body.refreshToken), 401, 'UNAUTHENTICATED');
    expect((await refresh(other.refreshToken)).status).toBe(200);
    // An unknown token logs nothing out and says nothing about it.
    expect((await logout('x'.repeat(43))).status).toBe(204);
  });
});
