import { type Session } from '../contracts/auth';
import { type ErrorCode, type ErrorDetailsByCode, type FieldError } from '../contracts/errors';
import { type UploadFileRequest } from '../contracts/files';
import {
  type BodyOf,
  type OperationId,
  OPERATIONS,
  type OperationRoute,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '../contracts/operations';
import { type Transport, TransportError, type UploadProgress } from './transport';

/** When no usable answer came: no connection, no answer in time, or an answer not in the house shape. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE';

export const CLIENT_ERROR_MESSAGES: Readonly<Record<ClientErrorCode, string>> = {
  NETWORK: '网络连接失败，请检查网络后重试',
  TIMEOUT: '服务器响应超时，请稍后重试',
  BAD_RESPONSE: '服务暂时出错，请稍后再试',
};

type DetailsOf<C extends ErrorCode | ClientErrorCode> = C extends ErrorCode ? ErrorDetailsByCode[C] : FieldError[];

/**
 * Every failure of a call, the API's refusals and the client's own: `code`, the Chinese `message`
 * to show as it is, `details` (typed by code: narrow with `is`), the HTTP `status` (0 when no
 * answer came) and the API's `requestId` (null when it did not answer).
 */
export class ApiError<C extends ErrorCode | ClientErrorCode = ErrorCode | ClientErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly status: number,
    readonly details: DetailsOf<C>,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Narrows the error to one code, and its details to that code's. */
  is<K extends C>(code: K): this is ApiError<K> {
    return (this.code as string) === code;
  }

  /** No answer came: a page may offer to retry, keeping what was typed. */
  get offline(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

/** The tokens of a session: what the client sends and spends. */
export type SessionTokens = Pick<Session, 'accessToken' | 'refreshToken'>;

/** Where the session lives (memory, wx storage, localStorage). */
export interface TokenSource {
  /** The session's tokens now; null when signed out. */
  current(): SessionTokens | null | Promise<SessionTokens | null>;
  /** A sign-in's or a refresh's new session; null when the session ended (sign-out, a refused refresh). */
  save(session: Session | null): void | Promise<void>;
}

/** Tokens kept in memory, and the last session saved. */
export interface MemoryTokens extends TokenSource {
  current(): SessionTokens | null;
  save(session: Session | null): void;
  session: Session | null;
}

/** Tokens kept in memory only (a page that must not remember, the tests). */
export const memoryTokens = (initial: SessionTokens | null = null): MemoryTokens => {
  const tokensOf = (s: SessionTokens | null): SessionTokens | null =>
    s && { accessToken: s.accessToken, refreshToken: s.refreshToken };
  let tokens = tokensOf(initial);
  const source = {
    session: null as Session | null,
    current: () => tokens,
    save: (session: Session | null) => {
      source.session = session;
      tokens = tokensOf(session);
    },
  };
  return source;
};

/** Operations whose answer is JSON (or nothing): every one but the signed file download, which is a link. */
export type ClientOperationId = {
  [K in OperationId]: (typeof OPERATIONS)[K] extends { response: 'file' } ? never : K;
}[OperationId];

/** A part the call must give, may give (a query whose every field is optional), or has none of. */
type Part<Name extends string, T, Optional extends boolean> = [T] extends [undefined]
  ? unknown
  : Optional extends true
    ? { [P in Name]?: T }
    : { [P in Name]: T };

/**
 * What a call of the operation takes: `params` for the path, `query`, `body`, each as the
 * contract types it. A body is always given, even `{}`, so what is sent is what is written.
 */
export type OperationInput<K extends OperationId> = Part<'params', ParamsOf<K>, false> &
  Part<'query', QueryOf<K>, object extends QueryOf<K> ? true : false> &
  Part<'body', BodyOf<K>, false>;

/** The input is optional when nothing in it is required. */
export type InputArgs<K extends OperationId> =
  object extends OperationInput<K> ? [input?: OperationInput<K>] : [input: OperationInput<K>];

/** Operations whose body is a file (multipart): they alone take `CallOptions` after their input. */
export type UploadOperationId = {
  [K in OperationId]: (typeof OPERATIONS)[K] extends { body: 'multipart' } ? K : never;
}[OperationId];

/** How an upload is sent: `onUploadProgress` hears the bytes sent (where the transport can tell). */
export interface UploadOptions {
  onUploadProgress?: UploadProgress;
}

/** A call's arguments: its input, and for an upload the upload's options. */
export type CallArgs<K extends ClientOperationId> = K extends UploadOperationId
  ? [...InputArgs<K>, options?: UploadOptions]
  : InputArgs<K>;

type Methods = { [K in ClientOperationId]: (...args: CallArgs<K>) => Promise<ResponseOf<K>> };

export interface ApiClient extends Methods {
  /** Calls an operation by its id (the same as the method of that name). */
  call<K extends ClientOperationId>(id: K, ...args: CallArgs<K>): Promise<ResponseOf<K>>;
  /** The absolute URL of an operation, for what the platform fetches itself (a signed download, an image). */
  urlOf<K extends OperationId>(id: K, ...input: InputArgs<K>): string;
}

export interface ApiClientOptions {
  /** The API's origin (`https://api.example.cn`); empty for the page's own origin (H5). */
  baseUrl: string;
  transport: Transport;
  /** The session's tokens; without it every call is anonymous. */
  tokens?: TokenSource;
  /** Per request, sent to the transport; default 15 s. */
  timeoutMs?: number;
}

interface RawInput {
  params?: Record<string, string | number>;
  query?: object;
  body?: unknown;
}

const pathOf = (route: OperationRoute, input: RawInput): string => {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(input.params?.[name] ?? '')),
  );
  const query = Object.entries(input.query ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
};

const parse = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const isErrorBody = (
  value: unknown,
): value is { code: ErrorCode; message: string; details?: unknown; requestId?: unknown } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { code?: unknown }).code === 'string' &&
  typeof (value as { message?: unknown }).message === 'string';

const clientError = (code: ClientErrorCode, status = 0): ApiError =>
  new ApiError(code, CLIENT_ERROR_MESSAGES[code], status, [], null);

/** The refusal as the API worded it, or BAD_RESPONSE when the answer is not in the house shape (a proxy's page). */
const refusal = (status: number, text: string): ApiError => {
  const body = parse(text);
  if (!isErrorBody(body)) return clientError('BAD_RESPONSE', status);
  const requestId = typeof body.requestId === 'string' ? body.requestId : null;
  return new ApiError(body.code, body.message, status, (body.details ?? []) as DetailsOf<ErrorCode>, requestId);
};

/**
 * A typed client of the API: one method per operation (`client.createOrg({ body })`, or
 * `client.call('createOrg', { body })`), path, query and body typed from the shared contract,
 * answering the operation's response type. It adds the bearer token to the routes that need one;
 * when the API says the token expired, it refreshes the session once (every call that saw it
 * expire waits on that one refresh: a refresh token works once, and a second use ends the whole
 * session) and tries again once. Every failure rejects with an ApiError; a failure is never
 * resolved as data. Sign-ins save their session into the token source, sign-out clears it.
 *
 * No framework and no Node-only import: the transport is injected (fetch in browsers and tests,
 * wx.request in the mini-program).
 */
export const createApiClient = (options: ApiClientOptions): ApiClient => {
  const { baseUrl, transport, tokens } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let refreshing: Promise<SessionTokens | ApiError> | null = null;

  const send = async (
    route: OperationRoute,
    input: RawInput,
    accessToken: string | null,
    onUploadProgress?: UploadProgress,
  ) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (accessToken) headers['authorization'] = `Bearer ${accessToken}`;
    const url = `${baseUrl}${pathOf(route, input)}`;
    let body: string | undefined;
    let form: { field: string; file: UploadFileRequest['file'] } | undefined;
    if (route.body === 'multipart') form = { field: 'file', file: (input.body as UploadFileRequest).file };
    else if (input.body !== undefined) {
      body = JSON.stringify(input.body);
      headers['content-type'] = 'application/json';
    }
    try {
      return await transport({
        method: route.method,
        url,
        headers,
        timeoutMs,
        ...(body === undefined ? {} : { body }),
        ...(form ? { form } : {}),
        ...(form && onUploadProgress ? { onUploadProgress } : {}),
      });
    } catch (error) {
      // A transport rejects with TransportError when no answer came; anything else is its own bug.
      if (!(error instanceof TransportError)) throw error;
      throw clientError(error.reason === 'timeout' ? 'TIMEOUT' : 'NETWORK');
    }
  };

  /** One refresh for every call that saw `stale` expire; the new tokens, or why there are none. */
  const refresh = (stale: string): Promise<SessionTokens | ApiError> => {
    refreshing ??= (async () => {
      try {
        const current = await tokens?.current();
        // Another call refreshed already: use its token rather than spend the refresh token again.
        if (current && current.accessToken !== stale) return current;
        if (!current) return new ApiError('UNAUTHENTICATED', '请先登录', 401, [], null);
        const res = await send(OPERATIONS.refreshSession, { body: { refreshToken: current.refreshToken } }, null);
        if (res.status !== 200) {
          const error = refusal(res.status, res.text);
          // Refused (revoked, expired): the session is over. A failure of ours leaves it for the next try.
          if (error.code === 'UNAUTHENTICATED') await tokens?.save(null);
          return error;
        }
        const session = parse(res.text) as Session | undefined;
        if (!session?.accessToken) return clientError('BAD_RESPONSE', res.status);
        await tokens?.save(session);
        return session;
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  const call = async (id: OperationId, input: RawInput = {}, options: UploadOptions = {}): Promise<unknown> => {
    const route: OperationRoute = OPERATIONS[id];
    const signedIn = route.access === 'signed-in' && tokens !== undefined;
    let accessToken = signedIn ? ((await tokens.current())?.accessToken ?? null) : null;
    const progress = route.body === 'multipart' ? options.onUploadProgress : undefined;
    try {
      let res = await send(route, input, accessToken, progress);
      if (res.status === 401 && accessToken !== null && refusal(res.status, res.text).code === 'TOKEN_EXPIRED') {
        const fresh = await refresh(accessToken);
        if (fresh instanceof ApiError) throw fresh;
        accessToken = fresh.accessToken;
        res = await send(route, input, accessToken, progress);
      }
      if (res.status < 200 || res.status >= 300) throw refusal(res.status, res.text);
      if (route.status === 204) return undefined;
      const data = parse(res.text);
      if (data === undefined) throw clientError('BAD_RESPONSE', res.status);
      if (route.session === 'opens') await tokens?.save(data as Session);
      return data;
    } finally {
      // Signing out always signs out here, whatever the API answered (the refresh token also expires on its own).
      if (route.session === 'closes') await tokens?.save(null);
    }
  };

  // The methods are made from the route table at run time; their types come from the contract (ApiClient).
  const methods = Object.fromEntries(
    (Object.keys(OPERATIONS) as OperationId[]).map((id) => [
      id,
      (input?: RawInput, options?: UploadOptions) => call(id, input, options),
    ]),
  );
  return {
    ...methods,
    call: (id: OperationId, input?: RawInput, options?: UploadOptions) => call(id, input, options),
    urlOf: (id: OperationId, input?: RawInput) => `${baseUrl}${pathOf(OPERATIONS[id], input ?? {})}`,
  } as unknown as ApiClient;
};
