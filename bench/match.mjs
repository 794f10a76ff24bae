// Benchmark of batch matching (免申即享), run by `npm run bench -- match [--firms N]`.
//
// 1. Generates 1,000,000 firms (bench/firms.mjs, seed 20230101) as JSON lines in a temp file.
// 2. Runs the built command line on it, `policy match --summary FILE`, output to a temp file, and
//    measures the wall time from start to exit and the process's peak resident memory (VmHWM,
//    read from /proc while it runs; worker threads are in the same process). The first tenth of
//    the input is run first on its own, for its memory: flat means the same whatever the size.
// 3. Checks the output: one line per firm, in input order, each the same decisions as `screen()`.
// 4. Runs json-rules-engine through the same work on a sample (the first 100,000 firms: parse the
//    line, decide every program, build an output line) on as many worker threads as the command
//    line used, and checks it agrees on eligibility. 1,000,000 firms would take it minutes, so its
//    rate is measured on the sample and the ratio is of rates.
//
// Writes bench/results/match.json and the `match` section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { firmGenerator } from './firms.mjs';
import { jsonRulesEngineVersion } from './jre-rules.mjs';
import { fail, loadAverage, machine, removeOnExit, root, round, writeDocSection } from './support.mjs';

const require = createRequire(import.meta.url);
const shared = require('../shared/dist/index.js');

const firmsArg = process.argv.indexOf('--firms');
const FIRMS = firmsArg > 0 ? Number(process.argv[firmsArg + 1]) : 1_000_000;
if (!Number.isSafeInteger(FIRMS) || FIRMS < 1) fail('--firms 必须是正整数');
const JRE_SAMPLE = Math.min(100_000, FIRMS);
/** Memory is also measured on the first tenth of the input, to show that it does not grow with the input. */
const SMALL = Math.max(1, Math.floor(FIRMS / 10));
const SEED = 20_230_101;
const CLAIM_YEAR = 2023;
const WORKERS = availableParallelism();
const TARGETS = { seconds: 10, peakRssMb: 300 };
const COMMAND = 'npm run bench -- match';
const CLI = join(root, 'shared', 'dist', 'cli.js');
const RSS_POLL_MS = 20;

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n) => n.toLocaleString('en-US');
const loadBefore = loadAverage();

const dir = mkdtempSync(join(tmpdir(), 'huiqi-match-'));
removeOnExit(dir);
const inputPath = join(dir, 'firms.jsonl');
const outputPath = join(dir, 'summary.jsonl');
const smallInputPath = join(dir, 'firms-small.jsonl');

// 1. The input, written with backpressure: never more than a chunk of it in memory.
const writeInput = async () => {
  const makeFirm = firmGenerator(SEED, CLAIM_YEAR);
  const stream = createWriteStream(inputPath);
  const small = createWriteStream(smallInputPath);
  let chunk = '';
  for (let i = 0; i < FIRMS; i++) {
    chunk += `${JSON.stringify({ claimYear: CLAIM_YEAR, facts: makeFirm() })}\n`;
    if (chunk.length >= 1 << 20 || i === FIRMS - 1 || i === SMALL - 1) {
      if (i < SMALL && !small.write(chunk)) await once(small, 'drain');
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  for (const s of [stream, small]) {
    s.end();
    await once(s, 'finish');
  }
};
await writeInput();
const inputBytes = statSync(inputPath).size;

// 2. The command line, timed from start to exit, its peak memory polled from /proc.
const runCli = (input, output) =>
  new Promise((resolve) => {
    const out = openSync(output, 'w');
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'match', '--summary', input], {
      stdio: ['ignore', out, 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // The process has just exited.
      }
    }, RSS_POLL_MS);
    child.on('exit', (code, signal) => {
      const secondsTaken = seconds(start);
      clearInterval(poll);
      closeSync(out);
      resolve({ code, signal, stderr, secondsTaken, peakKb });
    });
  });
const small = await runCli(smallInputPath, '/dev/null');
const cli = await runCli(inputPath, outputPath);
for (const run of [small, cli])
  if (run.code !== 0) fail(`policy match --summary 退出码 ${run.code ?? run.signal}：${run.stderr.slice(0, 2000)}`);
const outputBytes = statSync(outputPath).size;

// 3. Every output line against screen() of the same firm (regenerated from the seed, in step).
const programIds = shared.evaluate({ claimYear: CLAIM_YEAR, facts: {} }).programs.map((p) => p.programId);
const bitOf = new Map(programIds.map((id, i) => [id, 1 << i]));
const ourEligible = new Uint16Array(JRE_SAMPLE);
const statusCounts = { eligible: 0, ineligible: 0, undetermined: 0 };
let outputLines = 0;
let mismatches = 0;
{
  const makeFirm = firmGenerator(SEED, CLAIM_YEAR);
  const lines = createInterface({ input: createReadStream(outputPath), crlfDelay: Infinity });
  for await (const text of lines) {
    outputLines++;
    const got = JSON.parse(text);
    const want = shared.screen({ claimYear: CLAIM_YEAR, facts: makeFirm() });
    let same = got.line === outputLines && got.claimYear === CLAIM_YEAR && got.programs.length === want.programs.length;
    let bits = 0;
    want.programs.forEach((p, i) => {
      const g = got.programs[i];
      // An ineligible program is written with its status alone (see shared/src/match/summary.ts).
      same &&=
        g.programId === p.programId &&
        g.status === p.status &&
        (p.status === 'ineligible'
          ? Object.keys(g).length === 2
          : g.maxAmountFen === p.maxAmountFen && g.missingFacts.join() === p.missingFacts.join());
      statusCounts[p.status]++;
      if (p.status === 'eligible') bits |= bitOf.get(p.programId);
    });
    if (!same) mismatches++;
    if (outputLines <= JRE_SAMPLE) ourEligible[outputLines - 1] = bits;
  }
}
if (outputLines !== FIRMS) fail(`输出${outputLines}行，应为${FIRMS}行`);
if (mismatches > 0) fail(`${mismatches}行输出与 screen() 的结果不一致（或顺序不对）`);

// 4. json-rules-engine on the sample, in as many threads, the lines read before timing.
const sample = [];
for await (const text of createInterface({ input: createReadStream(inputPath), crlfDelay: Infinity })) {
  sample.push(text);
  if (sample.length === JRE_SAMPLE) break;
}
const edition = JSON.parse(JSON.stringify(shared.editionFor(CLAIM_YEAR)));
const jreWorkers = Array.from(
  { length: WORKERS },
  () => new Worker(new URL('./match-jre-worker.mjs', import.meta.url), { workerData: { edition, programIds } }),
);
await Promise.all(jreWorkers.map((w) => once(w, 'message')));
const share = Math.ceil(JRE_SAMPLE / WORKERS);
const startJre = process.hrtime.bigint();
const replies = await Promise.all(
  jreWorkers.map((w, k) => {
    w.postMessage({ firstLine: k * share + 1, lines: sample.slice(k * share, (k + 1) * share) });
    return once(w, 'message').then(([reply]) => reply);
  }),
);
const secondsJre = seconds(startJre);
await Promise.all(jreWorkers.map((w) => w.terminate()));
let jreMismatches = 0;
replies.forEach(({ eligible }, k) =>
  eligible.forEach((bits, i) => {
    if (bits !== ourEligible[k * share + i]) jreMismatches++;
  }),
);
if (jreMismatches > 0) fail(`json-rules-engine 与本项目引擎有${jreMismatches}家企业的符合项目不一致`);

// Results.
const firmsPerSecond = Math.round(FIRMS / cli.secondsTaken);
const jreFirmsPerSecond = Math.round(JRE_SAMPLE / secondsJre);
const peakRssMb = round(cli.peakKb / 1024, 1);
const results = {
  firms: FIRMS,
  seconds: round(cli.secondsTaken, 2),
  firmsPerSecond,
  peakRssMb,
  peakRssMbBySize: [
    { firms: SMALL, peakRssMb: round(small.peakKb / 1024, 1), seconds: round(small.secondsTaken, 2) },
    { firms: FIRMS, peakRssMb },
  ],
  ratioJsonRulesEngine: round(firmsPerSecond / jreFirmsPerSecond, 1),
  workers: WORKERS,
  inputMegabytes: round(inputBytes / 1e6, 1),
  outputMegabytes: round(outputBytes / 1e6, 1),
  checked: { lines: outputLines, mismatches },
  statusCounts,
  jsonRulesEngine: {
    version: jsonRulesEngineVersion,
    firms: JRE_SAMPLE,
    workers: WORKERS,
    seconds: round(secondsJre, 2),
    firmsPerSecond: jreFirmsPerSecond,
    secondsFor: { firms: FIRMS, seconds: round(FIRMS / jreFirmsPerSecond, 1) },
    agreement: { compared: JRE_SAMPLE, mismatches: jreMismatches },
  },
  seed: SEED,
  ...machine(),
  loadAverage: { before: loadBefore, after: loadAverage() },
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: { seconds: cli.secondsTaken < TARGETS.seconds, peakRssMb: peakRssMb < TARGETS.peakRssMb },
};

mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(fileURLToPath(new URL('./results/match.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);

const yes = (ok) => (ok ? 'yes' : '**no**');
const jre = results.jsonRulesEngine;
const section = [
  '## match',
  '',
  `Machine: ${results.cpu}, ${results.cores} cores, Node ${results.node}. Run ${results.date}, \`${COMMAND}\`; ` +
    `load average (1, 5, 15 min) ${loadBefore.join(' / ')} before, ${results.loadAverage.after.join(' / ')} after.`,
  '',
  `\`policy match --summary\` on ${fmt(FIRMS)} generated firms (seed ${SEED}, ${results.inputMegabytes} MB of JSON ` +
    `lines in a temp file), ${WORKERS} worker threads, output to a temp file (${results.outputMegabytes} MB). Time is ` +
    'from starting the process to its exit; memory is its peak resident set (VmHWM), threads included. Every ' +
    'output line was then checked against `screen()` of the same firm, in order (an ineligible program is ' +
    'written with its status alone).',
  '',
  '| Figure | Value | Target | Met |',
  '| --- | --- | --- | --- |',
  `| ${fmt(FIRMS)} firms × ${programIds.length} programs, summary lines | ${results.seconds} s (${fmt(firmsPerSecond)} firms/s) | < ${TARGETS.seconds} s | ${yes(results.meetsTargets.seconds)} |`,
  `| Peak resident memory | ${peakRssMb} MB | < ${TARGETS.peakRssMb} MB | ${yes(results.meetsTargets.peakRssMb)} |`,
  `| the same on the first ${fmt(SMALL)} firms (a tenth of the input) | ${results.peakRssMbBySize[0].peakRssMb} MB | | |`,
  `| Output lines equal to \`screen()\`, in input order | ${fmt(outputLines)} of ${fmt(FIRMS)} (${mismatches} mismatches) | all | ${yes(mismatches === 0)} |`,
  `| json-rules-engine ${jre.version}, same work on the first ${fmt(JRE_SAMPLE)} firms, ${WORKERS} threads | ${fmt(jreFirmsPerSecond)} firms/s (${jre.seconds} s; ${fmt(FIRMS)} firms would take about ${jre.secondsFor.seconds} s) | | |`,
  `| **Ratio**, \`match --summary\` ÷ json-rules-engine (firms per second) | ${results.ratioJsonRulesEngine}× | | |`,
  `| json-rules-engine agrees on eligibility | ${jreMismatches} mismatches of ${fmt(JRE_SAMPLE)} firms | 0 | ${yes(jreMismatches === 0)} |`,
  `| Statuses (eligible / ineligible / undetermined) | ${fmt(statusCounts.eligible)} / ${fmt(statusCounts.ineligible)} / ${fmt(statusCounts.undetermined)} | | |`,
].join('\n');
await writeDocSection('match', section);

console.log(
  [
    `match: ${fmt(FIRMS)} 家企业用时 ${results.seconds} 秒，${fmt(firmsPerSecond)} 家/秒（目标 < ${TARGETS.seconds} 秒：${results.meetsTargets.seconds ? '达到' : '未达到'}）；` +
      `峰值内存 ${peakRssMb} MB（目标 < ${TARGETS.peakRssMb} MB：${results.meetsTargets.peakRssMb ? '达到' : '未达到'}）`,
    `  输出 ${fmt(outputLines)} 行，与 screen() 逐行一致；json-rules-engine ${fmt(jreFirmsPerSecond)} 家/秒（抽样 ${fmt(JRE_SAMPLE)} 家），倍数 ${results.ratioJsonRulesEngine}`,
    `  负载：${loadBefore.join(' / ')} → ${results.loadAverage.after.join(' / ')}；结果：bench/results/match.json，docs/benchmarks.md`,
  ].join('\n'),
);
