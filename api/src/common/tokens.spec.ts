import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { AppError } from './errors.js';
import { hashToken, keyIdOf, newRefreshToken, type Principal, TokenSigner } from './tokens.js';

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
  const signer = new TokenSigner({ current: SECRET }, TTL, () => now);

  it('verifies what it issued, giving back the principal', () => {
    now = T0;
    const { accessToken, expiresIn } = signer.issue(REVIEWER);
    expect(expiresIn).toBe(TTL);
    expect(accessToken.split('.')).toHaveLength(2);
    expect(signer.verify(accessToken)).toEqual(REVIEWER);
    expect(decode(accessToken.split('.')[0] as string)).toEqual({
      sub: 42,
      role: 'county-reviewer',
      county: 'linqing',
      iat: T0 / 1000,
      exp: T0 / 1000 + TTL,
      kid: keyIdOf(SECRET),
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
    const other = new TokenSigner({ current: `${SECRET}-other` }, TTL, () => now);
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

describe('TokenSigner: every claim with its exact type', () => {
  const now = T0;
  const signer = new TokenSigner({ current: SECRET }, TTL, () => now);
  const KID = keyIdOf(SECRET);
  const VALID = { sub: 42, role: 'county-reviewer', county: 'linqing', iat: T0 / 1000, exp: T0 / 1000 + TTL, kid: KID };

  /** A token correctly signed with the signer's own secret, whatever its payload: only the claims can refuse it. */
  const signed = (payload: unknown): string => {
    const body = encode(payload);
    return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
  };

  it('accepts a hand-signed payload with every claim right (so the refusals below are the claims)', () => {
    expect(signer.verify(signed(VALID))).toEqual(REVIEWER);
    expect(signer.verify(signed({ ...VALID, role: 'applicant', county: null }))).toEqual({
      userId: 42,
      role: 'applicant',
      county: null,
    });
  });

  const without = (claim: keyof typeof VALID): Record<string, unknown> =>
    Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== claim));

  it.each([
    ['no exp', without('exp')],
    ['a non-numeric exp', { ...VALID, exp: '9999999999' }],
    ['a fractional exp', { ...VALID, exp: T0 / 1000 + TTL + 0.5 }],
    ['an exp of null', { ...VALID, exp: null }],
    ['an exp not after iat', { ...VALID, exp: T0 / 1000 }],
    ['no iat', without('iat')],
    ['a textual iat', { ...VALID, iat: String(T0 / 1000) }],
    ['an unknown role', { ...VALID, role: 'superuser' }],
    ['a role of the wrong type', { ...VALID, role: ['admin'] }],
    ['no role', without('role')],
    ['no sub', without('sub')],
    ['a sub of 0', { ...VALID, sub: 0 }],
    ['a negative sub', { ...VALID, sub: -3 }],
    ['a fractional sub', { ...VALID, sub: 4.2 }],
    ['a textual sub', { ...VALID, sub: '42' }],
    ['a sub beyond safe integers', { ...VALID, sub: 2 ** 53 }],
    ['an unknown county', { ...VALID, county: 'beijing' }],
    ['a county of the wrong type', { ...VALID, county: 7 }],
    ['no county', without('county')],
    ['no kid', without('kid')],
    ['an unknown kid', { ...VALID, kid: keyIdOf('some-other-secret') }],
    ['an extra claim', { ...VALID, admin: true }],
    ['an array', [VALID]],
    ['null', null],
    ['a number', 42],
  ])('refuses a well-signed token with %s', (_, payload) => {
    expect(refusal(signer, signed(payload))).toBe('UNAUTHENTICATED');
  });

  it('refuses a signature in a non-canonical base64url spelling', () => {
    const token = signer.issue(REVIEWER).accessToken;
    const [body, signature] = token.split('.') as [string, string];
    // The last character of a 32-byte base64url value carries 4 bits and 2 padding bits: flipping
    // a padding bit decodes to the same bytes, but is not the signature we wrote.
    const last = signature.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] as string;
    expect(Buffer.from(signature.slice(0, -1) + sibling, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    expect(refusal(signer, `${body}.${signature.slice(0, -1)}${sibling}`)).toBe('UNAUTHENTICATED');
  });
});

describe('TokenSigner: rotating the secret', () => {
  const OLD = 'the-old-secret-of-at-least-32-characters';
  const NEW = 'the-new-secret-of-at-least-32-characters';
  const now = () => T0;
  const before = new TokenSigner({ current: OLD }, TTL, now);
  const during = new TokenSigner({ current: NEW, previous: OLD }, TTL, now);
  const after = new TokenSigner({ current: NEW }, TTL, now);

  it('signs with the new key and names it', () => {
    const token = during.issue(REVIEWER).accessToken;
    expect(decode(token.split('.')[0] as string)['kid']).toBe(keyIdOf(NEW));
    expect(keyIdOf(NEW)).not.toBe(keyIdOf(OLD));
    expect(after.verify(token)).toEqual(REVIEWER);
    expect(refusal(before, token)).toBe('UNAUTHENTICATED');
  });

  it('still verifies a token of the previous key while both are live, and not after', () => {
    const token = before.issue(REVIEWER).accessToken;
    expect(during.verify(token)).toEqual(REVIEWER);
    expect(refusal(after, token)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with one key that names the other', () => {
    const body = encode({
      sub: 42,
      role: 'county-reviewer',
      county: 'linqing',
      iat: T0 / 1000,
      exp: T0 / 1000 + TTL,
      kid: keyIdOf(NEW),
    });
    const token = `${body}.${createHmac('sha256', OLD).update(body).digest('base64url')}`;
    expect(refusal(during, token)).toBe('UNAUTHENTICATED');
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
