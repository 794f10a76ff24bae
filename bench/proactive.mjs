// `npm run bench -- proactive [--firms N]`: proactive matching (免申即享) of a round that opens, on
// 100,000 firms on MariaDB.
//
// 1. A scratch MariaDB database, fully migrated, is filled with the firms and their facts
//    (bench/seed-firms.mjs, as the preview benchmark does) and one member per firm.
// 2. The built API is created in this process (api/dist createApp) with a clock before the
//    round's first day and the 2026 demo edition as its built-in edition: its default round is
//    created at boot, not yet open, so nothing is screened.
// 3. The clock moves to the round's first day. Baseline: the same screening (facts streamed in
//    batches, the shared rules, the applications and opt-out look-ups) without writing events.
//    Then the real one, which writes one outbox event per firm and program. Each is timed; this
//    process's peak resident memory (VmHWM reset through /proc/self/clear_refs, and sampled every
//    10 ms) against its resident memory just before.
//
// MariaDB: BENCH_MYSQL_URL, else TEST_MYSQL_URL, else mysql://root@127.0.0.1:3306/test. Writes
// bench/results/proactive.json and the `proactive` section of docs/benchmarks.md.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { DataSource } from 'typeorm';
import { fail, loadAverage, machine, removeOnExit, root, round, writeDocSection } from './support.mjs';
import { seedFirms } from './seed-firms.mjs';
import { demoEdition } from '../test/api/support/test-env.mjs';

const firmsArg = process.argv.indexOf('--firms');
const FIRMS = firmsArg > 0 ? Number(process.argv[firmsArg + 1]) : 100_000;
if (!Number.isSafeInteger(FIRMS) || FIRMS < 1) fail('--firms 必须是正整数');
const SAMPLE_MS = 10;
const TARGETS = { seconds: 30, rssGrowthMb: 100 };
const COMMAND = 'npm run bench -- proactive';
const MYSQL_URL = process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
const SCRATCH = 'huiqi_bench_proactive';
const resultsPath = fileURLToPath(new URL('./results/proactive.json', import.meta.url));

const require = createRequire(import.meta.url);
const { builtInEditions } = require('../shared/dist/index.js');
const dist = (p) => import(pathToFileURL(path.join(root, 'api/dist', p)).href);
const { dataSourceOptions } = await dist('database/data-source.js');
const { createApp } = await dist('app.factory.js');
const { loadConfig } = await dist('config/config.js');
const { Clock } = await dist('common/clock.js');
const { MatchingService } = await dist('modules/matching/matching.service.js');

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes) => round(bytes / 1024 / 1024, 1);
const fmt = (n) => n.toLocaleString('en-US');
const statusOf = (field) => {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  if (!Number.isFinite(kb)) fail(`无法读取 ${field}`);
  return kb * 1024;
};

class BenchClock extends Clock {
  constructor(current) {
    super();
    this.current = current;
  }
  now() {
    return this.current;
  }
}

/** Runs `work`, timed, with this process's peak resident memory above its level just before. */
const measured = async (work) => {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  writeFileSync('/proc/self/clear_refs', '5');
  const idle = statusOf('VmRSS');
  let sampled = idle;
  const sampler = setInterval(() => (sampled = Math.max(sampled, statusOf('VmRSS'))), SAMPLE_MS);
  const start = process.hrtime.bigint();
  const result = await work();
  const took = seconds(start);
  clearInterval(sampler);
  const peak = Math.max(sampled, statusOf('VmHWM'));
  return { result, seconds: took, idleRssMb: mb(idle), peakRssMb: mb(peak), rssGrowthMb: mb(peak - idle) };
};

const admin = new DataSource({ type: 'mariadb', url: MYSQL_URL });
try {
  await admin.initialize();
} catch (error) {
  fail(`无法连接 MariaDB（${MYSQL_URL}）：${error.message}`);
}
await admin.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
await admin.query(`CREATE DATABASE \`${SCRATCH}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const url = new URL(MYSQL_URL);
url.pathname = `/${SCRATCH}`;
const loadBefore = loadAverage();
let results;
try {
  console.log(`proactive：写入 ${fmt(FIRMS)} 家企业…`);
  const seeding = new DataSource(dataSourceOptions({ type: 'mariadb', url: url.toString() }));
  await seeding.initialize();
  await seeding.runMigrations({ transaction: 'each' });
  const seedStart = process.hrtime.bigint();
  const ids = await seedFirms({ query: (sql, params) => seeding.query(sql, params), engine: 'mariadb', firms: FIRMS });
  const [{ id: userId }] = await seeding.query('SELECT MAX(id) AS id FROM users');
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    await seeding.query(
      `INSERT INTO memberships (org_id, user_id, role) VALUES ${chunk.map(() => "(?, ?, 'owner')").join(', ')}`,
      chunk.flatMap((id) => [id, userId]),
    );
  }
  const seedSeconds = seconds(seedStart);
  await seeding.destroy();

  const edition = {
    ...demoEdition(builtInEditions()[0], 2026),
    applicationWindow: { opens: '2026-07-01', closes: '2026-07-31' },
  };
  const clock = new BenchClock(new Date('2026-06-15T02:00:00Z'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-bench-proactive-'));
  removeOnExit(dataDir);
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_DEMO: '0',
    DEMO_SEED: '0',
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APP_ID: 'wx-bench',
    WECHAT_APP_SECRET: 'bench',
    DATA_DIR: dataDir,
    DB_URL: url.toString(),
    LOG_LEVEL: 'silent',
    PROACTIVE_TIMER_MS: '0',
    NOTICE_TIMER_MS: '0',
  });
  const app = await createApp(config, { clock, builtInEditions: [edition] });
  try {
    const matching = app.app.get(MatchingService);
    await matching.idle();
    const [{ id: roundId }] = await app.dataSource.query('SELECT MAX(id) AS id FROM application_rounds');
    clock.current = new Date('2026-07-01T02:00:00Z');

    console.log('proactive：基线（筛选但不写事件）…');
    const baseline = await measured(() => matching.matchRound(roundId, { write: false }));
    console.log('proactive：筛选并写入事件…');
    const real = await measured(() => matching.matchRound(roundId));
    const [{ n: notified }] = await app.dataSource.query(
      "SELECT COUNT(*) AS n FROM outbox WHERE event_type = 'notification.match'",
    );
    const [{ n: firmsNotified }] = await app.dataSource.query(
      "SELECT COUNT(DISTINCT org_id) AS n FROM outbox WHERE event_type = 'notification.match'",
    );
    if (real.result?.firms !== FIRMS) fail(`只筛选了 ${real.result?.firms} 家企业，应为 ${FIRMS} 家`);
    if (Number(notified) !== real.result.notified) fail(`写入 ${notified} 条事件，筛选报告 ${real.result.notified} 条`);
    if (baseline.result.notified !== real.result.notified) fail('基线与实际筛选的结果不一致');
    results = {
      firms: FIRMS,
      firmsPerSecond: Math.round(FIRMS / real.seconds),
      peakRssMb: real.peakRssMb,
      notified: Number(notified),
      firmsNotified: Number(firmsNotified),
      seconds: round(real.seconds, 2),
      idleRssMb: real.idleRssMb,
      rssGrowthMb: real.rssGrowthMb,
      baseline: {
        seconds: round(baseline.seconds, 2),
        firmsPerSecond: Math.round(FIRMS / baseline.seconds),
        rssGrowthMb: baseline.rssGrowthMb,
      },
      ratioToBaseline: round(real.seconds / baseline.seconds, 2),
      seedSeconds: round(seedSeconds, 1),
    };
  } finally {
    await app.app.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
  await admin.destroy();
}

const output = {
  ...results,
  engine: 'mariadb',
  sampleMs: SAMPLE_MS,
  ...machine(),
  loadAverage: { before: loadBefore, after: loadAverage() },
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: { seconds: results.seconds < TARGETS.seconds, rssGrowthMb: results.rssGrowthMb < TARGETS.rssGrowthMb },
};
mkdirSync(path.dirname(resultsPath), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`);

await writeDocSection(
  'proactive',
  [
    '## proactive',
    '',
    `Machine: ${output.cpu}, ${output.cores} cores, Node ${output.node}. Run ${output.date}, \`${COMMAND}\`; load ` +
      `average (1, 5, 15 min) ${output.loadAverage.before.join(' / ')} before, ${output.loadAverage.after.join(' / ')} after.`,
    '',
    `Proactive matching (免申即享) when a round opens, on ${fmt(FIRMS)} firms on MariaDB (bench/seed-firms.mjs, one ` +
      'member each): every firm’s latest facts streamed in batches of 500 (FactsService.latestUpTo), screened with the ' +
      'shared rules for the round’s nine programs, the firms’ applications and opt-outs looked up per batch, and one ' +
      'outbox event (INSERT IGNORE on its dedupe key) per firm and program it looks eligible for or lacks one fact of. ' +
      'The baseline is the same screening and look-ups without writing the events. Memory: the process’s peak resident ' +
      `memory (VmHWM, reset just before, and sampled every ${SAMPLE_MS} ms) against its resident memory just before.`,
    '',
    '| Figure | Value |',
    '| --- | --- |',
    `| Screening and writing (target < ${TARGETS.seconds} s) | **${output.seconds} s**, ${fmt(output.firmsPerSecond)} firms/s |`,
    `| Baseline: screening without writing | ${output.baseline.seconds} s, ${fmt(output.baseline.firmsPerSecond)} firms/s (ratio ${output.ratioToBaseline}) |`,
    `| Resident memory above idle, peak (target < ${TARGETS.rssGrowthMb} MB) | **${output.rssGrowthMb} MB** (idle ${output.idleRssMb} MB, peak ${output.peakRssMb} MB); baseline ${output.baseline.rssGrowthMb} MB |`,
    `| Events written; firms told | ${fmt(output.notified)}; ${fmt(output.firmsNotified)} |`,
    `| Writing the firms (multi-row INSERTs) | ${output.seedSeconds} s |`,
  ].join('\n'),
);
console.log(
  `proactive：${fmt(FIRMS)} 家企业，筛选并写入 ${output.seconds} 秒（${fmt(output.firmsPerSecond)} 家/秒，基线 ` +
    `${output.baseline.seconds} 秒，比值 ${output.ratioToBaseline}），内存峰值比之前高 ${output.rssGrowthMb} MB，` +
    `写入 ${fmt(output.notified)} 条事件（${fmt(output.firmsNotified)} 家企业）`,
);
process.exit(0);
