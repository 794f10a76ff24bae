/**
 * @jest-environment node
 */
// The app's API client (the shared typed client over the device's session) against a real HTTP
// server on a loopback port that answers as the API does (its routes, its error shape, refresh tokens
// that work once): nothing of ours is replaced. The typed client's own behaviour is tested in shared.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApiError, createApiClient, fetchTransport, type SessionUser } from '@huiqi/shared';
import { messageOf, NETWORK_MESSAGE, TIMEOUT_MESSAGE } from '../src/services/errors';
import { loadPrograms } from '../src/services/programs';
import { memorySessionStore, type Session, signInDemo, signOut, sessionSource } from '../src/services/session';

const user: SessionUser = { id: 7, role: 'applicant', county: null, displayName: '申报用户7' };
const session = (n: number): Session => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user,
});

let server: Server;
let base: string;
/** The access token the server accepts now; older ones answer TOKEN_EXPIRED. */
let current = 1;
let refreshCalls = 0;
const loggedOut: string[] = [];
/** Refresh tokens already spent: using one again is refused, as the API does. */
const spent = new Set<string>();

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
};

const houseError = (res: ServerResponse, status: number, code: string, message: string): void =>
  json(res, status, { code, message, details: [], requestId: 'req-1' });

const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const auth = req.headers['authorization'];
  switch (`${req.method} ${req.url}`) {
    case 'POST /api/v1/auth/refresh': {
      refreshCalls++;
      const { refreshToken } = await readBody(req);
      if (typeof refreshToken !== 'string' || spent.has(refreshToken) || refreshToken !== `refresh-${current}`)
        return houseError(res, 401, 'UNAUTHENTICATED', '登录凭证无效，请重新登录');
      spent.add(refreshToken);
      current++;
      return json(res, 200, session(current));
    }
    case 'POST /api/v1/auth/logout': {
      const { refreshToken } = await readBody(req);
      loggedOut.push(String(refreshToken));
      res.writeHead(204).end();
      return;
    }
    case 'GET /api/v1/me':
      if (!auth) return houseError(res, 401, 'UNAUTHENTICATED', '请先登录');
      if (auth !== `Bearer access-${current}`)
        return houseError(res, 401, 'TOKEN_EXPIRED', '登录已过期，请刷新或重新登录');
      return json(res, 200, user);
    case 'POST /api/v1/auth/demo':
      return json(res, 200, session(current));
    case 'GET /api/v1/orgs/999':
      return houseError(res, 404, 'NOT_FOUND', '企业不存在或您不是该企业的成员');
    case 'GET /api/v1/programs?year=2030':
      return json(res, 422, {
        code: 'NO_EDITION',
        message: '2030年度没有施行中的政策版本',
        details: [],
        requestId: 'r',
      });
    case 'GET /api/health':
      return; // never answers: the timeout
    default:
      return houseError(res, 404, 'NOT_FOUND', '请求的地址不存在');
  }
};

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  current = 1;
  refreshCalls = 0;
  spent.clear();
  loggedOut.length = 0;
});

const client = (signedIn: Session | null, timeoutMs?: number) => {
  const store = memorySessionStore(signedIn);
  const changes: (Session | null)[] = [];
  const sessions = sessionSource(store, (s) => changes.push(s));
  const api = createApiClient({
    baseUrl: base,
    transport: fetchTransport(),
    tokens: sessions,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { api, store, sessions, changes };
};

const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

describe("the app's API client", () => {
  it('sends the access token of the session kept on the device', async () => {
    const { api } = client(session(1));
    await expect(api.getMe()).resolves.toEqual(user);
  });

  it('refreshes an expired token once for every call waiting on it, keeps the new session and tells the pages', async () => {
    current = 2; // the server has moved on: access-1 is expired, refresh-2 still good
    const stale = { ...session(1), refreshToken: 'refresh-2', demo: true };
    const { api, store, changes } = client(stale);
    const answers = await Promise.all([api.getMe(), api.getMe(), api.getMe()]);
    expect(answers).toEqual([user, user, user]);
    // Three calls saw TOKEN_EXPIRED; a second use of refresh-2 would have ended the session.
    expect(refreshCalls).toBe(1);
    expect(store.get()?.accessToken).toBe('access-3');
    // The refreshed session of the same user is still the demo one.
    expect(store.get()?.demo).toBe(true);
    expect(changes.map((s) => s?.accessToken)).toEqual(['access-3']);
  });

  it('forgets the session and tells the pages when the refresh is refused', async () => {
    current = 5;
    const { api, store, changes } = client(session(1));
    const error = await failure(api.getMe());
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(messageOf(error)).toBe('登录凭证无效，请重新登录');
    expect(store.get()).toBeNull();
    expect(changes).toEqual([null]);
  });

  it('marks a demo sign-in as such', async () => {
    const { api, store, sessions, changes } = client(null);
    const answer = await signInDemo(api, sessions);
    expect(answer.demo).toBe(true);
    expect(store.get()).toMatchObject({ accessToken: 'access-1', demo: true });
    expect(changes.map((s) => s?.demo)).toEqual([undefined, true]);
  });

  it("shows the API's own Chinese message and keeps its code and request id", async () => {
    const { api } = client(session(1));
    const error = await failure(api.getOrg({ params: { orgId: 999 } }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, requestId: 'req-1' });
    expect(messageOf(error)).toBe('企业不存在或您不是该企业的成员');
  });

  it('tells a lost network and a timeout apart, both offline, saying what was typed is kept', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, transport: fetchTransport() });
    const lost = await failure(down.getHealth());
    expect(lost).toMatchObject({ code: 'NETWORK', offline: true });
    expect(messageOf(lost)).toBe(NETWORK_MESSAGE);

    const slow = createApiClient({ baseUrl: base, transport: fetchTransport(), timeoutMs: 300 });
    const late = await failure(slow.call('getHealth'));
    expect(late).toMatchObject({ code: 'TIMEOUT', offline: true });
    expect(messageOf(late)).toBe(TIMEOUT_MESSAGE);
    expect(messageOf(new Error('x'))).toBe('操作失败，请稍后重试');
  });

  it('signs out on the device at once and revokes the refresh token on the server', async () => {
    const { api, store, sessions, changes } = client(session(1));
    await signOut(api, sessions);
    expect(store.get()).toBeNull();
    expect(loggedOut).toEqual(['refresh-1']);
    expect(changes).toEqual([null]);
  });
});

describe('首页 programs', () => {
  it('falls back to the built-in edition, marked offline, when the API cannot be reached', async () => {
    const down = createApiClient({ baseUrl: 'http://127.0.0.1:9', transport: fetchTransport() });
    const answer = await loadPrograms(down, 2026);
    expect(answer.offline).toBe(true);
    expect(answer.edition.claimYear).toBe(2023);
    expect(answer.programs).toHaveLength(9);
  });

  it("passes the API's refusal on (no edition for the year), in its words", async () => {
    const error = await failure(loadPrograms(client(null).api, 2030));
    expect(error).toMatchObject({ code: 'NO_EDITION', message: '2030年度没有施行中的政策版本' });
  });
});
