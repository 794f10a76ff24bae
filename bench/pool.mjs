// `npm run bench -- pool [--applications N] [--fits N] [--sessions N]`: city approvals racing for
// one order pool through two API processes on one MariaDB database.
//
// 1. A scratch database on the MariaDB server of BENCH_MYSQL_URL, else TEST_MYSQL_URL, else
//    mysql://root@127.0.0.1:3306/test (made here, dropped after). Without MariaDB the benchmark
//    says so and stops: the race between processes is about MariaDB's row locks, SQLite has none.
// 2. Two built APIs (api/dist/main.js, demo sign-in on) on it, the first migrating it.
// 3. Through the API (the shared typed client, bench/pool-race.mjs), alternately on each process:
//    a round whose pool-leading holds exactly 50 awards of 40,000 yuan, and 200 leading-enterprise
//    applications at city review with every condition verified.
// 4. The burst: all 200 approved at once, alternately through each process, each sent again at
//    the same moment through the other process (a retry), by 4 city reviewers: 400 requests.
//    Timed from the first request sent to the last answer.
// 5. Read back from the database: the pool's totals against its cap, the ledger, the holds.
//
// Writes bench/results/pool.json and the `pool` section of docs/benchmarks.md.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import {
  approvalBurst,
  AWARD_FEN,
  POOL_ID,
  PROGRAM_ID,
  prepareRace,
  readBurst,
  readPool,
  tally,
} from './pool-race.mjs';
import { fail, loadAverage, machine, round, startApi, stopServer, writeDocSection } from './support.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) fail(`--${name} 必须是正整数`);
  return value;
};
const APPLICATIONS = argument('applications', 200);
const FITS = argument('fits', 50);
const SESSIONS = argument('sessions', 4);
if (FITS > APPLICATIONS) fail('--fits 不能大于 --applications');
const PROCESSES = 2;
const TARGETS = { approvalsPerSecond: 200, overAllocatedFen: 0 };
const COMMAND = 'npm run bench -- pool';
const MYSQL_URL = process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
const SCRATCH = 'huiqi_bench_pool';
const resultsPath = fileURLToPath(new URL('./results/pool.json', import.meta.url));

/** CPU seconds a process has used (user + system), from /proc; clock ticks of 1/100 s (Linux's USER_HZ). */
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** The MariaDB server's process on this machine, if it runs here (read from /proc, nothing else). */
const mariadbPid = () => {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (['mariadbd', 'mysqld'].includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) return Number(entry);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return null;
};
/** InnoDB's row-lock counters (the server's, every database's). */
const rowLocks = async (ds) => {
  const rows = await ds.query("SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_%'");
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
};

/** Limits no benchmark reaches: 200 applicants signing in from one address would be throttled. */
const UNLIMITED = Object.fromEntries(
  [
    'GLOBAL',
    'SIGN_IN_IP',
    'SIGN_IN_ACCOUNT',
    'SESSION_IP',
    'SESSION_ACCOUNT',
    'INVITES_IP',
    'INVITES_ACCOUNT',
    'ANONYMOUS_IP',
  ].map((name) => [`RATE_LIMIT_${name}`, '100000000/60']),
);

const admin = new DataSource({ type: 'mariadb', url: MYSQL_URL });
try {
  await admin.initialize();
} catch (error) {
  console.log(
    `pool：跳过。无法连接 MariaDB（${MYSQL_URL}：${error.message}）。本基准测试两个 API 进程在同一 MariaDB 数据库上` +
      '争用同一资金池，需要 MariaDB；请设置 BENCH_MYSQL_URL 或 TEST_MYSQL_URL。未写入结果。',
  );
  process.exit(0);
}
await admin.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
await admin.query(`CREATE DATABASE \`${SCRATCH}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const scratchUrl = new URL(MYSQL_URL);
scratchUrl.pathname = `/${SCRATCH}`;
const [{ version: mariadbVersion }] = await admin.query('SELECT VERSION() AS version');

const loadBefore = loadAverage();
const apis = [];
let run;
try {
  // One after the other: the first migrates the empty database, the second finds it up to date.
  for (let i = 0; i < PROCESSES; i++)
    apis.push(await startApi(`pool-${i + 1}`, { AUTH_DEMO: '1', DB_URL: scratchUrl.toString(), ...UNLIMITED }));
  const bases = apis.map((a) => a.base);

  console.log(`pool：经 API 准备 ${APPLICATIONS} 份申报（注册企业、填报、上传材料、提交、县级通过、逐项核实）…`);
  const prepareStart = performance.now();
  let shown = 0;
  const race = await prepareRace({
    bases,
    fits: FITS,
    applications: APPLICATIONS,
    prefix: 'BNCHP',
    onProgress: (done, total) => {
      if (done === total || done - shown >= 50) {
        shown = done;
        console.log(`  ${done}/${total}`);
      }
    },
  });
  const prepareSeconds = (performance.now() - prepareStart) / 1000;

  console.log(`pool：${APPLICATIONS} 份申报同时市级审核通过，并各重发一次（共 ${APPLICATIONS * 2} 个请求）…`);
  const dbPid = mariadbPid();
  const cpuBefore = {
    apis: apis.map(({ api }) => cpuSeconds(api.pid)),
    db: dbPid && cpuSeconds(dbPid),
    client: process.cpuUsage(),
  };
  // The baseline first, on the same processes and applications: reads of each one's review.
  const baseline = await readBurst({ bases, applicationIds: race.applicationIds, prefix: 'BNCHP' });
  const locksBefore = await rowLocks(admin);
  const burst = await approvalBurst({
    bases,
    applicationIds: race.applicationIds,
    sessions: SESSIONS,
    prefix: 'BNCHP',
  });
  const locksAfter = await rowLocks(admin);
  const clientCpu = process.cpuUsage(cpuBefore.client);
  const cpu = {
    apiProcesses: apis.map(({ api }, i) => round(cpuSeconds(api.pid) - cpuBefore.apis[i], 2)),
    mariadb: dbPid ? round(cpuSeconds(dbPid) - cpuBefore.db, 2) : null,
    loadGenerator: round((clientCpu.user + clientCpu.system) / 1e6, 2),
  };
  const locks = {
    waits: locksAfter.Innodb_row_lock_waits - locksBefore.Innodb_row_lock_waits,
    waitedMs: locksAfter.Innodb_row_lock_time - locksBefore.Innodb_row_lock_time,
  };
  const scratch = new DataSource({ type: 'mariadb', url: scratchUrl.toString() });
  await scratch.initialize();
  try {
    const pool = await readPool((sql, params) => scratch.query(sql, params), race.roundId);
    const [statuses] = await scratch.query(
      `SELECT SUM(status = 'finance-review') AS approved, SUM(status = 'city-review') AS waiting FROM applications`,
    );
    run = { race, burst, baseline, pool, statuses, prepareSeconds, cpu, locks };
  } finally {
    await scratch.destroy();
  }
} finally {
  for (const { api } of apis) await stopServer(api);
  await admin.query(`DROP DATABASE IF EXISTS \`${SCRATCH}\``);
  await admin.destroy();
}

const { race, burst, baseline, pool, statuses, prepareSeconds, cpu, locks } = run;
const counts = tally(burst.outcomes);
const problems = [];
if (counts.succeeded !== FITS) problems.push(`成功 ${counts.succeeded} 次，应为 ${FITS} 次`);
if (counts.unexpected > 0) {
  const others = burst.outcomes.filter((o) => !o.ok && !['POOL_EXHAUSTED', 'INVALID_TRANSITION'].includes(o.code));
  problems.push(
    `${counts.unexpected} 个请求以意外的方式失败：${others
      .slice(0, 5)
      .map((o) => `${o.code}（${o.httpStatus}）${o.message}`)
      .join('；')}`,
  );
}
if (pool.overAllocatedFen > 0 || pool.ledgerOverAllocatedFen > 0)
  problems.push(`资金池超额 ${pool.overAllocatedFen} 分（按流水 ${pool.ledgerOverAllocatedFen} 分）`);
if (pool.reservedFen !== FITS * AWARD_FEN)
  problems.push(`资金池已预留 ${pool.reservedFen} 分，应为 ${FITS * AWARD_FEN} 分`);
if (pool.ledgerLines !== FITS || pool.ledgerReserveLines !== FITS)
  problems.push(`资金池流水 ${pool.ledgerLines} 条（预留 ${pool.ledgerReserveLines} 条），应为 ${FITS} 条`);
if (pool.reservedHolds !== FITS) problems.push(`预留记录 ${pool.reservedHolds} 条，应为 ${FITS} 条`);
if (Number(statuses.approved) !== FITS || Number(statuses.waiting) !== APPLICATIONS - FITS)
  problems.push(
    `待财政审核 ${statuses.approved} 份、待市级复审 ${statuses.waiting} 份，应为 ${FITS} 份和 ${APPLICATIONS - FITS} 份`,
  );
if (problems.length > 0) fail(problems.join('\n'));

const latencies = burst.outcomes.map((o) => o.ms).sort((a, b) => a - b);
const percentile = (p) => round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))], 1);
const approvalsPerSecond = round(counts.requests / burst.seconds, 1);
const readsPerSecond = round(baseline.requests / baseline.seconds, 1);
const results = {
  approvalsPerSecond,
  baseline: { what: 'GET /api/v1/applications/:id/review, the same requests spread the same way', readsPerSecond },
  approvalsPerRead: round(approvalsPerSecond / readsPerSecond, 2),
  overAllocatedFen: pool.overAllocatedFen,
  succeeded: counts.succeeded,
  refused: counts.refused,
  refusedBy: counts.refusedBy,
  requests: counts.requests,
  burstSeconds: round(burst.seconds, 3),
  latencyMs: { p50: percentile(50), p90: percentile(90), p99: percentile(99), max: round(latencies.at(-1), 1) },
  pool: {
    poolId: POOL_ID,
    capFen: pool.capFen,
    reservedFen: pool.reservedFen,
    committedFen: pool.committedFen,
    overAllocatedFenByLedger: pool.ledgerOverAllocatedFen,
    ledgerLines: pool.ledgerLines,
    ledgerReservedFen: pool.ledgerReservedFen,
    reservedHolds: pool.reservedHolds,
  },
  cpuSecondsDuringBurst: cpu,
  innodbRowLocksDuringBurst: locks,
  roundId: race.roundId,
  applications: APPLICATIONS,
  fits: FITS,
  awardFen: AWARD_FEN,
  program: PROGRAM_ID,
  processes: PROCESSES,
  cityReviewerSessions: SESSIONS,
  prepareSeconds: round(prepareSeconds, 1),
  mariadb: mariadbVersion,
  ...machine(),
  loadAverage: { before: loadBefore, after: loadAverage() },
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: {
    approvalsPerSecond: approvalsPerSecond >= TARGETS.approvalsPerSecond,
    overAllocatedFen: pool.overAllocatedFen <= TARGETS.overAllocatedFen,
  },
};
mkdirSync(path.dirname(resultsPath), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
const fmt = (n) => n.toLocaleString('en-US');
const yes = (ok) => (ok ? 'yes' : '**no**');
const yuan = (fen) => `${fmt(fen / 100)} yuan`;
const busy = round(cpu.apiProcesses.reduce((a, b) => a + b, 0) + (cpu.mariadb ?? 0) + cpu.loadGenerator, 2);
const available = round(results.cores * results.burstSeconds, 2);
await writeDocSection(
  'pool',
  [
    '## pool',
    '',
    `Machine: ${results.cpu}, ${results.cores} cores shared by both API processes, MariaDB ${mariadbVersion} and the ` +
      `load generator (and by whatever else runs: load average 1/5/15 min ${results.loadAverage.before.join(' / ')} ` +
      `before, ${results.loadAverage.after.join(' / ')} after), Node ${results.node}. Run ${results.date}, \`${COMMAND}\`.`,
    '',
    `Two built APIs (\`api/dist/main.js\`) on one scratch MariaDB database. Prepared through the API with the shared ` +
      `typed client (bench/pool-race.mjs), alternately on each process: a round whose \`${POOL_ID}\` (order sharing) ` +
      `holds exactly ${FITS} awards of ${yuan(AWARD_FEN)} (cap ${yuan(FITS * AWARD_FEN)}), and ${APPLICATIONS} ` +
      `\`${PROGRAM_ID}\` applications (${APPLICATIONS} firms: facts, five PDF materials, submitted, approved by the ` +
      `county, every condition verified by the city), in ${results.prepareSeconds} s. Then at once: each application ` +
      `approved by one of ${SESSIONS} city reviewers through process i mod 2 and the same approval sent again through ` +
      `the other process, ${fmt(counts.requests)} requests. Timed from the first request sent to the last answer; ` +
      '**approvals per second counts every approval request answered** (succeeded or refused), the outcomes are ' +
      'given apart. The totals are read back from the database afterwards.',
    '',
    '| Figure | Value | Target | Met |',
    '| --- | --- | --- | --- |',
    `| **Approval requests answered per second** | **${fmt(approvalsPerSecond)}** (${fmt(counts.requests)} in ${results.burstSeconds} s) | ≥ ${TARGETS.approvalsPerSecond} | ${yes(results.meetsTargets.approvalsPerSecond)} |`,
    `| Baseline in the same run: review reads per second (the same ${fmt(baseline.requests)} requests as reads); approvals per read | ${fmt(readsPerSecond)}; **${results.approvalsPerRead}** | | |`,
    `| Over-allocation, reserved + committed − cap (pool row; ledger) | **${pool.overAllocatedFen} fen**; ${pool.ledgerOverAllocatedFen} fen | 0 | ${yes(results.meetsTargets.overAllocatedFen)} |`,
    `| Succeeded | ${counts.succeeded} (pool reserved ${yuan(pool.reservedFen)} of ${yuan(pool.capFen)}) | ${FITS} | ${yes(counts.succeeded === FITS)} |`,
    `| Refused | ${counts.refused}: ${Object.entries(counts.refusedBy)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')} | | |`,
    `| Ledger lines; holds reserved | ${pool.ledgerLines}; ${pool.reservedHolds} | ${FITS}; ${FITS} | ${yes(pool.ledgerLines === FITS && pool.reservedHolds === FITS)} |`,
    `| Latency p50 / p90 / p99 / max | ${results.latencyMs.p50} / ${results.latencyMs.p90} / ${results.latencyMs.p99} / ${results.latencyMs.max} ms | | |`,
    `| CPU during the burst: API processes; MariaDB; load generator | ${cpu.apiProcesses.join(' + ')} s; ${cpu.mariadb ?? '—'} s; ${cpu.loadGenerator} s (${busy} of the ${available} core-seconds there were) | | |`,
    `| InnoDB row-lock waits during the burst (the server's, all databases) | ${fmt(locks.waits)} waits, ${fmt(locks.waitedMs)} ms waited in all | | |`,
    '',
    'FORBIDDEN is the other request of an application whose approval succeeded: it found the application at ' +
      'finance’s stage (财政审核), and the access policy answers a city reviewer there with 403 before the status rule ' +
      'would answer 409. Every other refusal is POOL_EXHAUSTED.',
    '',
    `Where the time goes: not the processors (${busy} of ${available} core-seconds used by the four processes ` +
      'measured) but the locks every approval queues on. A reservation takes the pool row’s exclusive lock with the ' +
      'conditional UPDATE and keeps it until its transaction ends (the hold, the ledger line, the application, the ' +
      'audit entry with its place in the audit chain, the outbox event, the commit); every change of the service also ' +
      'queues on the audit chain’s head, so approvals are written one at a time across both processes ' +
      `(${fmt(locks.waits)} row-lock waits, ${fmt(locks.waitedMs)} ms waited in all). Refusals mostly skip the pool’s ` +
      'lock: an approval whose amount the pool plainly cannot hold (read without a lock) is refused before the ' +
      'UPDATE, and only an amount that seems to fit is decided by it. A retry of an approval that succeeded locks ' +
      'only its application. The ratio to the reads measured in the same run is the figure to compare between runs.',
  ].join('\n'),
);

console.log(
  [
    `pool：${fmt(counts.requests)} 个市级审核请求（两个 API 进程，${APPLICATIONS} 份申报各发两次）${results.burstSeconds} 秒，` +
      `每秒 ${fmt(approvalsPerSecond)} 个（目标 ≥ ${TARGETS.approvalsPerSecond}：${results.meetsTargets.approvalsPerSecond ? '达到' : '未达到'}）`,
    `  成功 ${counts.succeeded} 个，拒绝 ${counts.refused} 个（${JSON.stringify(counts.refusedBy)}），超额 ${pool.overAllocatedFen} 分，流水 ${pool.ledgerLines} 条`,
    '  结果：bench/results/pool.json，docs/benchmarks.md',
  ].join('\n'),
);
