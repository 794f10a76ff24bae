import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RateLimitConfig, readRateLimits } from './rate-limits.js';
import { secretWeakness } from './secret-strength.js';

export type Environment = 'development' | 'test' | 'production';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mariadb'; url: string };

/** `npm run build:miniapp`'s H5 output, from api/src/config or api/dist/config alike. */
const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../../miniapp/dist/h5', import.meta.url));

export interface AppConfig {
  env: Environment;
  host: string;
  port: number;
  dataDir: string;
  /** The mini-program's H5 build, served at `/` when it exists (common/web-app.ts). */
  webAppDir: string;
  database: DatabaseConfig;
  /** HMAC key of access tokens: signs new ones. */
  tokenSecret: string;
  /** The key before the last rotation: still verifies access tokens until they expire. */
  tokenSecretPrevious: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** POST /api/v1/auth/demo exists only when this is true. */
  authDemo: boolean;
  /** 演示时钟: the administrator may move the API's clock forward (DEMO_CLOCK=1; `npm start` only, never in production). */
  demoClock: boolean;
  /** Seed demo firms, staff and the demo edition into an empty database. */
  demoSeed: boolean;
  wechat: { baseUrl: string; appId: string; appSecret: string };
  files: {
    /** Largest single upload, bytes. */
    maxFileBytes: number;
    /** Largest total of the files attached to one application, bytes. */
    maxApplicationBytes: number;
    /** How long a download link stays valid. */
    linkTtlSeconds: number;
    /** How often abandoned temp files and unreferenced stored files are swept (also once at boot). */
    sweepIntervalSeconds: number;
  };
  /** How often each instance concludes the public notices whose period ended (ms, also once at boot); 0: never. */
  noticeTimerMs: number;
  /** Delivery of the outbox's events to the inbox and WeChat (modules/notifications). */
  notifications: NotificationsConfig;
  /**
   * How often each instance screens the open rounds not yet matched and writes the day's
   * reminders (ms, also once at boot); 0: never (tests call the timer's work themselves).
   */
  proactiveTimerMs: number;
  /** PROACTIVE_MATCHING=0: no screening when a round opens or a firm's facts change (the timer's PROACTIVE_TIMER_MS aside). */
  proactiveMatching: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Request limits per client address and per account, and where their counts live. */
  rateLimits: RateLimitConfig;
}

/** A WeChat subscribe-message template: its id, and which of its fields carry what. */
export interface WechatTemplate {
  templateId: string;
  /** The template's data keys (e.g. `thing1`) for the message's title, its body and the date. */
  fields: { title: string; body: string; date: string };
}

/** Which template a notification uses, by what it is about. */
export type TemplatePurpose = 'review' | 'supplement' | 'payment' | 'match';

export interface NotificationsConfig {
  /** How often each instance leases due outbox events (ms); 0: never (tests call dispatchOnce). */
  intervalMs: number;
  /** Attempts before an event is dead (the dead-letter state). */
  maxAttempts: number;
  /** The first retry's delay (ms); doubled per attempt, at most an hour. */
  backoffMs: number;
  /** How long a lease holds an event (ms): a dispatcher that dies leaves it due again after this. */
  leaseMs: number;
  /** `REDIS_URL`: deliver through BullMQ so several instances share the work; null: in process. */
  redisUrl: string | null;
  /**
   * `NOTIFY_QUEUE`: the BullMQ key prefix on Redis, by default `huiqi:<database name>`, so the
   * instances of one database share a queue and those of another (tests, a staging copy) never do.
   * The queue itself is `notify` under it: its keys are `<prefix>:notify:…`.
   */
  queuePrefix: string;
  /** `NOTIFY_CONCURRENCY`: jobs one instance's worker runs at once. */
  concurrency: number;
  /**
   * `NOTIFY_LOCK_MS`: how long a worker's hold on a job lasts without renewal; a worker that dies
   * mid-job leaves it to another after this (BullMQ's stalled-job check runs at the same interval).
   */
  lockMs: number;
  templates: Record<TemplatePurpose, WechatTemplate>;
}

const DEFAULT_TEMPLATES: Record<TemplatePurpose, WechatTemplate> = {
  review: { templateId: 'tmpl-review', fields: { title: 'thing1', body: 'thing2', date: 'time3' } },
  supplement: { templateId: 'tmpl-supplement', fields: { title: 'thing1', body: 'thing2', date: 'time3' } },
  payment: { templateId: 'tmpl-payment', fields: { title: 'thing1', body: 'thing2', date: 'time3' } },
  match: { templateId: 'tmpl-match', fields: { title: 'thing1', body: 'thing2', date: 'time3' } },
};

/** WECHAT_TEMPLATES: JSON `{ "<purpose>": { "templateId": "…", "fields": { "title", "body", "date" } } }`, merged over the defaults. */
const templates = (env: Env, problems: string[]): Record<TemplatePurpose, WechatTemplate> => {
  const raw = env['WECHAT_TEMPLATES'];
  if (!raw) return DEFAULT_TEMPLATES;
  try {
    const parsed = JSON.parse(raw) as Partial<Record<TemplatePurpose, Partial<WechatTemplate>>>;
    const merged = { ...DEFAULT_TEMPLATES };
    for (const purpose of Object.keys(DEFAULT_TEMPLATES) as TemplatePurpose[]) {
      const t = parsed[purpose];
      if (t === undefined) continue;
      if (typeof t.templateId !== 'string' || t.templateId.length === 0 || t.templateId.length > 64)
        problems.push(`WECHAT_TEMPLATES.${purpose}.templateId：必须是 1–64 个字符`);
      else
        merged[purpose] = { templateId: t.templateId, fields: { ...DEFAULT_TEMPLATES[purpose].fields, ...t.fields } };
    }
    return merged;
  } catch {
    problems.push('WECHAT_TEMPLATES：不是有效的 JSON');
    return DEFAULT_TEMPLATES;
  }
};

/** The secret used when none is set: fine on a laptop, refused in production. */
export const DEFAULT_TOKEN_SECRET = 'huiqi-development-secret-do-not-use-in-production';
const WECHAT_API = 'https://api.weixin.qq.com';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，服务未启动 (invalid configuration):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const flag = (env: Env, name: string, problems: string[], fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  problems.push(`${name}=${raw}：只能是 1 或 0 (must be 1 or 0)`);
  return fallback;
};

const integer = (env: Env, name: string, problems: string[], fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Decimal digits only: Number() would also take '0x50', '1e3' and ' 80', silently meaning something else.
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${raw}：应为 ${min} 到 ${max} 之间的整数 (must be an integer in ${min}..${max})`);
    return fallback;
  }
  return n;
};

const database = (env: Env, dataDir: string, problems: string[]): DatabaseConfig => {
  const url = env['DB_URL'];
  if (!url) return { type: 'sqlite', path: resolve(dataDir, 'huiqi.sqlite') };
  if (url.startsWith('sqlite:')) return { type: 'sqlite', path: resolve(url.slice('sqlite:'.length)) };
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'mariadb:' && parsed.protocol !== 'mysql:') throw new Error(parsed.protocol);
    if (parsed.pathname.length < 2) problems.push('DB_URL：缺少数据库名，例如 mysql://user:pass@127.0.0.1:3306/huiqi');
    return { type: 'mariadb', url: `mysql:${url.slice(parsed.protocol.length)}` };
  } catch {
    problems.push('DB_URL：应为 mariadb://…、mysql://… 或 sqlite:文件路径 (must be a mariadb, mysql or sqlite URL)');
    return { type: 'sqlite', path: resolve(dataDir, 'huiqi.sqlite') };
  }
};

/**
 * The database's name, for names shared per database: MariaDB's schema; SQLite's file name with a
 * hash of its path (every data folder's file is `huiqi.sqlite`).
 */
const databaseName = (db: DatabaseConfig): string =>
  db.type === 'mariadb'
    ? decodeURIComponent(new URL(db.url).pathname.slice(1))
    : `${basename(db.path).replace(/\.sqlite$/, '')}-${createHash('sha256').update(db.path).digest('hex').slice(0, 12)}`;

/**
 * Reads and checks the environment once, at boot. Every problem is reported at once; in
 * production the defaults that are only safe on a laptop are refused.
 */
export const loadConfig = (env: Env = process.env): AppConfig => {
  const problems: string[] = [];
  const rawEnv = env['NODE_ENV'] ?? 'development';
  const envName: Environment =
    rawEnv === 'production' || rawEnv === 'test' || rawEnv === 'development' ? rawEnv : 'development';
  if (envName !== rawEnv) problems.push(`NODE_ENV=${rawEnv}：只能是 development、test 或 production`);
  const production = envName === 'production';

  const dataDir = resolve(env['DATA_DIR'] || './data');
  const db = database(env, dataDir, problems);
  const tokenSecret = env['TOKEN_SECRET'] || DEFAULT_TOKEN_SECRET;
  const tokenSecretPrevious = env['TOKEN_SECRET_PREVIOUS'] || null;
  const authDemo = flag(env, 'AUTH_DEMO', problems, false);
  const demoClock = flag(env, 'DEMO_CLOCK', problems, false);
  const demoSeed = flag(env, 'DEMO_SEED', problems, !production);
  const logLevel = (env['LOG_LEVEL'] || (envName === 'test' ? 'silent' : 'info')) as AppConfig['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel))
    problems.push(`LOG_LEVEL=${logLevel}：只能是 fatal、error、warn、info、debug、trace 或 silent`);

  const wechat = {
    baseUrl: env['WECHAT_API_BASE'] || WECHAT_API,
    appId: env['WECHAT_APP_ID'] || '',
    appSecret: env['WECHAT_APP_SECRET'] || '',
  };
  try {
    new URL(wechat.baseUrl);
  } catch {
    problems.push(`WECHAT_API_BASE=${wechat.baseUrl}：不是有效的网址`);
  }

  if (production) {
    if (tokenSecret === DEFAULT_TOKEN_SECRET)
      problems.push('生产环境必须设置 TOKEN_SECRET，不能使用默认密钥 (production refuses the default secret)');
    else {
      const weakness = secretWeakness('TOKEN_SECRET', tokenSecret, DEFAULT_TOKEN_SECRET);
      if (weakness) problems.push(weakness);
    }
    const previousWeakness =
      tokenSecretPrevious && secretWeakness('TOKEN_SECRET_PREVIOUS', tokenSecretPrevious, DEFAULT_TOKEN_SECRET);
    if (previousWeakness) problems.push(previousWeakness);
    if (authDemo) problems.push('生产环境不能开启演示登录 AUTH_DEMO=1 (production refuses demo login)');
    if (demoClock) problems.push('生产环境不能开启演示时钟 DEMO_CLOCK=1 (production refuses the demo clock)');
    if (demoSeed) problems.push('生产环境不能写入演示数据 DEMO_SEED=1 (production refuses demo data)');
    if (db.type === 'sqlite' && env['ALLOW_SQLITE_IN_PRODUCTION'] !== '1')
      problems.push(
        '生产环境应使用 DB_URL 指定 MariaDB/MySQL；确需使用 SQLite 请设置 ALLOW_SQLITE_IN_PRODUCTION=1 (production refuses the SQLite default)',
      );
    if (!wechat.appId || !wechat.appSecret)
      problems.push('生产环境必须设置 WECHAT_APP_ID 和 WECHAT_APP_SECRET (WeChat credentials are required)');
  }

  const config: AppConfig = {
    env: envName,
    host: env['HOST'] || '127.0.0.1',
    port: integer(env, 'PORT', problems, 3000, 0, 65535),
    dataDir,
    webAppDir: resolve(env['WEB_APP_DIR'] || DEFAULT_WEB_APP_DIR),
    database: db,
    tokenSecret,
    tokenSecretPrevious,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', problems, 900, 30, 86_400),
    refreshTokenTtlDays: integer(env, 'REFRESH_TOKEN_TTL_DAYS', problems, 30, 1, 365),
    authDemo,
    demoClock,
    demoSeed,
    wechat,
    files: {
      maxFileBytes: integer(env, 'FILE_MAX_MB', problems, 20, 1, 1024) * 1024 * 1024,
      maxApplicationBytes: integer(env, 'APPLICATION_FILES_MAX_MB', problems, 100, 1, 10_240) * 1024 * 1024,
      linkTtlSeconds: integer(env, 'FILE_LINK_TTL_SECONDS', problems, 300, 10, 86_400),
      sweepIntervalSeconds: integer(env, 'FILE_SWEEP_INTERVAL_SECONDS', problems, 3600, 1, 604_800),
    },
    noticeTimerMs: integer(env, 'NOTICE_TIMER_MS', problems, 60_000, 0, 86_400_000),
    notifications: {
      intervalMs: integer(env, 'NOTIFY_INTERVAL_MS', problems, envName === 'test' ? 0 : 1000, 0, 3_600_000),
      maxAttempts: integer(env, 'NOTIFY_MAX_ATTEMPTS', problems, 8, 1, 100),
      backoffMs: integer(env, 'NOTIFY_BACKOFF_MS', problems, 5000, 1, 3_600_000),
      leaseMs: integer(env, 'NOTIFY_LEASE_MS', problems, 60_000, 1000, 3_600_000),
      redisUrl: env['REDIS_URL'] || null,
      queuePrefix: env['NOTIFY_QUEUE'] || `huiqi:${databaseName(db)}`,
      concurrency: integer(env, 'NOTIFY_CONCURRENCY', problems, 8, 1, 256),
      lockMs: integer(env, 'NOTIFY_LOCK_MS', problems, 30_000, 500, 600_000),
      templates: templates(env, problems),
    },
    proactiveTimerMs: integer(env, 'PROACTIVE_TIMER_MS', problems, 86_400_000, 0, 86_400_000),
    proactiveMatching: env['PROACTIVE_MATCHING'] !== '0',
    logLevel,
    rateLimits: readRateLimits(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};
