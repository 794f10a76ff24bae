import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Writable } from 'node:stream';
import { type Edition } from '@huiqi/shared';
import { createApp, type App } from '../../../api/src/app.factory.js';
import { Clock } from '../../../api/src/common/clock.js';
import { type AppConfig, loadConfig } from '../../../api/src/config/config.js';
import { type FakeWechat, startFakeWechat } from '../../../api/src/wechat/fake-server.js';
import { type Connected, connect, firmsOf, TEST_NOW } from './connect.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';
import { demoEdition, testEnv } from './test-env.mjs';

export { type Reply, refusalOf, TEST_NOW } from './connect.js';

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

/** An API this suite booted: what any suite can do with an API, and its insides. */
export interface Booted extends Connected {
  app: App;
  wechat: FakeWechat;
  clock: TestClock;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Test firms for suites that boot their own API (a database of their own). Suites on the run's
 * shared API take theirs from shared-api.ts, whose organisation codes are the suite's own.
 */
export const { testUscc, firm } = firmsOf('MA3TEXT');

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
    ...testEnv({
      dbUrl: db.config.type === 'mariadb' ? db.config.url : `sqlite:${db.config.path}`,
      dataDir,
      wechatUrl: wechat.url,
    }),
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
  const connected = await connect(engine, `http://127.0.0.1:${port}`);

  return {
    ...connected,
    app,
    wechat,
    clock,
    config,
    close: async () => {
      await app.close();
      await wechat.close();
      if (!options.database) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Publishes the 2023 numbers as a demo edition for `year`, window open all year, as the demo seed does. */
export const publishDemoEdition = async (api: Booted, year: number): Promise<void> => {
  const { builtInEditions } = await import('@huiqi/shared');
  const { EditionsService } = await import('../../../api/src/modules/editions/editions.service.js');
  await api.app.app.get(EditionsService).publish(demoEdition(builtInEditions()[0] as Edition, year));
};
