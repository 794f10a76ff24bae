import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.js';

/** How large and how deeply nested a route's JSON body may be. */
export interface BodyLimits {
  /** Bytes on the wire; larger bodies answer 413 before they are read to the end. */
  bytes: number;
  /** Nesting of objects and arrays: `{"facts":{"orgTypes":[]}}` is 3. */
  depth: number;
  /** The route takes multipart/form-data (uploads) instead of JSON. */
  multipart?: boolean;
}

/**
 * Every form, sign-in, facts and eligibility body fits with room: the largest real ones are
 * about 2 KB (every fact filled in; a 500-character reason written as \u escapes is 3 KB) and 3
 * deep (`facts.orgTypes[0]`, `counties[0].county`).
 */
export const DEFAULT_BODY_LIMITS: BodyLimits = { bytes: 16 * 1024, depth: 8 };

/**
 * Routes whose bodies differ from a form's, by `METHOD /path` as routed. A name here that no
 * route has would silently leave that route on the default: a test checks every entry is routed.
 */
export const ROUTE_BODY_LIMITS: Readonly<Record<string, BodyLimits>> = {
  // A merge patch may carry a whole edition: 19.6 KB and 7 deep (`document.programs.*.materials[0].proves[0]`)
  // for 2023's; room for one several times larger.
  'PATCH /api/v1/editions/:id': { bytes: 256 * 1024, depth: 16 },
  // The file streams through @fastify/multipart with its own limits (FILE_MAX_MB).
  'POST /api/v1/files': { ...DEFAULT_BODY_LIMITS, multipart: true },
  // 十二's import: the file streams through @fastify/multipart; the statistics module caps it (2 MB).
  'POST /api/v1/statistics/import': { ...DEFAULT_BODY_LIMITS, multipart: true },
};

const limitsOf = (request: FastifyRequest): BodyLimits => {
  const { method, url } = request.routeOptions;
  return (url !== undefined && ROUTE_BODY_LIMITS[`${String(method)} ${url}`]) || DEFAULT_BODY_LIMITS;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * True when the raw JSON nests objects and arrays deeper than `max`. One pass over the bytes,
 * with a counter instead of recursion: a 15 KB body of 3,000 `[` used to reach the validators
 * and overflow their stack (a 500 and half a second of CPU each). Brackets inside strings do not
 * count; UTF-8 continuation bytes never equal an ASCII bracket or quote.
 */
export const nestsDeeperThan = (bytes: Uint8Array, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return false;
};

// Keys that reach an object's prototype when the parsed value is copied or merged; no body of
// ours has a field of these names, so they are refused wherever they are.
const POISON = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first prototype-poisoning key in a parsed body, or null. Iterative, like the scan. */
export const poisonedKey = (value: unknown): { path: string; key: string } | null => {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const node = top.value;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push({ value: node[i], path: `${top.path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(node)) {
      const path = top.path ? `${top.path}.${key}` : key;
      if (POISON.has(key)) return { path, key };
      stack.push({ value: (node as Record<string, unknown>)[key], path });
    }
  }
  return null;
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const unsupported = (message: string, header = 'Content-Type'): AppError =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', message, [{ field: header, message }]);

const JSON_ONLY = '请求体必须是 UTF-8 编码的 JSON（Content-Type: application/json）';
const MULTIPART_ONLY = '请以 multipart/form-data 上传文件（字段名 file）';

/** `application/json`, optionally with `charset=utf-8`: any other parameter or charset is refused. */
const checkJsonParameters = (contentType: string | undefined): void => {
  const parameters = (contentType ?? '').split(';').slice(1);
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=').map((s) => s.trim().toLowerCase());
    if (parameter.trim() === '') continue;
    if (name !== 'charset' || (value !== 'utf-8' && value !== '"utf-8"')) throw unsupported(JSON_ONLY);
  }
};

const parseJson = (request: FastifyRequest, body: Buffer): unknown => {
  checkJsonParameters(request.headers['content-type']);
  // wx.request sends the JSON content type on a POST without data (submit, withdraw…).
  if (body.length === 0) return undefined;
  const { depth } = limitsOf(request);
  if (nestsDeeperThan(body, depth)) {
    const message = `JSON 嵌套超过${depth}层，请检查请求内容`;
    throw new AppError('INVALID_REQUEST', `请求有误：${message}`, [{ field: '(request)', message }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(body));
  } catch {
    // The parser's own message quotes the body: never echoed.
    const message = '请求不是有效的 JSON（UTF-8 编码），请检查格式';
    throw new AppError('INVALID_REQUEST', message, [{ field: '(request)', message }]);
  }
  const poisoned = poisonedKey(value);
  if (poisoned) throw invalid(poisoned.path, `不允许使用“${poisoned.key}”作为字段名，请删除`);
  return value;
};

/**
 * Takes body parsing over from Nest and Fastify (create the app with `bodyParser: false`): JSON
 * routes take `application/json` only, checked against the route's size and depth before
 * `JSON.parse`'s result reaches validation; multipart only where a route says so. Bodies of any
 * other type (form-encoded, text/plain, none declared) answer 415. Call before routes are
 * registered (the limits are set as each route is added) and before @fastify/multipart.
 */
export const installBodyParsing = (fastify: FastifyInstance): void => {
  // Fastify's own text/plain and JSON parsers: without them, any type not added below is a 415.
  fastify.removeAllContentTypeParsers();
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limits = methods.map((m) => ROUTE_BODY_LIMITS[`${m} ${route.url}`]).find(Boolean);
    route.bodyLimit = (limits ?? DEFAULT_BODY_LIMITS).bytes;
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const { headers } = request;
    const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
    if (!hasBody) return payload;
    const encoding = headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
      throw unsupported('请求体不能压缩（不支持 Content-Encoding），请直接发送', 'Content-Encoding');
    if (/^\s*multipart\/form-data\b/i.test(headers['content-type'] ?? '') && !limitsOf(request).multipart)
      throw unsupported(JSON_ONLY);
    return payload;
  });
  // An answer sent before the body was read (415, 413 from Content-Length, a refused header)
  // closes the connection: the unread rest of the body would otherwise keep it busy until the
  // client gives up, and the server could not shut down before then.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.raw.complete) void reply.header('connection', 'close');
    return payload;
  });
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJson(request, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
};

/** Fastify's refusal of a body no parser takes, in the words of the route it was sent to. */
export const unsupportedBodyMessage = (request: FastifyRequest): string =>
  limitsOf(request).multipart ? MULTIPART_ONLY : JSON_ONLY;

/** The body limit of the route a request was sent to, for the 413's message. */
export const bodyLimitOf = (request: FastifyRequest): number => limitsOf(request).bytes;
