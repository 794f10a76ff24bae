import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { COUNTIES } from '@huiqi/shared';
import { AppError } from './errors.js';
import { ROLES, type Role } from './roles.js';

/** Who is calling, as an access token says. */
export interface Principal {
  userId: number;
  role: Role;
  county: string | null;
}

interface AccessPayload {
  sub: number;
  role: Role;
  county: string | null;
  iat: number;
  exp: number;
  kid: string;
}

/** The signing secret and, while a rotation is under way, the one before it (still verified). */
export interface TokenKeys {
  current: string;
  previous?: string | null;
}

interface Key {
  id: string;
  secret: string;
}

/** Every claim a token must carry, no more: sorted, to compare with a payload's sorted keys. */
const CLAIMS = ['county', 'exp', 'iat', 'kid', 'role', 'sub'] as const;
const COUNTY_IDS: ReadonlySet<string> = new Set(COUNTIES.map((c) => c.id));
// Ours are about 250 characters; anything much longer is not one of ours and is not worth hashing.
const MAX_TOKEN_LENGTH = 1024;

/**
 * A key's id, derived from its secret, so every instance agrees on it without configuration and
 * the id says nothing about the secret.
 */
export const keyIdOf = (secret: string): string =>
  createHmac('sha256', secret).update('huiqi:access-token-key-id').digest('base64url').slice(0, 11);

const hmac = (secret: string, body: string): Buffer => createHmac('sha256', secret).update(body).digest();

const invalidToken = (): AppError => new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');

/** The payload if it is exactly what `issue` writes (every claim, each of its type), else null. */
const readClaims = (value: unknown): AccessPayload | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value).sort();
  if (keys.length !== CLAIMS.length || keys.some((k, i) => k !== CLAIMS[i])) return null;
  const p = value as Record<(typeof CLAIMS)[number], unknown>;
  if (typeof p.sub !== 'number' || !Number.isSafeInteger(p.sub) || p.sub <= 0) return null;
  if (typeof p.role !== 'string' || !(ROLES as readonly string[]).includes(p.role)) return null;
  if (p.county !== null && (typeof p.county !== 'string' || !COUNTY_IDS.has(p.county))) return null;
  if (typeof p.iat !== 'number' || !Number.isSafeInteger(p.iat)) return null;
  if (typeof p.exp !== 'number' || !Number.isSafeInteger(p.exp) || p.exp <= p.iat) return null;
  if (typeof p.kid !== 'string') return null;
  return { sub: p.sub, role: p.role as Role, county: p.county, iat: p.iat, exp: p.exp, kid: p.kid };
};

/**
 * Short-lived access tokens signed with HMAC-SHA256 (`payload.signature`, both base64url), so
 * a request is authenticated without a database read; refresh tokens are random and stored
 * hashed, so they can be revoked and rotated.
 *
 * Each token names its key (`kid`): the current secret signs, the previous one still verifies,
 * so the secret is rotated without signing everyone out (TOKEN_SECRET_PREVIOUS for one access
 * token lifetime, then dropped).
 */
export class TokenSigner {
  private readonly keys: Key[];

  constructor(
    keys: TokenKeys,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = [{ id: keyIdOf(keys.current), secret: keys.current }];
    if (keys.previous && keys.previous !== keys.current)
      this.keys.push({ id: keyIdOf(keys.previous), secret: keys.previous });
  }

  issue(principal: Principal): { accessToken: string; expiresIn: number } {
    const [key] = this.keys as [Key];
    const iat = Math.floor(this.now() / 1000);
    const payload: AccessPayload = {
      sub: principal.userId,
      role: principal.role,
      county: principal.county,
      iat,
      exp: iat + this.ttlSeconds,
      kid: key.id,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { accessToken: `${body}.${hmac(key.secret, body).toString('base64url')}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): Principal {
    if (token.length > MAX_TOKEN_LENGTH) throw invalidToken();
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw invalidToken();
    const given = Buffer.from(signature, 'base64url');
    // The signature is checked against every live key (two at most) before the payload is read,
    // so nothing an outsider wrote is parsed; the key that matched must be the one it names.
    const key = this.keys.find((k) => {
      const expected = hmac(k.secret, body);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    // base64url decoding ignores stray characters: only the canonical spelling is ours.
    if (!key || given.toString('base64url') !== signature) throw invalidToken();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidToken();
    }
    const payload = readClaims(parsed);
    if (!payload || payload.kid !== key.id) throw invalidToken();
    if (payload.exp * 1000 <= this.now()) throw new AppError('TOKEN_EXPIRED', '登录已过期，请刷新或重新登录');
    return { userId: payload.sub, role: payload.role, county: payload.county };
  }
}

/** A new random refresh token and the hash stored for it. */
export const newRefreshToken = (): { token: string; hash: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
};

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
