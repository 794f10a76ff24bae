import { describe, expect, it } from '@jest/globals';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const stored = await hashPassword('Correct-horse-42');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('Correct-horse-42');
    await expect(verifyPassword('Correct-horse-42', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct-horse-42', stored)).resolves.toBe(false);
    await expect(verifyPassword('Correct-horse-4', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts: two hashes of one password differ, and each verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('Same-pass-123'), hashPassword('Same-pass-123')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    await expect(verifyPassword('Same-pass-123', a)).resolves.toBe(true);
    await expect(verifyPassword('Same-pass-123', b)).resolves.toBe(true);
  });

  it('refuses a stored value that is not an scrypt hash', async () => {
    const stored = await hashPassword('Some-pass-123');
    await expect(verifyPassword('Some-pass-123', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('Some-pass-123', stored.replace(/^scrypt/, 'bcrypt'))).resolves.toBe(false);
    await expect(verifyPassword('Some-pass-123', stored.split('$').slice(0, 5).join('$'))).resolves.toBe(false);
  });
});

describe('passwordProblem', () => {
  it.each(['abcdefghi1', 'ABCDEFGHI9', '1234567890x', 'Passw0rd-with-more'])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it.each([
    ['too short', 'abcdefgh1'],
    ['no digit', 'abcdefghij'],
    ['no letter', '1234567890'],
    ['letters only outside A-Z', '密码密码密码密码密码1'],
    ['empty', ''],
  ])('refuses a password with %s, in Chinese', (_, password) => {
    expect(passwordProblem(password)).toMatch(/密码至少10位/);
  });
});
