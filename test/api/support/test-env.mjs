// The environment every test API boots with, shared by support/app.ts (an API per suite) and
// support/global-setup.mjs (one API per engine for the whole run), so both run the same config.

const GENEROUS = '1000000/60';

/** Limits no suite reaches, so only the rate-limit tests (which set tight ones) are ever refused. */
export const GENEROUS_LIMITS = Object.fromEntries(
  [
    'GLOBAL',
    'SIGN_IN_IP',
    'SIGN_IN_ACCOUNT',
    'SESSION_IP',
    'SESSION_ACCOUNT',
    'INVITES_IP',
    'INVITES_ACCOUNT',
    'ANONYMOUS_IP',
  ].map((name) => [`RATE_LIMIT_${name}`, GENEROUS]),
);

/** 2026-06-15 10:00 in Liaocheng: inside the demo edition's window, long after 2023's. */
export const TEST_NOW_ISO = '2026-06-15T02:00:00Z';

/** The configuration's environment for a test API on `dbUrl`, with its own data folder and fake WeChat. */
export const testEnv = ({ dbUrl, dataDir, wechatUrl }) => ({
  NODE_ENV: 'test',
  AUTH_DEMO: '1',
  DEMO_SEED: '0',
  WECHAT_API_BASE: wechatUrl,
  WECHAT_APP_ID: 'wx-demo-appid',
  WECHAT_APP_SECRET: 'demo-secret',
  DATA_DIR: dataDir,
  ...GENEROUS_LIMITS,
  DB_URL: dbUrl,
});

/** The demo edition for `year` as the demo seed publishes it: the 2023 numbers, window open all year. */
export const demoEdition = (base, year) => ({
  ...structuredClone(base),
  id: `demo-${year}`,
  title: `【演示】${year}年演示版本`,
  claimYear: year,
  validFrom: `${year}-01-01`,
  validTo: `${year}-12-31`,
  applicationWindow: { opens: `${year}-01-01`, closes: `${year}-12-31` },
  demo: true,
});

/** The environment variable through which suites find the run's shared API on an engine. */
export const sharedApiVariable = (engine) => `HUIQI_SHARED_API_${engine.toUpperCase()}`;
