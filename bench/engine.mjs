// Benchmark of the policy rules engine (@huiqi/shared), run by `npm run bench -- engine`.
//
// Phase A: 100,000 generated firms × every program of the 2023 edition, with traces (always on),
//          request validation included, in one Node thread.
// Phase B: the same firms on two programs (leading-enterprise, livestream-base): our entry points,
//          the same two programs written by hand (bench/handwritten.mjs, the baseline: screening must
//          reach half its speed), and json-rules-engine encoding the same conditions; all must agree.
//          Our entry points and the baseline are timed in turns, 5 passes each, median kept.
//
// Writes bench/results/engine.json and the `engine` section of docs/benchmarks.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { firmGenerator } from './firms.mjs';
import { handwrittenStatuses, handwrittenTwoPrograms } from './handwritten.mjs';
import { jreEngine, jreRules, jsonRulesEngineVersion } from './jre-rules.mjs';
import { fail, loadAverage, machine, round, writeDocSection } from './support.mjs';

const require = createRequire(import.meta.url);
const shared = require('../shared/dist/index.js');

const APPLICANTS = 100_000;
const WARMUP_APPLICANTS = 5_000;
const SEED = 20_230_101;
const CLAIM_YEAR = 2023;
const TWO_PROGRAMS = ['leading-enterprise', 'livestream-base'];
/** json-rules-engine runs on every firm unless that takes longer than this; then on at least the minimum. */
const JRE_BUDGET_SECONDS = 60;
const JRE_MIN_APPLICANTS = 20_000;
const TARGETS = { applicantsAllProgramsSeconds: 2, ratio: 50, screeningVsHandwritten: 0.5 };
const COMMAND = 'npm run bench -- engine';

const resultsPath = fileURLToPath(new URL('./results/engine.json', import.meta.url));

const loadBefore = loadAverage();
const makeFirm = firmGenerator(SEED, CLAIM_YEAR);
const firms = new Array(APPLICANTS);
for (let i = 0; i < APPLICANTS; i++) firms[i] = makeFirm();
const requests = firms.map((facts) => ({ claimYear: CLAIM_YEAR, facts }));
const twoProgramRequests = firms.map((facts) => ({ claimYear: CLAIM_YEAR, facts, programs: TWO_PROGRAMS }));

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

// ---------------------------------------------------------------------------------------------
// Phase A: every firm × every program.

const programIds = shared.evaluate({ claimYear: CLAIM_YEAR, facts: {} }).programs.map((p) => p.programId);
for (let i = 0; i < WARMUP_APPLICANTS; i++) shared.evaluate(requests[i]);

const statusCounts = { eligible: 0, ineligible: 0, undetermined: 0 };
const byProgram = Object.fromEntries(programIds.map((id) => [id, { eligible: 0, ineligible: 0, undetermined: 0 }]));
let checksumFen = 0;
let checksumConditions = 0;

const startA = process.hrtime.bigint();
for (let i = 0; i < APPLICANTS; i++) {
  const { programs } = shared.evaluate(requests[i]);
  for (let j = 0; j < programs.length; j++) {
    const p = programs[j];
    statusCounts[p.status]++;
    byProgram[p.programId][p.status]++;
    if (p.maxAmountFen !== null) checksumFen += p.maxAmountFen;
    checksumConditions += p.conditions.length;
  }
}
const secondsA = seconds(startA);

// Phase A, serialised: the same, with every response turned into its JSON (all Chinese prose
// rendered), which is what the API and the command line send.
let serializedBytes = 0;
const startSerialized = process.hrtime.bigint();
for (let i = 0; i < APPLICANTS; i++) serializedBytes += JSON.stringify(shared.evaluate(requests[i])).length;
const secondsSerialized = seconds(startSerialized);

const assert = (ok, message) => {
  if (!ok) fail(message);
};
const totalStatuses = statusCounts.eligible + statusCounts.ineligible + statusCounts.undetermined;
assert(programIds.length === 9, `应有9个资金奖励项目，实际${programIds.length}个`);
assert(totalStatuses === APPLICANTS * programIds.length, `状态总数${totalStatuses}不等于企业数 × 项目数`);
for (const [id, counts] of Object.entries(byProgram))
  for (const [status, n] of Object.entries(counts))
    assert(n > 0, `项目 ${id} 没有任何 ${status} 结果，生成的企业不够多样`);

// ---------------------------------------------------------------------------------------------
// Phase B: two programs, our engine against json-rules-engine.

// The same two programs' conditions, as json-rules-engine rules (bench/jre-rules.mjs).
const jre = jreEngine(jreRules(shared.editionFor(CLAIM_YEAR)).filter((rule) => TWO_PROGRAMS.includes(rule.name)));

/** Bit 1: eligible for leading-enterprise; bit 2: eligible for livestream-base. */
const BIT = { 'leading-enterprise': 1, 'livestream-base': 2 };

// Both engines get the same fact objects: the generated firms minus nulls (a cleared field is
// unknown to our engine; json-rules-engine would see null as a value), prepared outside timing.
const plainFacts = firms.map((f) => {
  const copy = {};
  for (const key in f) if (f[key] !== null) copy[key] = f[key];
  return copy;
});
const validatedRequests = plainFacts.map((facts) => ({ claimYear: CLAIM_YEAR, facts, programs: TWO_PROGRAMS }));

const editionInForce = shared.editionFor(CLAIM_YEAR);
const handwritten = handwrittenTwoPrograms(editionInForce);
const statusesOnly = handwrittenStatuses(editionInForce);

/** One timed pass of an evaluator over every firm on the two programs: seconds and eligibility bits. */
const pass = (evaluateOne, inputs) => {
  const bits = new Uint8Array(APPLICANTS);
  const start = process.hrtime.bigint();
  for (let i = 0; i < APPLICANTS; i++) {
    const { programs } = evaluateOne(inputs[i]);
    let b = 0;
    for (let j = 0; j < programs.length; j++) if (programs[j].status === 'eligible') b |= BIT[programs[j].programId];
    bits[i] = b;
  }
  return { secondsTaken: seconds(start), bits };
};

/**
 * Times evaluators in turns (each warmed up first): ROUNDS passes each, interleaved, so a burst of
 * load on the machine falls on all of them; each keeps its median pass.
 */
const ROUNDS = 5;
const timeInTurns = (evaluators) => {
  for (const { run, inputs } of evaluators) for (let i = 0; i < WARMUP_APPLICANTS; i++) run(inputs[i]);
  const passes = evaluators.map(() => []);
  for (let r = 0; r < ROUNDS; r++) evaluators.forEach(({ run, inputs }, k) => passes[k].push(pass(run, inputs)));
  return passes.map((list) => {
    const sorted = [...list].sort((a, b) => a.secondsTaken - b.secondsTaken);
    return sorted[Math.floor(sorted.length / 2)];
  });
};

// 1. The contract path: validation of the raw request, then traces.
// 2. Engine against engine: facts already validated (as stored facts are), traces on.
// 3. Screening: the same decisions without traces (draft previews, 免申即享 matching).
// 4. The baseline: the two programs written by hand, giving screening's answers.
// 5. Less than screening: the statuses alone, by hand.
const [contract, traced, screening, byHand, byHandStatuses] = timeInTurns([
  { run: shared.evaluate, inputs: twoProgramRequests },
  { run: shared.evaluateValidated, inputs: validatedRequests },
  { run: shared.screenValidated, inputs: validatedRequests },
  { run: handwritten, inputs: plainFacts },
  { run: statusesOnly, inputs: plainFacts },
]);
const secondsOurs = contract.secondsTaken;
const ours = contract.bits;
let twoProgramEligible = 0;
for (let i = 0; i < APPLICANTS; i++) if (ours[i]) twoProgramEligible++;
for (let i = 0; i < APPLICANTS; i++)
  for (const [name, run] of [
    ['evaluateValidated', traced],
    ['screenValidated', screening],
    ['手写基准', byHand],
    ['手写基准（仅状态）', byHandStatuses],
  ])
    assert(run.bits[i] === ours[i], `第${i}家企业：evaluate 与 ${name} 的判断不一致`);

// The baseline must give screening's whole answer, not only its statuses: compared on every firm.
const decision = (p) => `${p.programId}|${p.status}|${p.maxAmountFen}|${p.missingFacts.join(',')}`;
let handwrittenMismatches = 0;
for (let i = 0; i < APPLICANTS; i++) {
  const a = shared.screenValidated(validatedRequests[i]).programs.map(decision).join(';');
  const b = handwritten(plainFacts[i]).programs.map(decision).join(';');
  if (a !== b) handwrittenMismatches++;
}
assert(handwrittenMismatches === 0, `手写基准与 screenValidated 有${handwrittenMismatches}家企业的结果不一致`);

for (let i = 0; i < 2_000; i++) await jre.run(plainFacts[i]);
const theirs = new Uint8Array(APPLICANTS);
let jreApplicants = 0;
const startJre = process.hrtime.bigint();
for (let i = 0; i < APPLICANTS; i++) {
  const { events } = await jre.run(plainFacts[i]);
  let bits = 0;
  for (const e of events) bits |= BIT[e.type];
  theirs[i] = bits;
  jreApplicants = i + 1;
  if (jreApplicants >= JRE_MIN_APPLICANTS && jreApplicants % 1000 === 0 && seconds(startJre) > JRE_BUDGET_SECONDS)
    break;
}
const secondsJre = seconds(startJre);

let mismatches = 0;
for (let i = 0; i < jreApplicants; i++) {
  const diff = ours[i] ^ theirs[i];
  if (diff & 1) mismatches++;
  if (diff & 2) mismatches++;
}
assert(mismatches === 0, `两个引擎有${mismatches}处判断不一致（以本项目引擎为准，请修正 json-rules-engine 规则）`);

// ---------------------------------------------------------------------------------------------
// Results.

const applicantsPerSecond = Math.round(APPLICANTS / secondsA);
const twoProgramApplicantsPerSecond = Math.round(APPLICANTS / secondsOurs);
const jsonRulesEngineApplicantsPerSecond = Math.round(jreApplicants / secondsJre);
const jreRate = jreApplicants / secondsJre;
const tracedApplicantsPerSecond = Math.round(APPLICANTS / traced.secondsTaken);
const screeningApplicantsPerSecond = Math.round(APPLICANTS / screening.secondsTaken);
const handwrittenApplicantsPerSecond = Math.round(APPLICANTS / byHand.secondsTaken);
const handwrittenStatusesApplicantsPerSecond = Math.round(APPLICANTS / byHandStatuses.secondsTaken);
// Screening against the same answers written by hand: the target. Against statuses alone, for the record.
const screeningVsHandwritten = round(byHand.secondsTaken / screening.secondsTaken, 2);
const screeningVsHandwrittenStatuses = round(byHandStatuses.secondsTaken / screening.secondsTaken, 2);
const serializedApplicantsPerSecond = Math.round(APPLICANTS / secondsSerialized);
// The like-for-like ratio: both engines evaluate the same already-parsed facts; ours with traces.
const ratio = round(tracedApplicantsPerSecond / jreRate, 1);
const ratioWithValidation = round(APPLICANTS / secondsOurs / jreRate, 1);
const screeningRatio = round(screeningApplicantsPerSecond / jreRate, 1);
const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);

const results = {
  applicants: APPLICANTS,
  programs: programIds.length,
  seconds: round(secondsA, 3),
  applicantsPerSecond,
  serializedSeconds: round(secondsSerialized, 3),
  serializedApplicantsPerSecond,
  serializedMegabytes: round(serializedBytes / 1e6, 1),
  twoProgramApplicantsPerSecond,
  twoProgramSeconds: round(secondsOurs, 3),
  tracedApplicantsPerSecond,
  screeningApplicantsPerSecond,
  handwrittenApplicantsPerSecond,
  handwrittenStatusesApplicantsPerSecond,
  screeningVsHandwritten,
  screeningVsHandwrittenStatuses,
  handwrittenAgreement: { compared: APPLICANTS, mismatches: handwrittenMismatches },
  timedPasses: ROUNDS,
  jsonRulesEngineApplicantsPerSecond,
  jsonRulesEngineApplicants: jreApplicants,
  jsonRulesEngineSeconds: round(secondsJre, 3),
  jsonRulesEngineVersion,
  ratio,
  ratioWithValidation,
  screeningRatio,
  peakRssMb,
  agreement: { compared: jreApplicants * TWO_PROGRAMS.length, mismatches },
  statusCounts,
  statusCountsByProgram: byProgram,
  twoProgramEligible,
  checksum: { maxAmountFenSum: checksumFen, eligible: statusCounts.eligible, conditions: checksumConditions },
  seed: SEED,
  warmupApplicants: WARMUP_APPLICANTS,
  ...machine(),
  loadAverage: { before: loadBefore, after: loadAverage() },
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: {
    applicantsAllProgramsSeconds: secondsA < TARGETS.applicantsAllProgramsSeconds,
    ratio: ratio >= TARGETS.ratio,
    screeningRatio: screeningRatio >= TARGETS.ratio,
    screeningVsHandwritten: screeningVsHandwritten >= TARGETS.screeningVsHandwritten,
  },
};

mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);

// docs/benchmarks.md: replace only the engine section, so other benchmarks' sections survive.
const fmt = (n) => n.toLocaleString('en-US');
const yes = (ok) => (ok ? 'yes' : '**no**');
const section = [
  '## engine',
  '',
  `Machine: ${results.cpu}, ${results.cores} cores (one Node thread used), Node ${results.node}. ` +
    `Run ${results.date}, \`${COMMAND}\`; load average (1, 5, 15 min) ${loadBefore.join(' / ')} before, ` +
    `${results.loadAverage.after.join(' / ')} after.`,
  '',
  `${fmt(APPLICANTS)} generated firms (seed ${SEED}), claim year ${CLAIM_YEAR}, one Node thread. Conditions, ` +
    'statuses, amounts and caps are computed on every call; the Chinese explanations are rendered when first ' +
    'read or serialised, so the serialised row shows the cost of the full JSON answer.',
  '',
  '| Figure | Value | Target | Met |',
  '| --- | --- | --- | --- |',
  `| ${fmt(APPLICANTS)} firms × ${results.programs} programs, validated, with traces | ${results.seconds} s (${fmt(applicantsPerSecond)} firms/s) | < ${TARGETS.applicantsAllProgramsSeconds} s | ${yes(results.meetsTargets.applicantsAllProgramsSeconds)} |`,
  `| the same, each response serialised to JSON (${results.serializedMegabytes} MB) | ${results.serializedSeconds} s (${fmt(serializedApplicantsPerSecond)} firms/s) | | |`,
  `| 2 programs: \`evaluate\` (validation + traces) | ${fmt(twoProgramApplicantsPerSecond)} firms/s | | |`,
  `| 2 programs: \`evaluateValidated\` (traces, facts already validated) | ${fmt(tracedApplicantsPerSecond)} firms/s | | |`,
  `| 2 programs: \`screenValidated\` (no traces) | ${fmt(screeningApplicantsPerSecond)} firms/s | | |`,
  `| 2 programs written by hand (\`bench/handwritten.mjs\`): the same answers, straight-line code | ${fmt(handwrittenApplicantsPerSecond)} firms/s | | |`,
  `| **Screening ÷ hand-written** (same answers: status, maximum, missing facts) | ${screeningVsHandwritten}× | ≥ ${TARGETS.screeningVsHandwritten}× | ${yes(results.meetsTargets.screeningVsHandwritten)} |`,
  `| hand-written statuses only (less work: no maximum, no missing facts) | ${fmt(handwrittenStatusesApplicantsPerSecond)} firms/s; screening ÷ it ${screeningVsHandwrittenStatuses}× | | |`,
  `| Hand-written agrees with screening (status, maximum, missing facts) | ${handwrittenMismatches} mismatches of ${fmt(APPLICANTS)} firms | 0 | ${yes(handwrittenMismatches === 0)} |`,
  `| json-rules-engine ${jsonRulesEngineVersion}, same 2 programs, same fact objects (${fmt(jreApplicants)} firms) | ${fmt(jsonRulesEngineApplicantsPerSecond)} firms/s | | |`,
  `| **Ratio**, like for like: \`evaluateValidated\` with traces ÷ json-rules-engine | ${ratio}× | ≥ ${TARGETS.ratio}× | ${yes(results.meetsTargets.ratio)} |`,
  `| Ratio, \`evaluate\` with validation ÷ json-rules-engine (which validates nothing) | ${ratioWithValidation}× | | |`,
  `| Ratio, \`screenValidated\` ÷ json-rules-engine | ${screeningRatio}× | ≥ ${TARGETS.ratio}× | ${yes(results.meetsTargets.screeningRatio)} |`,
  `| Agreement on eligibility | ${mismatches} mismatches of ${fmt(results.agreement.compared)} | 0 | ${yes(mismatches === 0)} |`,
  `| Statuses (eligible / ineligible / undetermined) | ${fmt(statusCounts.eligible)} / ${fmt(statusCounts.ineligible)} / ${fmt(statusCounts.undetermined)} | | |`,
  `| Peak RSS | ${peakRssMb} MB | | |`,
].join('\n');

await writeDocSection('engine', section);

console.log(
  [
    `engine: ${fmt(APPLICANTS)} 家企业 × ${results.programs} 个项目（含判断过程）用时 ${results.seconds} 秒，` +
      `${fmt(applicantsPerSecond)} 家/秒（目标 < ${TARGETS.applicantsAllProgramsSeconds} 秒：${results.meetsTargets.applicantsAllProgramsSeconds ? '达到' : '未达到'}）`,
    `  状态：符合 ${fmt(statusCounts.eligible)}，不符合 ${fmt(statusCounts.ineligible)}，待补充 ${fmt(statusCounts.undetermined)}；校验和 ${checksumFen}`,
    `  含序列化：${results.serializedSeconds} 秒，${fmt(serializedApplicantsPerSecond)} 家/秒`,
    `  两个项目：evaluate ${fmt(twoProgramApplicantsPerSecond)}，evaluateValidated ${fmt(tracedApplicantsPerSecond)}，` +
      `screenValidated ${fmt(screeningApplicantsPerSecond)}，json-rules-engine ${fmt(jsonRulesEngineApplicantsPerSecond)} 家/秒`,
    `  倍数：同等条件（含判断过程）${ratio}（目标 ≥ ${TARGETS.ratio}：${results.meetsTargets.ratio ? '达到' : '未达到'}），` +
      `含校验 ${ratioWithValidation}，仅判断 ${screeningRatio}`,
    `  手写基准：${fmt(handwrittenApplicantsPerSecond)} 家/秒（仅状态 ${fmt(handwrittenStatusesApplicantsPerSecond)}）；` +
      `screenValidated ÷ 手写 ${screeningVsHandwritten}（目标 ≥ ${TARGETS.screeningVsHandwritten}：${results.meetsTargets.screeningVsHandwritten ? '达到' : '未达到'}），÷ 仅状态 ${screeningVsHandwrittenStatuses}`,
    `  一致性：比较 ${fmt(results.agreement.compared)} 项，不一致 ${mismatches} 项；手写基准不一致 ${handwrittenMismatches} 家；峰值内存 ${peakRssMb} MB`,
    `  结果：bench/results/engine.json，docs/benchmarks.md`,
  ].join('\n'),
);
