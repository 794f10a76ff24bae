import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Writable } from 'node:stream';
import {
  type ApiClient,
  ApiError,
  createApiClient,
  type CreateOrgRequest,
  type Edition,
  fetchTransport,
  type TokenSource,
  type Transport,
  type TransportRequest,
  usccCheckCharacter,
} from '@huiqi/shared';
import { createApp, type App } from '../../../api/src/app.factory.js';
import { Clock } from '../../../api/src/common/clock.js';
import { type AppConfig, loadConfig } from '../../../api/src/config/config.js';
import { type FakeWechat, startFakeWechat } from '../../../api/src/wechat/fake-server.js';
import { type Conformance, conformance, type OpenApiDocument } from './contract.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';

/** A clock the test moves. */
export class TestClock extends Clock {
  constructor(public current: Date) {
    super();
  }
  now(): Date {
    return this.current;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface Booted {
  engine: Engine;
  url: string;
  app: App;
  wechat: FakeWechat;
  clock: TestClock;
  config: AppConfig;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  /** A demo sign-in's access token. */
  login(role?: string, openid?: string, county?: string): Promise<string>;
  /** The OpenAPI document the API serves. */
  document: OpenApiDocument;
  /** Every answer `call` and `client` receive is checked against the document (support/contract.ts). */
  conformance: Conformance;
  /**
   * The shared typed client over fetch, its answers checked against the document; `observe`
   * sees every request it sends (a test counts refreshes with it).
   */
  client(tokens?: TokenSource, observe?: (request: TransportRequest) => void): ApiClient;
  close(): Promise<void>;
}

/** 2026-06-15 10:00 in Liaocheng: inside the demo edition's window, long after 2023's. */
export const TEST_NOW = new Date('2026-06-15T02:00:00Z');

const GENEROUS = '1000000/60';
const GENEROUS_LIMITS = Object.fromEntries(
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

export interface BootOptions {
  /** Receives the API's JSON log lines (set LOG_LEVEL in `env` to have any). */
  logStream?: Writable;
  /**
   * A database to boot on instead of a fresh one: another app's, to boot a second instance or to
   * boot again. Whoever made it drops it; this app's `close` leaves it.
   */
  database?: TestDatabase;
  /** The editions published at boot instead of the package's (a package update, simulated). */
  builtInEditions?: readonly Edition[];
}

/** Boots the whole API on a fresh database of one engine (or `options.database`), listening on a loopback port. */
export const boot = async (
  engine: Engine,
  env: Record<string, string> = {},
  options: BootOptions = {},
): Promise<Booted> => {
  const db: TestDatabase = options.database ?? (await createTestDatabase(engine));
  // Each app its own data directory (uploaded files, temp files), so suites never share files.
  const dataDir = mkdtempSync(join(tmpdir(), 'huiqi-data-'));
  const wechat = await startFakeWechat();
  const clock = new TestClock(TEST_NOW);
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_DEMO: '1',
    DEMO_SEED: '0',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APP_ID: 'wx-demo-appid',
    WECHAT_APP_SECRET: 'demo-secret',
    DATA_DIR: dataDir,
    // Limits no suite reaches, so only the rate-limit tests (which set tight ones) are ever refused.
    ...GENEROUS_LIMITS,
    ...(db.config.type === 'mariadb' ? { DB_URL: db.config.url } : { DB_URL: `sqlite:${db.config.path}` }),
    ...env,
  });
  let app: App;
  try {
    app = await createApp(config, {
      clock,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(options.builtInEditions ? { builtInEditions: options.builtInEditions } : {}),
    });
  } catch (error) {
    // A boot that fails leaves nothing running that would keep jest from exiting.
    await wechat.close();
    if (!options.database) await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const document = (await (await fetch(`${url}/api/docs-json`)).json()) as OpenApiDocument;
  const checker = conformanceOf(document);
  /** Fails the test when an answer is not what the document says (see contract.ts). */
  const check = (method: string, path: string, status: number, contentType: string | null, text: string): void => {
    const problem = checker.problem(method, path, status, contentType, text);
    if (problem) throw new Error(`the API answered outside its OpenAPI document: ${problem}`);
  };
  const transport = conformingTransport(check);

  const call: Booted['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    check(method, path, res.status, res.headers.get('content-type'), text);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the docs page): callers read `text`.
    }
    return { status: res.status, body: parsed as never, text, headers: res.headers };
  };

  return {
    engine,
    url,
    app,
    wechat,
    clock,
    config,
    call,
    document,
    conformance: checker,
    client: (tokens, observe) =>
      createApiClient({
        baseUrl: url,
        transport: observe ? (request) => (observe(request), transport(request)) : transport,
        ...(tokens ? { tokens } : {}),
      }),
    login: async (role = 'applicant', openid?: string, county?: string) => {
      const res = await call<{ accessToken: string }>('POST', '/api/v1/auth/demo', { body: { role, openid, county } });
      if (res.status !== 200) throw new Error(`demo login failed: ${res.status} ${res.text}`);
      return res.body.accessToken;
    },
    close: async () => {
      await app.close();
      await wechat.close();
      if (!options.database) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

// The document is the same for every app a suite boots: its schemas are compiled once.
const checkers = new Map<string, Conformance>();
const conformanceOf = (document: OpenApiDocument): Conformance => {
  const key = JSON.stringify(document);
  let checker = checkers.get(key);
  if (!checker) {
    checker = conformance(document);
    checkers.set(key, checker);
  }
  return checker;
};

/** fetch as the client's transport, every answer checked against the document. */
const conformingTransport =
  (
    check: (method: string, path: string, status: number, contentType: string | null, text: string) => void,
  ): Transport =>
  async (request) => {
    const response = await fetchTransport()(request);
    check(request.method, request.url, response.status, null, response.text);
    return response;
  };

/** The ApiError a client call rejects with; fails the test if it resolves or fails otherwise. */
export const refusalOf = async (call: Promise<unknown>): Promise<ApiError> => {
  const outcome = await call.then(
    (value: unknown) => new Error(`resolved with ${JSON.stringify(value)?.slice(0, 200)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) throw outcome;
  return outcome;
};

/** A valid USCC for test firm n (the GB 32100-2015 check character is computed, not hard-coded). */
export const testUscc = (n: number): string => {
  const body = `91371500MA3TEXT${String(n).padStart(2, '0')}`;
  const check = usccCheckCharacter(body);
  if (!check) throw new Error(`not a USCC body: ${body}`);
  return body + check;
};

/** Test firm n's registration, as the contract types it. */
export const firm = (n: number, overrides: Partial<CreateOrgRequest> = {}): CreateOrgRequest => ({
  uscc: testUscc(n),
  name: `测试电商企业${n}号有限公司`,
  county: 'linqing',
  orgTypes: ['ecommerce'],
  legalRepresentative: '王法人',
  contactName: '赵联系',
  contactPhone: '13912345678',
  ...overrides,
});

/** Publishes the 2023 numbers as a demo edition for `year`, window open all year, as the demo seed does. */
export const publishDemoEdition = async (api: Booted, year: number): Promise<void> => {
  const { builtInEditions } = await import('@huiqi/shared');
  const { EditionsService } = await import('../../../api/src/modules/editions/editions.service.js');
  await api.app.app.get(EditionsService).publish({
    ...structuredClone(builtInEditions()[0]),
    id: `demo-${year}`,
    title: `【演示】${year}年演示版本`,
    claimYear: year,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    applicationWindow: { opens: `${year}-01-01`, closes: `${year}-12-31` },
    demo: true,
  });
};
