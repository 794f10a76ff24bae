// A deterministic generator of firms' facts for the benchmarks: every kind of applicant, amounts and
// counts clustered around the 2023 thresholds, 45% of firms leaving some facts out and a few clearing
// one to null, as forms do. The same seed gives the same firms, in any benchmark.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const shared = require('../shared/dist/index.js');

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

/**
 * Returns `makeFirm()`, which gives the next firm's facts (a plain object, as a request carries
 * them) for claim year `claimYear`, from the PRNG seeded with `seed`.
 */
export const firmGenerator = (seed, claimYear) => {
  const CLAIM_YEAR = claimYear;
  const rand = mulberry32(seed);
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
  return makeFirm;
};
