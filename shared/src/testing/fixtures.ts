import { type ProgramId } from '../contracts/catalogue';
import { type ProgramResult } from '../contracts/evaluation';
import { type Facts } from '../contracts/facts';
import { evaluate } from '../evaluate';

/** For each program, facts that meet every condition at its threshold (2023 edition). */
export const BASELINE: Record<ProgramId, Facts> = {
  'leading-enterprise': {
    onlineRetailFen: 10_000_000_000,
    normalOperation: true,
    taxCompliant: true,
    localContributionFen: 1_000_000_000,
  },
  'branch-conversion': {
    convertedFromOutOfCityBranch: true,
    independentLegalPerson: true,
    includedInStatistics: true,
    conversionDate: '2023-06-01',
  },
  'livestream-enterprise': {
    orgTypes: ['livestream-ecommerce'],
    independentLegalPerson: true,
    registeredInCity: true,
    registrationDate: '2023-03-01',
    statisticalOnlineRetailFen: 2_000_000_000,
    normalOperation: true,
    taxCompliant: true,
    localContributionFen: 200_000_000,
  },
  'livestream-base': {
    orgTypes: ['livestream-base'],
    registeredInCity: true,
    registrationDate: '2020-05-01',
    goodCredit: true,
    livestreamBaseAuthorizations: ['douyin'],
    siteAreaM2: 2000,
    liveRoomCount: 30,
    activeStreamerCount: 31,
    statisticalOnlineRetailFen: 10_000_000_000,
    normalOperation: true,
    taxCompliant: true,
    localContributionFen: 500_000_000,
  },
  'talent-hiring': { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 10 },
  'streamer-training': {
    orgTypes: ['training-institution'],
    registeredInCity: true,
    qualificationsComplete: true,
    qualifiedStreamerTraineeCount: 20,
  },
  'county-logistics-center': {
    orgTypes: ['logistics-center'],
    nationalExpressCompanyCount: 5,
    unifiedOperations: ['warehousing', 'sorting', 'transport', 'delivery', 'pickup'],
    firstOperatingYear: 2023,
  },
  'express-info-platform': {
    orgTypes: ['logistics-platform'],
    realtimePriceComparison: true,
    matchmakingService: true,
    countyParcelShareBp: 8000,
    firstOperatingYear: 2023,
  },
  'distribution-center': {
    orgTypes: ['express-company'],
    nationalExpressBrand: true,
    newFirstLevelDistributionCenter: true,
    firstOperatingYear: 2023,
  },
};

/** Evaluates one program for claim year 2023. */
export const run = (programId: ProgramId, facts: Facts, claimYear = 2023): ProgramResult => {
  const [result] = evaluate({ claimYear, facts, programs: [programId] }).programs;
  if (!result) throw new Error(`no result for ${programId}`);
  return result;
};

/** Baseline facts of a program with some replaced (undefined removes a fact). */
export const withFacts = (programId: ProgramId, changes: Record<string, unknown>): Facts =>
  Object.fromEntries(
    Object.entries({ ...BASELINE[programId], ...changes }).filter(([, value]) => value !== undefined),
  ) as Facts;

export const condition = (result: ProgramResult, id: string) => {
  const found = result.conditions.find((c) => c.id === id);
  if (!found) throw new Error(`no condition ${id} in ${result.programId}`);
  return found;
};

export const cap = (result: ProgramResult, id: string) => result.caps.find((c) => c.id === id);
