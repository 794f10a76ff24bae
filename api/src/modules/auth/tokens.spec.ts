import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../common/errors.js';
import { hashToken, newRefreshToken, type Principal, TokenSigner } from './tokens.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const T0 = Date.parse('2026-06-15T02:00:00Z');
const TTL = 900;
const REVIEWER: Principal = { userId: 42, role: 'county-reviewer', county: 'linqing' };

/** The error code verify throws, or a failure if it accepted the token. */
const refusal = (signer: TokenSigner, token: string): string => {
  try {
    signer.verify(token);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected the token to be refused');
};

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenSigner', () => {
  let now = T0;
  const signer = new TokenSigner(SECRET, TTL, () => now);

  it('verifies what it issued, giving back the principal', () => {
    now = T0;
    const { accessToken, expiresIn } = signer.issue(REVIEWER);
    expect(expiresIn).toBe(TTL);
    expect(accessToken.split('.')).toHaveLength(2);
    expect(signer.verify(accessToken)).toEqual(REVIEWER);
    expect(decode(accessToken.split('.')[0] as string)).toMatchObject({
      sub: 42,
      iat: T0 / 1000,
      exp: T0 / 1000 + TTL,
    });
  });

  it('refuses a payload changed after signing', () => {
    now = T0;
    const [body, signature] = signer.issue({ userId: 7, role: 'applicant', county: null }).accessToken.split('.');
    const forged = encode({ ...decode(body as string), role: 'admin' });
    expect(refusal(signer, `${forged}.${signature}`)).toBe('UNAUTHENTICATED');
  });

  it('refuses a changed signature', () => {
    now = T0;
    const token = signer.issue(REVIEWER).accessToken;
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(refusal(signer, token.slice(0, -1) + last)).toBe('UNAUTHENTICATED');
    expect(refusal(signer, token.slice(0, -2))).toBe('UNAUTHENTICATED');
  });

  it.each(['', 'abc', 'a.b.c', '.', 'x.', '.y'])('refuses the malformed token %j', (token) => {
    now = T0;
    expect(refusal(signer, token)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret', () => {
    now = T0;
    const other = new TokenSigner(`${SECRET}-other`, TTL, () => now);
    expect(refusal(signer, other.issue(REVIEWER).accessToken)).toBe('UNAUTHENTICATED');
  });

  it('refuses a correctly signed body that is not JSON as invalid, not as a crash', () => {
    now = T0;
    const body = Buffer.from('not json').toString('base64url');
    const signature = createHmac('sha256', SECRET).update(body).digest('base64url');
    expect(refusal(signer, `${body}.${signature}`)).toBe('UNAUTHENTICATED');
  });

  it('expires exactly TTL seconds after issue, by the injected clock', () => {
    now = T0;
    const { accessToken } = signer.issue(REVIEWER);
    now = T0 + TTL * 1000 - 1;
    expect(signer.verify(accessToken)).toEqual(REVIEWER);
    now = T0 + TTL * 1000;
    expect(refusal(signer, accessToken)).toBe('TOKEN_EXPIRED');
    now = T0 + 16 * 60_000;
    expect(refusal(signer, accessToken)).toBe('TOKEN_EXPIRED');
  });
});

describe('refresh tokens', () => {
  it('are random, URL-safe, and stored as their SHA-256 hash', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toBe(b.hash);
  });
});
