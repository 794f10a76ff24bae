/**
 * @jest-environment node
 */
// The request wrapper against a real HTTP server on a loopback port that answers as the API does
// (its routes, its error shape, refresh tokens that work once): nothing of ours is replaced.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  ApiError,
  createApiClient,
  NETWORK_MESSAGE,
  SIGNED_OUT_MESSAGE,
  TIMEOUT_MESSAGE,
} from '../src/services/request';
import { loadPrograms } from '../src/services/programs';
import { memorySessionStore, type Session } from '../src/services/session';
import { fetchTransport } from '../src/services/transport';

const user = { id: 7, role: 'applicant', county: null, displayName: '申报用户7' };
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
    case 'GET /api/v1/orgs/999':
      return houseError(res, 404, 'NOT_FOUND', '企业不存在或您不是该企业的成员');
    case 'GET /api/v1/programs?year=2030':
      return json(res, 422, {
        code: 'NO_EDITION',
        message: '2030年度没有施行中的政策版本',
        details: [],
        requestId: 'r',
      });
    case 'GET /api/v1/broken':
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
      return;
    case 'GET /api/v1/slow':
      return; // never answers
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
  const api = createApiClient({
    baseUrl: base,
    transport: fetchTransport,
    store,
    onSessionChange: (s) => changes.push(s),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return { api, store, changes };
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

describe('the request wrapper', () => {
  it('sends the access token of the session', async () => {
    const { api } = client(session(1));
    await expect(api.get('/api/v1/me')).resolves.toEqual(user);
  });

  it('refreshes an expired token once for every call waiting on it, and keeps the new session', async () => {
    current = 2; // the server has moved on: access-1 is expired, refresh-1 still good
    const stale = { ...session(1), refreshToken: 'refresh-2' };
    const { api, store, changes } = client(stale);
    const answers = await Promise.all([api.get('/api/v1/me'), api.get('/api/v1/me'), api.get('/api/v1/me')]);
    expect(answers).toEqual([user, user, user]);
    // Three calls saw TOKEN_EXPIRED; a second use of refresh-2 would have ended the session.
    expect(refreshCalls).toBe(1);
    expect(store.get()?.accessToken).toBe('access-3');
    expect(changes.map((s) => s?.accessToken)).toEqual(['access-3']);
  });

  it('signs out, in Chinese, when the refresh is refused', async () => {
    current = 5;
    const { api, store, changes } = client(session(1));
    const error = await failure(api.get('/api/v1/me'));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe(SIGNED_OUT_MESSAGE);
    expect(store.get()).toBeNull();
    expect(changes).toEqual([null]);
  });

  it("rejects with the API's own code, Chinese message and request id", async () => {
    const { api } = client(session(1));
    const error = await failure(api.get('/api/v1/orgs/999'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, requestId: 'req-1' });
    expect(error.message).toBe('企业不存在或您不是该企业的成员');
  });

  it('answers a reply that is not the house shape with a Chinese message', async () => {
    const error = await failure(client(null).api.get('/api/v1/broken'));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 502, message: '服务暂时出错，请稍后再试' });
  });

  it('tells a lost network and a timeout apart, both offline, both in Chinese', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = createApiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      transport: fetchTransport,
      store: memorySessionStore(),
    });
    const lost = await failure(down.get('/api/v1/me'));
    expect(lost).toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE, offline: true });

    const slow = await failure(client(null, 300).api.get('/api/v1/slow'));
    expect(slow).toMatchObject({ code: 'TIMEOUT', message: TIMEOUT_MESSAGE, offline: true });
  });

  it('revokes the refresh token on sign-out and forgets the session', async () => {
    const { api, store } = client(session(1));
    await api.signOut();
    expect(store.get()).toBeNull();
    expect(loggedOut).toEqual(['refresh-1']);
  });
});

describe('首页 programs', () => {
  it('falls back to the built-in edition, marked offline, when the API cannot be reached', async () => {
    const down = createApiClient({
      baseUrl: 'http://127.0.0.1:9',
      transport: fetchTransport,
      store: memorySessionStore(),
    });
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
