/** At most `max` requests in `windowSeconds`. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** Routes limited together: one count for all the routes of a policy. */
export type RateLimitPolicy = 'sign-in' | 'session' | 'invites' | 'anonymous';

export interface RateLimitConfig {
  /** Every route, per client address: a ceiling no ordinary client reaches. */
  global: RateLimit;
  /** Per client address, and per account where the routes have one. */
  policies: Record<RateLimitPolicy, { ip: RateLimit; account: RateLimit | null }>;
  /** Counts live in Redis when set, shared by every instance; in each instance's memory otherwise. */
  redisUrl: string | null;
  /** Prefix of the Redis keys, so deployments (or test runs) sharing a Redis do not share counts. */
  redisPrefix: string;
  /**
   * How many reverse proxies stand in front of the API. 0: the socket's peer is the client and
   * X-Forwarded-For is ignored (anyone can write it). N: the client is the N-th address from the
   * right of X-Forwarded-For, the one the outermost trusted proxy saw.
   */
  trustedProxies: number;
}

type Env = Record<string, string | undefined>;

const limit = (env: Env, name: string, problems: string[], fallback: RateLimit): RateLimit => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d{1,9})\/(\d{1,7})$/.exec(raw);
  const max = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || max < 1 || windowSeconds < 1) {
    problems.push(`${name}=${raw}：应写作“次数/秒数”，如 30/60 表示每60秒最多30次 (must be MAX/SECONDS, e.g. 30/60)`);
    return fallback;
  }
  return { max, windowSeconds };
};

/**
 * The limits, each `RATE_LIMIT_<POLICY>_<IP|ACCOUNT>=MAX/SECONDS`. The defaults let a person
 * (or a carrier's shared address, many people) use the service freely and stop scripts:
 * sign-in and invite codes are what guessing attacks, the anonymous evaluation is what costs CPU.
 */
export const readRateLimits = (env: Env, problems: string[]): RateLimitConfig => {
  const policy = (name: string, ip: RateLimit, account: RateLimit) => ({
    ip: limit(env, `RATE_LIMIT_${name}_IP`, problems, ip),
    account: limit(env, `RATE_LIMIT_${name}_ACCOUNT`, problems, account),
  });
  const redisUrl = env['REDIS_URL'] || null;
  if (redisUrl && !/^rediss?:\/\/./.test(redisUrl))
    problems.push('REDIS_URL：应为 redis://主机:端口 或 rediss://… (must be a redis:// URL)');
  const proxies = env['TRUST_PROXY'] || '0';
  const trustedProxies = /^\d{1,2}$/.test(proxies) ? Number(proxies) : NaN;
  if (!(trustedProxies >= 0 && trustedProxies <= 10))
    problems.push(
      `TRUST_PROXY=${proxies}：应为 0 到 10 之间的整数，即 API 前面反向代理的层数，0 表示不信任 X-Forwarded-For (number of proxies, 0..10)`,
    );
  return {
    global: limit(env, 'RATE_LIMIT_GLOBAL', problems, { max: 1200, windowSeconds: 60 }),
    policies: {
      'sign-in': policy('SIGN_IN', { max: 30, windowSeconds: 60 }, { max: 10, windowSeconds: 60 }),
      session: policy('SESSION', { max: 120, windowSeconds: 60 }, { max: 10, windowSeconds: 60 }),
      invites: policy('INVITES', { max: 30, windowSeconds: 600 }, { max: 10, windowSeconds: 600 }),
      anonymous: { ip: limit(env, 'RATE_LIMIT_ANONYMOUS_IP', problems, { max: 60, windowSeconds: 60 }), account: null },
    },
    redisUrl,
    redisPrefix: env['RATE_LIMIT_REDIS_PREFIX'] || 'huiqi:rate-limit:',
    trustedProxies: Number.isNaN(trustedProxies) ? 0 : trustedProxies,
  };
};
