// Boots the API once per engine for the whole jest run (the api project's globalSetup). Suites
// that need no configuration of their own reach it through shared-api.ts by the URL left in
// HUIQI_SHARED_API_<ENGINE>, each with firms and users of its own, instead of importing and
// booting the API themselves (about three seconds a suite on this machine). It runs the built API
// (api/dist, brought up to date here first), on a clock fixed at TEST_NOW like a booted suite's.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoEdition, sharedApiVariable, TEST_NOW_ISO, testEnv } from './test-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Years the shared API has a demo edition for, window open all year (suites apply for them). */
const DEMO_YEARS = [2026, 2027];

const buildApi = () => {
  // Incremental: under a second when api/dist is current, so a run never tests stale code.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-b', join(root, 'api')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tsc -b api failed: the shared test API cannot start');
};

const createDatabase = async (engine) => {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'huiqi-shared-'));
    return {
      url: `sqlite:${join(dir, 'shared.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { DataSource } = await import('typeorm');
  const admin = process.env['TEST_MYSQL_URL'];
  const name = `huiqi_shared_${randomBytes(5).toString('hex')}`;
  const run = async (sql) => {
    const ds = new DataSource({ type: 'mariadb', url: admin });
    await ds.initialize();
    try {
      await ds.query(sql);
    } finally {
      await ds.destroy();
    }
  };
  await run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS \`${name}\``) };
};

const start = async (engine) => {
  const dist = (path) => import(join(root, 'api', 'dist', path));
  const [{ createApp }, { Clock }, { loadConfig }, { startFakeWechat }, { EditionsService }, shared] =
    await Promise.all([
      dist('app.factory.js'),
      dist('common/clock.js'),
      dist('config/config.js'),
      dist('wechat/fake-server.js'),
      dist('modules/editions/editions.service.js'),
      import('@huiqi/shared'),
    ]);
  class FixedTestClock extends Clock {
    now() {
      return new Date(TEST_NOW_ISO);
    }
  }
  const db = await createDatabase(engine);
  const dataDir = mkdtempSync(join(tmpdir(), 'huiqi-shared-data-'));
  const wechat = await startFakeWechat();
  const stop = async () => {
    await wechat.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig(testEnv({ dbUrl: db.url, dataDir, wechatUrl: wechat.url }));
    const app = await createApp(config, { clock: new FixedTestClock() });
    const editions = app.app.get(EditionsService);
    for (const year of DEMO_YEARS) await editions.publish(demoEdition(shared.builtInEditions()[0], year));
    await app.app.listen(0, '127.0.0.1');
    const { port } = app.app.getHttpServer().address();
    process.env[sharedApiVariable(engine)] = `http://127.0.0.1:${port}`;
    return async () => {
      await app.close();
      await stop();
    };
  } catch (error) {
    await stop();
    throw error;
  }
};

export default async () => {
  buildApi();
  const engines = process.env['TEST_MYSQL_URL'] ? ['sqlite', 'mariadb'] : ['sqlite'];
  // Read by global-teardown.mjs, which jest runs in this same process.
  globalThis.__huiqiSharedApis = await Promise.all(engines.map(start));
};
