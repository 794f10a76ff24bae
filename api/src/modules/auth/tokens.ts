import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors.js';
import { type Role } from './user.entity.js';

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
}

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Short-lived access tokens signed with HMAC-SHA256 (`payload.signature`, both base64url), so
 * a request is authenticated without a database read; refresh tokens are random and stored
 * hashed, so they can be revoked and rotated.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  issue(principal: Principal): { accessToken: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const payload: AccessPayload = {
      sub: principal.userId,
      role: principal.role,
      county: principal.county,
      iat,
      exp: iat + this.ttlSeconds,
    };
    const body = b64(JSON.stringify(payload));
    return { accessToken: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): Principal {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
    let payload: AccessPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessPayload;
    } catch {
      throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
    }
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
