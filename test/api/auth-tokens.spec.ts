import { createHmac, randomBytes } from 'node:crypto';
import { keyIdOf, TokenSigner } from '../../api/src/modules/auth/tokens.js';
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
