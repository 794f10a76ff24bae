import { randomUUID } from 'node:crypto';
import { redactUrl, requestIdOf } from './logging.js';

describe('request logs never carry a credential from the URL', () => {
  it.each([
    [
      '/api/v1/files/7/content?expires=1781489100&signature=4f2a9c&download=1',
      '/api/v1/files/7/content?expires=1781489100&signature=[REDACTED]&download=1',
    ],
    ['/x?token=abc&year=2026', '/x?token=[REDACTED]&year=2026'],
    ['/x?Access_Token=abc', '/x?Access_Token=[REDACTED]'],
    ['/x?%73ignature=abc', '/x?%73ignature=[REDACTED]'],
    // Whatever its name, a long token-like value.
    ['/x?ref=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', '/x?ref=[REDACTED]'],
    ['/api/v1/programs?year=2026', '/api/v1/programs?year=2026'],
    ['/api/health', '/api/health'],
    ['/x?flag&year=2026', '/x?flag&year=2026'],
    ['/x?%E0%A4%A=1', '/x?%E0%A4%A=1'],
  ])('%s', (url, logged) => expect(redactUrl(url)).toBe(logged));
});

describe('request ids', () => {
  const of = (value?: string) => requestIdOf({ headers: value === undefined ? {} : { 'x-request-id': value } });

  it('keeps a UUID the caller sent, as sent', () => {
    const id = randomUUID().toUpperCase();
    expect(of(id)).toBe(id);
  });

  it.each(['abc-123', '<script>', 'a'.repeat(64), `${randomUUID()} `, `${randomUUID()}\n`, ''])(
    'replaces %j with a fresh UUID',
    (given) => {
      const id = of(given);
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );
});
