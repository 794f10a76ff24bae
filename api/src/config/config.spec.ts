import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_TOKEN_SECRET, loadConfig } from './config.js';

type Env = Record<string, string | undefined>;

/** The problems loadConfig reports, or a failure if it loaded. */
const problemsOf = (env: Env): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to refuse the configuration');
};

const CHINESE = /[\u4e00-\u9fff]/;

/** Everything production needs, so each test can break exactly one thing. */
const PRODUCTION: Env = {
  NODE_ENV: 'production',
  TOKEN_SECRET: randomBytes(32).toString('base64'),
  DB_URL: 'mariadb://huiqi:pw@db.internal:3306/huiqi',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: 'real-secret',
};

describe('loadConfig', () => {
  it('defaults to development on SQLite under ./data, port 3000, demo seed on, demo login off', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.database).toEqual({ type: 'sqlite', path: resolve('./data/huiqi.sqlite') });
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.demoSeed).toBe(true);
    expect(config.authDemo).toBe(false);
    expect(config.tokenSecret).toBe(DEFAULT_TOKEN_SECRET);
    expect(config.accessTokenTtlSeconds).toBe(900);
    expect(config.refreshTokenTtlDays).toBe(30);
    expect(config.wechat.baseUrl).toBe('https://api.weixin.qq.com');
  });

  it('puts the SQLite file under DATA_DIR, or where DB_URL=sqlite: says', () => {
    expect(loadConfig({ DATA_DIR: '/srv/huiqi' }).database).toEqual({
      type: 'sqlite',
      path: '/srv/huiqi/huiqi.sqlite',
    });
    expect(loadConfig({ DB_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ type: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it('reads a mariadb:// DB_URL as MariaDB with a mysql:// URL, and keeps a mysql:// one', () => {
    expect(loadConfig({ DB_URL: 'mariadb://u:p@h:3306/db' }).database).toEqual({
      type: 'mariadb',
      url: 'mysql://u:p@h:3306/db',
    });
    expect(loadConfig({ DB_URL: 'mysql://u:p@h:3306/db' }).database).toEqual({
      type: 'mariadb',
      url: 'mysql://u:p@h:3306/db',
    });
  });

  it('refuses a database URL of another engine, in Chinese, naming DB_URL', () => {
    const problems = problemsOf({ DB_URL: 'postgres://u:p@h:5432/db' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DB_URL');
    expect(problems[0]).toMatch(CHINESE);
  });

  it('refuses a MariaDB URL without a database name', () => {
    const problems = problemsOf({ DB_URL: 'mariadb://u:p@h:3306/' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DB_URL');
  });

  it.each(['abc', '70000', '-1', '3.5', '0x50', '1e3', ' 80'])('refuses PORT=%j, naming PORT', (port) => {
    const problems = problemsOf({ PORT: port });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('PORT');
    expect(problems[0]).toMatch(CHINESE);
  });

  it('accepts a decimal PORT', () => {
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it.each(['yes', 'on', 'TRUE', '2'])('refuses AUTH_DEMO=%j, naming AUTH_DEMO', (value) => {
    const problems = problemsOf({ AUTH_DEMO: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('AUTH_DEMO');
    expect(problems[0]).toMatch(CHINESE);
  });

  it('reads flags as 1/0 or true/false', () => {
    expect(loadConfig({ AUTH_DEMO: '1', DEMO_SEED: '0' })).toMatchObject({ authDemo: true, demoSeed: false });
    expect(loadConfig({ AUTH_DEMO: 'true', DEMO_SEED: 'false' })).toMatchObject({ authDemo: true, demoSeed: false });
  });

  it('refuses an unknown NODE_ENV, LOG_LEVEL or WECHAT_API_BASE, naming each', () => {
    expect(problemsOf({ NODE_ENV: 'staging' }).join('\n')).toContain('NODE_ENV');
    expect(problemsOf({ LOG_LEVEL: 'verbose' }).join('\n')).toContain('LOG_LEVEL');
    expect(problemsOf({ WECHAT_API_BASE: 'not a url' }).join('\n')).toContain('WECHAT_API_BASE');
  });

  it('reports every problem at once, and says so in the error message', () => {
    let caught: unknown;
    try {
      loadConfig({ DB_URL: 'postgres://h/db', PORT: 'abc', AUTH_DEMO: 'yes', ACCESS_TOKEN_TTL_SECONDS: '5' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { problems, message } = caught as ConfigError;
    expect(problems).toHaveLength(4);
    for (const name of ['DB_URL', 'PORT', 'AUTH_DEMO', 'ACCESS_TOKEN_TTL_SECONDS']) {
      expect(problems.filter((p) => p.includes(name))).toHaveLength(1);
      expect(message).toContain(name);
    }
  });

  it('has production-sensible rate limits, counts in memory and no trusted proxy by default', () => {
    const { rateLimits } = loadConfig({});
    expect(rateLimits).toEqual({
      global: { max: 1200, windowSeconds: 60 },
      policies: {
        'sign-in': { ip: { max: 30, windowSeconds: 60 }, account: { max: 10, windowSeconds: 60 } },
        session: { ip: { max: 120, windowSeconds: 60 }, account: { max: 10, windowSeconds: 60 } },
        invites: { ip: { max: 30, windowSeconds: 600 }, account: { max: 10, windowSeconds: 600 } },
        anonymous: { ip: { max: 60, windowSeconds: 60 }, account: null },
      },
      redisUrl: null,
      redisPrefix: 'huiqi:rate-limit:',
      trustedProxies: 0,
    });
  });

  it('reads each limit as MAX/SECONDS, REDIS_URL and TRUST_PROXY', () => {
    const { rateLimits } = loadConfig({
      RATE_LIMIT_GLOBAL: '5000/60',
      RATE_LIMIT_INVITES_ACCOUNT: '3/3600',
      REDIS_URL: 'redis://cache.internal:6379/2',
      TRUST_PROXY: '2',
    });
    expect(rateLimits.global).toEqual({ max: 5000, windowSeconds: 60 });
    expect(rateLimits.policies.invites.account).toEqual({ max: 3, windowSeconds: 3600 });
    expect(rateLimits.redisUrl).toBe('redis://cache.internal:6379/2');
    expect(rateLimits.trustedProxies).toBe(2);
  });

  it.each([
    ['RATE_LIMIT_GLOBAL', '100'],
    ['RATE_LIMIT_SIGN_IN_IP', '0/60'],
    ['RATE_LIMIT_SESSION_ACCOUNT', '10/0'],
    ['RATE_LIMIT_ANONYMOUS_IP', '1e3/60'],
    ['RATE_LIMIT_INVITES_IP', ' 30/60'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '11'],
    ['REDIS_URL', 'http://cache:6379'],
  ])('refuses %s=%j, naming it, in Chinese', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toMatch(CHINESE);
  });

  describe('in production', () => {
    it('loads a complete configuration', () => {
      const config = loadConfig(PRODUCTION);
      expect(config).toMatchObject({
        env: 'production',
        authDemo: false,
        demoSeed: false,
        database: { type: 'mariadb', url: 'mysql://huiqi:pw@db.internal:3306/huiqi' },
        wechat: { appId: 'wx0123456789abcdef', appSecret: 'real-secret' },
      });
    });

    it('refuses the default token secret', () => {
      const problems = problemsOf({ ...PRODUCTION, TOKEN_SECRET: undefined });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('TOKEN_SECRET');
      // Setting the default explicitly is no better than leaving it unset.
      expect(problemsOf({ ...PRODUCTION, TOKEN_SECRET: DEFAULT_TOKEN_SECRET })).toEqual(problems);
    });

    // The weak secrets the issue found accepted, and their cousins.
    it.each([
      ['a × 32', 'a'.repeat(32)],
      ['32 spaces', ' '.repeat(32)],
      ['password × 4', 'password'.repeat(4)],
      ['password × 8 (long enough, still a pattern)', 'password'.repeat(8)],
      ['the default plus one letter', `${DEFAULT_TOKEN_SECRET}x`],
      ['a letter plus the default', `X${DEFAULT_TOKEN_SECRET}`],
      ['x × 32 (the old rule took it)', 'x'.repeat(32)],
      ['two characters alternating × 32', 'Ab'.repeat(32)],
      ['a phrase of common words', 'a-production-secret-of-more-than-32-characters'],
      ['a phrase of lowercase words', 'correct-horse-battery-staple-with-more-words-here'],
      ['31 random bytes in hex', randomBytes(31).toString('hex')],
      ['31 random bytes in base64', randomBytes(31).toString('base64')],
      ['a random prefix padded with a repeat', `${randomBytes(16).toString('base64url')}${'Zz9'.repeat(12)}`],
      ['a mixed-case phrase of common words', 'MyAdminSecretPassword2026ForHuiqiProduction!!'],
      ['digits only', '1234567890'.repeat(8)],
    ])('refuses %s as TOKEN_SECRET, in Chinese, saying how to generate one', (_, secret) => {
      const problems = problemsOf({ ...PRODUCTION, TOKEN_SECRET: secret });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('TOKEN_SECRET');
      expect(problems[0]).toContain('openssl rand -base64 32');
      expect(problems[0]).toMatch(CHINESE);
    });

    it('takes a random value that happens to contain one short common word', () => {
      // About one base64 value in a million contains 'admin' or 'token' by chance: refusing those would be a lottery.
      const secret = `${randomBytes(32).toString('base64url')}admin`;
      expect(loadConfig({ ...PRODUCTION, TOKEN_SECRET: secret }).tokenSecret).toBe(secret);
    });

    // Fresh values from each generator the docs name, many times over: a false refusal would stop a deployment.
    const GENERATORS: [string, () => string][] = [
      [
        'openssl rand -base64 32',
        () => execFileSync('openssl', ['rand', '-base64', '32'], { encoding: 'utf8' }).trim(),
      ],
      ['openssl rand -hex 32', () => execFileSync('openssl', ['rand', '-hex', '32'], { encoding: 'utf8' }).trim()],
      [
        "node -e \"console.log(require('crypto').randomBytes(32).toString('base64url'))\"",
        () =>
          execFileSync(
            process.execPath,
            ['-e', "console.log(require('crypto').randomBytes(32).toString('base64url'))"],
            {
              encoding: 'utf8',
            },
          ).trim(),
      ],
    ];

    it.each(GENERATORS)('accepts the output of %s', (_, generate) => {
      for (let i = 0; i < 3; i++) {
        const secret = generate();
        expect(loadConfig({ ...PRODUCTION, TOKEN_SECRET: secret }).tokenSecret).toBe(secret);
      }
    });

    it.each([
      ['base64', 'base64'],
      ['hex', 'hex'],
      ['base64url', 'base64url'],
    ] as const)('accepts 5,000 fresh 32-byte values in %s', (_, encoding) => {
      for (let i = 0; i < 5000; i++) {
        const secret = randomBytes(32).toString(encoding);
        expect(loadConfig({ ...PRODUCTION, TOKEN_SECRET: secret }).tokenSecret).toBe(secret);
      }
    });

    it('verifies with TOKEN_SECRET_PREVIOUS during a rotation, held to the same standard', () => {
      const previous = randomBytes(32).toString('base64url');
      expect(loadConfig({ ...PRODUCTION, TOKEN_SECRET_PREVIOUS: previous }).tokenSecretPrevious).toBe(previous);
      expect(loadConfig(PRODUCTION).tokenSecretPrevious).toBeNull();
      const problems = problemsOf({ ...PRODUCTION, TOKEN_SECRET_PREVIOUS: 'password'.repeat(4) });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('TOKEN_SECRET_PREVIOUS');
    });

    it('refuses demo login', () => {
      const problems = problemsOf({ ...PRODUCTION, AUTH_DEMO: '1' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('AUTH_DEMO');
    });

    it('refuses demo data', () => {
      const problems = problemsOf({ ...PRODUCTION, DEMO_SEED: '1' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('DEMO_SEED');
    });

    it('refuses SQLite unless ALLOW_SQLITE_IN_PRODUCTION=1', () => {
      for (const DB_URL of [undefined, 'sqlite:/srv/huiqi.sqlite']) {
        const problems = problemsOf({ ...PRODUCTION, DB_URL });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain('ALLOW_SQLITE_IN_PRODUCTION');
      }
      expect(problemsOf({ ...PRODUCTION, DB_URL: undefined, ALLOW_SQLITE_IN_PRODUCTION: 'true' })).toHaveLength(1);
      expect(loadConfig({ ...PRODUCTION, DB_URL: undefined, ALLOW_SQLITE_IN_PRODUCTION: '1' }).database.type).toBe(
        'sqlite',
      );
    });

    it.each(['WECHAT_APP_ID', 'WECHAT_APP_SECRET'])('refuses a missing %s', (name) => {
      const problems = problemsOf({ ...PRODUCTION, [name]: undefined });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(name);
    });

    it('reports all of them at once when nothing is set', () => {
      const problems = problemsOf({ NODE_ENV: 'production', AUTH_DEMO: '1', DEMO_SEED: '1' });
      expect(problems).toHaveLength(5);
      for (const name of ['TOKEN_SECRET', 'AUTH_DEMO', 'DEMO_SEED', 'ALLOW_SQLITE_IN_PRODUCTION', 'WECHAT_APP_ID'])
        expect(problems.filter((p) => p.includes(name))).toHaveLength(1);
      for (const p of problems) expect(p).toMatch(CHINESE);
    });
  });
});
