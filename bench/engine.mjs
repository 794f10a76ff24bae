// Benchmark of the policy rules engine (@huiqi/shared), run by `npm run bench -- engine`.
//
// Phase A: 100,000 generated firms × every program of the 2023 edition, with traces (always on),
//          request validation included, in one Node thread.
// Phase B: the same firms on two programs (leading-enterprise, livestream-base), against our
//          engine and against json-rules-engine encoding the same conditions; both must agree.
//
// Writes bench/results/engine.json and the `engine` section of docs/benchmarks.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fail, machine, round, writeDocSection } from './support.mjs';

const require = createRequire(import.meta.url);
const shared = require('../shared/dist/index.js');
const { Engine } = require('json-rules-engine');
const jsonRulesEngineVersion = require('json-rules-engine/package.json').version;

const APPLICANTS = 100_000;
const WARMUP_APPLICANTS = 5_000;
const SEED = 20_230_101;
const CLAIM_YEAR = 2023;
const TWO_PROGRAMS = ['leading-enterprise', 'livestream-base'];
/** json-rules-engine runs on every firm unless that takes longer than this; then on at least the minimum. */
const JRE_BUDGET_SECONDS = 60;
const JRE_MIN_APPLICANTS = 20_000;
const TARGETS = { applicantsAllProgramsSeconds: 2, ratio: 50 };
const COMMAND = 'npm run bench -- engine';

const resultsPath = fileURLToPath(new URL('./results/engine.json', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Deterministic firm generator.

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
const mulberry32 = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const rand = mulberry32(SEED);
const chance = (p) => rand() < p;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rand() * items.length)];
const weighted = (pairs) => {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let x = rand() * total;
  for (const [value, w] of pairs) if ((x -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
};
/** `count` distinct items in random order. */
const sample = (items, count) => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
};

const pad = (n) => String(n).padStart(2, '0');
const daysIn = (y, m) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const dateIn = (fromYear, toYear) => {
  const y = int(fromYear, toYear);
  const m = int(1, 12);
  return `${y}-${pad(m)}-${pad(int(1, daysIn(y, m)))}`;
};

/** An amount near a threshold: sometimes exactly on it or one fen short, mostly 5% to 600% of it. */
const aroundFen = (threshold) => {
  const r = rand();
  if (r < 0.04) return threshold;
  if (r < 0.06) return threshold - 1;
  const fen = Math.round(threshold * 10 ** (-1.3 + 2.1 * rand()));
  return chance(0.8) ? Math.round(fen / 100) * 100 : fen;
};
/** A small firm's amount, log-uniform between lo and hi fen. */
const logFen = (lo, hi) => Math.round(lo * (hi / lo) ** rand());
/** A count near a threshold, with extra weight on the threshold and its neighbours. */
const aroundCount = (threshold, lo, hi) => (chance(0.12) ? threshold + int(-1, 1) : int(lo, hi));

const COUNTY_IDS = shared.COUNTIES.map((c) => c.id);
const DIVISION = { etdz: '371571', hitech: '371572', resort: '371573' };
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = (county) => {
  const division = shared.COUNTIES.find((c) => c.id === county)?.divisionCode ?? DIVISION[county];
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_ALPHABET[i < 8 ? int(0, 9) : int(0, 30)];
  const first17 = `91${division}${org}`;
  return first17 + shared.usccCheckCharacter(first17);
};

const PLATFORM_CHOICES = [
  'taobao',
  'jd',
  'pinduoduo',
  'douyin',
  'kuaishou',
  'other:视频号',
  'other:小红书',
  'other:哔哩哔哩',
];
const OPERATIONS = shared.UNIFIED_OPERATIONS.map((o) => o.id);
const RETAIL_TYPES = ['ecommerce', 'cross-border-ecommerce', 'trade-retail', 'livestream-ecommerce'];
const OTHER_TYPES = ['mcn', 'supply-chain', 'agency-operation', 'content-production', 'ecommerce-park'];
const YI = 10_000_000_000; // 1亿元 in fen
const firstOperatingYear = () =>
  weighted([
    [CLAIM_YEAR, 5],
    [CLAIM_YEAR - 1, 2],
    [int(2016, CLAIM_YEAR - 2), 2],
    [CLAIM_YEAR + 1, 1],
  ]);

const makeFirm = () => {
  const kind = weighted([
    ['ecommerce', 22],
    ['cross-border-ecommerce', 7],
    ['trade-retail', 10],
    ['livestream-ecommerce', 14],
    ['livestream-base', 9],
    ['training-institution', 8],
    ['logistics-center', 7],
    ['logistics-platform', 6],
    ['express-company', 7],
    ['other', 6],
    ['unknown', 4],
  ]);
  const f = {};
  const county = pick(COUNTY_IDS);
  if (chance(0.8)) f.uscc = uscc(county);
  f.county = county;

  if (kind === 'other') f.orgTypes = sample(OTHER_TYPES, int(1, 2));
  else if (kind !== 'unknown') {
    f.orgTypes = [kind];
    if (kind === 'ecommerce' && chance(0.2)) f.orgTypes.push('cross-border-ecommerce');
    if (kind === 'trade-retail' && chance(0.25)) f.orgTypes.push('ecommerce');
    if (kind === 'livestream-ecommerce' && chance(0.15)) f.orgTypes.push('mcn');
    if (kind === 'livestream-base' && chance(0.1)) f.orgTypes.push('ecommerce-park');
    if (kind === 'express-company' && chance(0.1)) f.orgTypes.unshift('supply-chain');
  }

  f.registeredInCity = chance(0.93);
  f.registrationDate =
    kind === 'livestream-ecommerce' && chance(0.45)
      ? dateIn(CLAIM_YEAR, CLAIM_YEAR)
      : kind === 'livestream-base'
        ? dateIn(2017, CLAIM_YEAR)
        : dateIn(2008, CLAIM_YEAR);
  f.independentLegalPerson = chance(0.9);
  f.normalOperation = chance(0.94);
  f.taxCompliant = chance(0.95);
  f.goodCredit = chance(0.93);

  let scaleFen = logFen(1_000_000, 500_000_000); // 1万元 to 500万元 of business a year
  if (RETAIL_TYPES.includes(kind) || kind === 'unknown') {
    f.onlineRetailFen = chance(0.5) ? aroundFen(YI) : logFen(10_000_000, 5 * YI);
    f.statisticalOnlineRetailFen =
      kind === 'livestream-ecommerce' && chance(0.6)
        ? aroundFen(2_000_000_000) // 2000万元, livestream-enterprise
        : Math.round(f.onlineRetailFen * (0.55 + 0.45 * rand()));
    if (chance(0.55)) f.trainedHireCount = aroundCount(10, 0, 40);
    scaleFen = f.onlineRetailFen;
  }
  if (kind === 'livestream-base') {
    f.livestreamBaseAuthorizations = sample(
      PLATFORM_CHOICES,
      weighted([
        [0, 2],
        [1, 4],
        [2, 3],
        [3, 1],
      ]),
    );
    f.siteAreaM2 = chance(0.06) ? 2000 : int(600, 9000);
    f.liveRoomCount = aroundCount(30, 8, 90);
    f.activeStreamerCount = aroundCount(30, 10, 150);
    f.statisticalOnlineRetailFen = aroundFen(YI);
    f.onlineRetailFen = Math.round(f.statisticalOnlineRetailFen * (1 + 0.3 * rand()));
    scaleFen = f.onlineRetailFen;
  }
  if (kind === 'training-institution') {
    f.qualificationsComplete = chance(0.88);
    f.qualifiedStreamerTraineeCount = aroundCount(20, 0, 60);
  }
  if (kind === 'logistics-center') {
    f.nationalExpressCompanyCount = aroundCount(5, 1, 12);
    f.unifiedOperations = chance(0.55) ? sample(OPERATIONS, 5) : sample(OPERATIONS, int(0, 4));
    f.firstOperatingYear = firstOperatingYear();
  }
  if (kind === 'logistics-platform') {
    f.realtimePriceComparison = chance(0.85);
    f.matchmakingService = chance(0.85);
    f.countyParcelShareBp = chance(0.06) ? 8000 : int(3500, 10_000);
    f.firstOperatingYear = firstOperatingYear();
  }
  if (kind === 'express-company') {
    f.nationalExpressBrand = chance(0.75);
    f.newFirstLevelDistributionCenter = chance(0.7);
    f.firstOperatingYear = firstOperatingYear();
  }
  // 三、分支机构转法人: some e-commerce firms converted; most other firms answered "no"; the rest did not say.
  if ((kind === 'ecommerce' || kind === 'cross-border-ecommerce') && chance(0.12)) {
    f.convertedFromOutOfCityBranch = chance(0.85);
    f.includedInStatistics = chance(0.85);
    f.conversionDate = dateIn(CLAIM_YEAR - 1, CLAIM_YEAR + 1);
  } else if (chance(0.6)) f.convertedFromOutOfCityBranch = false;
  f.localContributionFen = Math.round(scaleFen * (0.002 + 0.04 * rand()));

  // Incomplete applications: 45% of firms leave some facts out, and a form clears a few to null.
  if (!chance(0.45)) return f;
  const gap = 0.02 + 0.28 * rand();
  const given = {};
  for (const [key, value] of Object.entries(f)) {
    if (!chance(gap)) given[key] = value;
    else if (chance(0.1)) given[key] = null;
  }
  return given;
};

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

const editionPrograms = shared.editionFor(CLAIM_YEAR).programs;
const le = editionPrograms['leading-enterprise'].parameters;
const lb = editionPrograms['livestream-base'].parameters;
const isTrue = (fact) => ({ fact, operator: 'equal', value: true });
const jreRules = [
  {
    name: 'leading-enterprise',
    conditions: {
      all: [
        { fact: 'onlineRetailFen', operator: 'greaterThanInclusive', value: le.minOnlineRetailFen.value },
        isTrue('normalOperation'),
        isTrue('taxCompliant'),
      ],
    },
    event: { type: 'leading-enterprise' },
  },
  {
    name: 'livestream-base',
    conditions: {
      all: [
        { fact: 'orgTypes', operator: 'someFact:in', value: lb.eligibleOrgTypes.value },
        isTrue('registeredInCity'),
        {
          fact: 'registrationDate',
          operator: 'dateOnOrBefore',
          value: `${CLAIM_YEAR - lb.minYearsRegistered.value}-12-31`,
        },
        isTrue('goodCredit'),
        { fact: 'livestreamBaseAuthorizations', operator: 'lengthAtLeast', value: lb.minPlatformAuthorizations.value },
        { fact: 'siteAreaM2', operator: 'greaterThanInclusive', value: lb.minSiteAreaM2.value },
        { fact: 'liveRoomCount', operator: 'greaterThanInclusive', value: lb.minLiveRooms.value },
        { fact: 'activeStreamerCount', operator: 'greaterThan', value: lb.activeStreamersMoreThan.value },
        {
          fact: 'statisticalOnlineRetailFen',
          operator: 'greaterThanInclusive',
          value: lb.minStatisticalOnlineRetailFen.value,
        },
        isTrue('normalOperation'),
        isTrue('taxCompliant'),
      ],
    },
    event: { type: 'livestream-base' },
  },
];
const jre = new Engine(jreRules, { allowUndefinedFacts: true });
// YYYY-MM-DD strings compare correctly as strings.
jre.addOperator('dateOnOrBefore', (a, b) => typeof a === 'string' && a <= b);
jre.addOperator('lengthAtLeast', (a, b) => Array.isArray(a) && a.length >= b);

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

/** Times one of our entry points over every firm on the two programs; returns seconds and eligibility bits. */
const timeOurs = (evaluateOne, requestsFor) => {
  for (let i = 0; i < WARMUP_APPLICANTS; i++) evaluateOne(requestsFor[i]);
  const bits = new Uint8Array(APPLICANTS);
  const start = process.hrtime.bigint();
  for (let i = 0; i < APPLICANTS; i++) {
    const { programs } = evaluateOne(requestsFor[i]);
    let b = 0;
    for (let j = 0; j < programs.length; j++) if (programs[j].status === 'eligible') b |= BIT[programs[j].programId];
    bits[i] = b;
  }
  return { secondsTaken: seconds(start), bits };
};

// 1. The contract path: validation of the raw request, then traces.
const contract = timeOurs(shared.evaluate, twoProgramRequests);
const secondsOurs = contract.secondsTaken;
const ours = contract.bits;
let twoProgramEligible = 0;
for (let i = 0; i < APPLICANTS; i++) if (ours[i]) twoProgramEligible++;
// 2. Engine against engine: facts already validated (as stored facts are), traces on.
const traced = timeOurs(shared.evaluateValidated, validatedRequests);
// 3. Screening: the same decisions without traces (draft previews, 免申即享 matching).
const screening = timeOurs(shared.screenValidated, validatedRequests);
for (let i = 0; i < APPLICANTS; i++)
  assert(
    traced.bits[i] === ours[i] && screening.bits[i] === ours[i],
    `第${i}家企业：evaluate、evaluateValidated、screenValidated 的判断不一致`,
  );

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
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: {
    applicantsAllProgramsSeconds: secondsA < TARGETS.applicantsAllProgramsSeconds,
    ratio: ratio >= TARGETS.ratio,
    screeningRatio: screeningRatio >= TARGETS.ratio,
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
    `Run ${results.date}, \`${COMMAND}\`.`,
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
    `  一致性：比较 ${fmt(results.agreement.compared)} 项，不一致 ${mismatches} 项；峰值内存 ${peakRssMb} MB`,
    `  结果：bench/results/engine.json，docs/benchmarks.md`,
  ].join('\n'),
);
