import { type Session, type SessionStore } from './session';
import { type Transport, TransportError, type TransportRequest } from './transport';

/** Every failure of a call to the API, with the Chinese message to show as it is. */
export class ApiError extends Error {
  constructor(
    /** The API's code (`INVALID_REQUEST`, `NOT_FOUND`…), or `NETWORK`, `TIMEOUT`, `BAD_RESPONSE`. */
    readonly code: string,
    /** Chinese, for the user: the API's own message, or ours when no answer came. */
    message: string,
    readonly status: number,
    readonly details: unknown = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer from the server: the page may offer to retry, and keeps what was typed. */
  get offline(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试（已填写的内容不会丢失）';
export const TIMEOUT_MESSAGE = '服务器响应超时，请稍后重试（已填写的内容不会丢失）';
export const SIGNED_OUT_MESSAGE = '登录已过期，请重新登录';
const BAD_RESPONSE_MESSAGE = '服务暂时出错，请稍后再试';

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

const isErrorBody = (value: unknown): value is ErrorBody => {
  const v = value as Partial<ErrorBody> | null;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.message === 'string';
};

const parse = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export interface CallOptions {
  body?: unknown;
  /** Sends no token even when signed in (sign-in itself). */
  anonymous?: boolean;
}

export interface ApiClient {
  get<T>(path: string, options?: CallOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: CallOptions): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  request<T>(method: TransportRequest['method'], path: string, options?: CallOptions): Promise<T>;
  /** The session signed in now, if any. */
  session(): Session | null;
  /** Stores the session a sign-in answered. */
  signedIn(session: Session): void;
  /** Revokes the refresh token (best effort) and forgets the session. */
  signOut(): Promise<void>;
}

export interface ApiClientOptions {
  /** The API's origin; empty for the page's own origin (H5). */
  baseUrl: string;
  transport: Transport;
  store: SessionStore;
  timeoutMs?: number;
  /** Told whenever the session changes (sign-in, refresh, sign-out, expiry). */
  onSessionChange?: (session: Session | null) => void;
}

/**
 * The one way the app calls the API: adds the access token, refreshes it once when the API says
 * it expired (every call waiting on one refresh, since a refresh token works only once and a
 * second use revokes the whole session), and turns every failure into an ApiError with a Chinese
 * message. It rejects on failure, never resolves one as data. Written over a transport so it can
 * later sit over the shared typed client.
 */
export const createApiClient = (options: ApiClientOptions): ApiClient => {
  const { baseUrl, transport, store } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const changed = (session: Session | null): void => options.onSessionChange?.(session);
  let refreshing: Promise<Session | null> | null = null;

  const send = async (
    method: TransportRequest['method'],
    path: string,
    body: unknown,
    token: string | null,
  ): Promise<{ status: number; data: unknown }> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    if (text !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await transport({ method, url: `${baseUrl}${path}`, headers, body: text, timeoutMs });
      return { status: res.status, data: parse(res.text) };
    } catch (error) {
      if (error instanceof TransportError && error.reason === 'timeout')
        throw new ApiError('TIMEOUT', TIMEOUT_MESSAGE, 0);
      throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
    }
  };

  const failure = (status: number, data: unknown): ApiError =>
    isErrorBody(data)
      ? new ApiError(data.code, data.message, status, data.details ?? [], data.requestId ?? null)
      : new ApiError('BAD_RESPONSE', BAD_RESPONSE_MESSAGE, status);

  /** One refresh for every caller that saw the token expire; null when the session is gone. */
  const refresh = (stale: Session): Promise<Session | null> => {
    refreshing ??= (async () => {
      try {
        const { status, data } = await send('POST', '/api/v1/auth/refresh', { refreshToken: stale.refreshToken }, null);
        if (status === 200 && typeof data === 'object' && data !== null) {
          const next: Session = { ...(data as Session), demo: stale.demo };
          store.set(next);
          changed(next);
          return next;
        }
        // Refused (revoked, expired): the session is over.
        store.clear();
        changed(null);
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  const request = async <T>(
    method: TransportRequest['method'],
    path: string,
    callOptions: CallOptions = {},
  ): Promise<T> => {
    const session = callOptions.anonymous ? null : store.get();
    let res = await send(method, path, callOptions.body, session?.accessToken ?? null);
    if (res.status === 401 && session && isErrorBody(res.data) && res.data.code === 'TOKEN_EXPIRED') {
      // Another call may have refreshed already: use its token rather than spend the refresh token again.
      const current = store.get();
      const fresh =
        current && current.accessToken !== session.accessToken ? current : await (refreshing ?? refresh(session));
      if (!fresh) throw new ApiError('UNAUTHENTICATED', SIGNED_OUT_MESSAGE, 401);
      res = await send(method, path, callOptions.body, fresh.accessToken);
    }
    if (res.status >= 200 && res.status < 300) return res.data as T;
    if (res.status === 401 && session) {
      // Expired again right after a refresh, or the token was refused: sign out, say so.
      store.clear();
      changed(null);
    }
    throw failure(res.status, res.data);
  };

  return {
    request,
    get: (path, callOptions) => request('GET', path, callOptions),
    post: (path, body, callOptions) => request('POST', path, { ...callOptions, body }),
    put: (path, body) => request('PUT', path, { body }),
    session: () => store.get(),
    signedIn: (session) => {
      store.set(session);
      changed(session);
    },
    signOut: async () => {
      const session = store.get();
      store.clear();
      changed(null);
      if (session) {
        // The refresh token is revoked on the server; if that fails offline, it expires on its own.
        await send('POST', '/api/v1/auth/logout', { refreshToken: session.refreshToken }, null).catch(() => undefined);
      }
    },
  };
};
