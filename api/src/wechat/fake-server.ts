import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * A stand-in for api.weixin.qq.com, so tests and the demo exercise the real HTTP client against
 * WeChat's real query names, response shapes and error codes without ever reaching WeChat.
 *
 * js_code values are magic: `invalid`/`invalid-…` → 40029, `used-…` → 40163, `frequent` → 45011,
 * `blocked` → 40226, `busy` → -1, `http-500` → HTTP 500, `slow` → answers after 3 s; any other
 * code C logs in as openid `o-C`, once (WeChat codes are single-use), except `demo-…` codes.
 */

export type FakeWechatOptions = {
  port?: number;
  host?: string;
  appId?: string;
  appSecret?: string;
  /** Serve every endpoint under this path (e.g. `/wx`), to exercise clients given a base URL with a path. */
  pathPrefix?: string;
};

export type FakeRequest = {
  method: string;
  /** The path as received, prefix included. */
  path: string;
  query: Record<string, string>;
};

export type SubscribeMessageLang = 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
export type MiniprogramState = 'developer' | 'trial' | 'formal';

export type SubscribeMessage = {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: MiniprogramState;
  lang?: SubscribeMessageLang;
};

/**
 * A fault the next subscribe send meets instead of being sent: an errcode (40001, 42001, 43101,
 * -1, …), an HTTP status (500, 502, 503), or a timeout (`hang`: no answer until the client gives up).
 */
export type SendFault = { errcode: number } | { http: number } | { hang: true };

export type FakeWechat = {
  url: string;
  close(): Promise<void>;
  requests: FakeRequest[];
  sentMessages: SubscribeMessage[];
  /** The next sends, one fault each, in order; sends after them succeed. */
  failNextSends(...faults: SendFault[]): void;
  /** Forgets every access token issued: the next send with an old one gets 40001. */
  revokeTokens(): void;
  /** Access tokens issued so far. */
  tokensIssued(): number;
};

export const FAKE_WECHAT_DEFAULT_APP_ID = 'wx-demo-appid';
export const FAKE_WECHAT_DEFAULT_APP_SECRET = 'demo-secret';
export const FAKE_WECHAT_SLOW_MS = 3000;

/** WeChat stops reading well before this; a runaway test body should not fill memory. */
const MAX_BODY_BYTES = 1024 * 1024;

type WechatError = { errcode: number; errmsg: string };

const INVALID_APPID: WechatError = { errcode: 40013, errmsg: 'invalid appid' };
const INVALID_SECRET: WechatError = { errcode: 40125, errmsg: 'invalid appsecret' };
const INVALID_CODE: WechatError = { errcode: 40029, errmsg: 'invalid code' };
const CODE_USED: WechatError = { errcode: 40163, errmsg: 'code been used' };
const RATE_LIMITED: WechatError = {
  errcode: 45011,
  errmsg: 'api minute-quota reach limit mustslower retry next minute',
};
const BLOCKED: WechatError = { errcode: 40226, errmsg: 'high risk level user login intercept' };
const SYSTEM_ERROR: WechatError = { errcode: -1, errmsg: 'system error' };
const INVALID_CREDENTIAL: WechatError = { errcode: 40001, errmsg: 'invalid credential' };
const ARGUMENT_INVALID: WechatError = { errcode: 47003, errmsg: 'argument invalid' };
const DATA_FORMAT_ERROR: WechatError = { errcode: 47001, errmsg: 'data format error' };
const NOT_FOUND: WechatError = { errcode: 404, errmsg: 'not found' };

const MAGIC_CODE_ERRORS: ReadonlyMap<string, WechatError> = new Map([
  ['invalid', INVALID_CODE],
  ['frequent', RATE_LIMITED],
  ['blocked', BLOCKED],
  ['busy', SYSTEM_ERROR],
]);

const MINIPROGRAM_STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal'];
const LANGS: readonly SubscribeMessageLang[] = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

const isOneOf = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

const normalizePrefix = (prefix: string | undefined): string => {
  if (!prefix) return '';
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
};

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
};

/** Like WeChat's: 16 bytes, base64; derived from the code so a given code always yields the same key. */
const sessionKeyFor = (appId: string, code: string): string =>
  createHash('sha256').update(`${appId}\0${code}`).digest().subarray(0, 16).toString('base64');

const readBody = (req: IncomingMessage): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const parseSubscribeMessage = (body: unknown): SubscribeMessage | WechatError => {
  if (!isRecord(body)) return DATA_FORMAT_ERROR;
  const { touser, template_id, page, data, miniprogram_state, lang } = body;
  if (!nonEmptyString(touser) || !nonEmptyString(template_id) || !isRecord(data)) return ARGUMENT_INVALID;
  const fields: Record<string, { value: string }> = {};
  for (const [key, field] of Object.entries(data)) {
    if (!isRecord(field) || typeof field['value'] !== 'string') {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` };
    }
    fields[key] = { value: field['value'] };
  }
  if (page !== undefined && typeof page !== 'string') return ARGUMENT_INVALID;
  if (miniprogram_state !== undefined && !isOneOf(MINIPROGRAM_STATES, miniprogram_state)) {
    return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state invalid' };
  }
  if (lang !== undefined && !isOneOf(LANGS, lang)) {
    return { errcode: 47003, errmsg: 'argument invalid! lang invalid' };
  }
  const message: SubscribeMessage = { touser, template_id, data: fields };
  if (page !== undefined) message.page = page;
  if (miniprogram_state !== undefined) message.miniprogram_state = miniprogram_state;
  if (lang !== undefined) message.lang = lang;
  return message;
};

export const startFakeWechat = async (options: FakeWechatOptions = {}): Promise<FakeWechat> => {
  const host = options.host ?? '127.0.0.1';
  const appId = options.appId ?? FAKE_WECHAT_DEFAULT_APP_ID;
  const appSecret = options.appSecret ?? FAKE_WECHAT_DEFAULT_APP_SECRET;
  const prefix = normalizePrefix(options.pathPrefix);

  const requests: FakeRequest[] = [];
  const sentMessages: SubscribeMessage[] = [];
  const usedCodes = new Set<string>();
  const accessTokens = new Set<string>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  const sendFaults: SendFault[] = [];
  let issued = 0;

  const credentialsError = (query: Record<string, string>): WechatError | null => {
    if (query['appid'] !== appId) return INVALID_APPID;
    if (query['secret'] !== appSecret) return INVALID_SECRET;
    return null;
  };

  const code2Session = (query: Record<string, string>): WechatError | Record<string, string> => {
    const credentials = credentialsError(query);
    if (credentials) return credentials;
    const code = query['js_code'];
    if (!code || query['grant_type'] !== 'authorization_code') return INVALID_CODE;
    if (code.startsWith('invalid-')) return INVALID_CODE;
    if (code.startsWith('used-')) return CODE_USED;
    const magic = MAGIC_CODE_ERRORS.get(code);
    if (magic) return magic;
    if (!code.startsWith('demo-')) {
      if (usedCodes.has(code)) return CODE_USED;
      usedCodes.add(code);
    }
    return { openid: `o-${code}`, session_key: sessionKeyFor(appId, code), unionid: `u-${code}` };
  };

  const getAccessToken = (
    query: Record<string, string>,
  ): WechatError | { access_token: string; expires_in: number } => {
    const credentials = credentialsError(query);
    if (credentials) return credentials;
    if (query['grant_type'] !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const token = randomBytes(24).toString('base64url');
    accessTokens.add(token);
    issued += 1;
    return { access_token: token, expires_in: 7200 };
  };

  const sendSubscribeMessage = async (req: IncomingMessage, query: Record<string, string>): Promise<WechatError> => {
    const token = query['access_token'];
    if (!token || !accessTokens.has(token)) return INVALID_CREDENTIAL;
    const raw = await readBody(req);
    if (raw === null) return DATA_FORMAT_ERROR;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return DATA_FORMAT_ERROR;
    }
    const parsed = parseSubscribeMessage(body);
    if ('errcode' in parsed) return parsed;
    sentMessages.push(parsed);
    return { errcode: 0, errmsg: 'ok' };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake-wechat.invalid');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, query });

    const route = prefix && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    const known = !prefix || route !== url.pathname;

    if (known && method === 'GET' && route === '/sns/jscode2session') {
      const code = query['js_code'];
      const authentic = credentialsError(query) === null;
      if (authentic && code === 'http-500') {
        res.writeHead(500);
        res.end();
        return;
      }
      if (authentic && code === 'slow') {
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          if (!res.destroyed) sendJson(res, 200, code2Session(query));
        }, FAKE_WECHAT_SLOW_MS);
        pendingTimers.add(timer);
        // A client that gave up should not hold a timer (or, later, a consumed code).
        res.on('close', () => {
          clearTimeout(timer);
          pendingTimers.delete(timer);
        });
        return;
      }
      sendJson(res, 200, code2Session(query));
      return;
    }
    if (known && method === 'GET' && route === '/cgi-bin/token') {
      sendJson(res, 200, getAccessToken(query));
      return;
    }
    if (known && method === 'POST' && route === '/cgi-bin/message/subscribe/send') {
      const fault = sendFaults.shift();
      if (fault && 'http' in fault) {
        res.writeHead(fault.http);
        res.end();
        return;
      }
      if (fault && 'hang' in fault) {
        // Answered never: the client's timeout ends it (close() cuts it too).
        return;
      }
      if (fault) {
        sendJson(res, 200, { errcode: fault.errcode, errmsg: `injected ${fault.errcode}` });
        return;
      }
      sendJson(res, 200, await sendSubscribeMessage(req, query));
      return;
    }
    sendJson(res, 404, NOT_FOUND);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 200, SYSTEM_ERROR);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${prefix}`,
    requests,
    sentMessages,
    failNextSends: (...faults) => {
      sendFaults.push(...faults);
    },
    revokeTokens: () => accessTokens.clear(),
    tokensIssued: () => issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of pendingTimers) clearTimeout(timer);
        pendingTimers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
};
