import { randomUUID } from 'node:crypto';
import { type FastifyRequest } from 'fastify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A caller's `x-request-id` is kept when it is a UUID, so logs join across services; anything
 * else (free text, markup, a 64-character guess at another request's id) gets a fresh one, as
 * the id is written into the audit log and every log line.
 */
export const requestIdOf = (req: { headers: Record<string, string | string[] | undefined> }): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && UUID.test(given) ? given : randomUUID();
};

// Query parameters whose value is a credential: a download link's signature above all, which
// opens the file to whoever reads the log until the link expires.
const SECRET_PARAMETERS = new Set([
  'signature',
  'sig',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'password',
  'secret',
  'key',
  'api_key',
  'ticket',
]);
// A value that looks like a token whatever its name: long base64url, hex or a JWT.
const TOKEN_LIKE = /^[A-Za-z0-9._~+/=-]{32,}$/;

/** The URL with the values of credential-like query parameters replaced by `[REDACTED]`. */
export const redactUrl = (url: string): string => {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let decoded: string;
      try {
        decoded = decodeURIComponent(name).toLowerCase();
      } catch {
        decoded = name.toLowerCase();
      }
      const value = pair.slice(eq + 1);
      return SECRET_PARAMETERS.has(decoded) || TOKEN_LIKE.test(value) ? `${name}=[REDACTED]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
};

/** Fastify's request serializer, with the URL redacted. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};
