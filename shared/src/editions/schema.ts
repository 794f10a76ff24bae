import { type OrgType, type ProgramId, type UnifiedOperation } from '../contracts/catalogue';
import { type Material } from './materials';

/**
 * The shape every edition's parameters must have, per program. This is the one source of
 * both the TypeScript types of an edition and its validation on load: a rule can only read
 * a parameter that is declared here, and an edition missing it is refused.
 *
 * Kinds: fen (integer money), count (non-negative integer), bp (basis points 0..10000),
 * org-types (kinds of applicant the program is for), operations (the 五统一 list).
 */
export type ParameterKind = 'fen' | 'count' | 'bp' | 'org-types' | 'operations';

export const PROGRAM_SCHEMAS = {
  'leading-enterprise': {
    // 对当年实现网络零售额1亿元以上企业: any enterprise, so no eligibleOrgTypes (see RETIRED).
    parameters: {
      minOnlineRetailFen: 'fen',
      subsidyUnitFen: 'fen',
      subsidyPerUnitFen: 'fen',
      perEnterpriseCapFen: 'fen',
      localContributionCapBp: 'bp',
    },
    clauses: ['normal-operation', 'tax-compliant'],
  },
  'branch-conversion': {
    parameters: { awardFen: 'fen' },
    clauses: ['converted-branch', 'legal-person', 'included-in-statistics', 'within-policy-period'],
  },
  'livestream-enterprise': {
    parameters: {
      eligibleOrgTypes: 'org-types',
      minStatisticalOnlineRetailFen: 'fen',
      awardFen: 'fen',
      localContributionCapBp: 'bp',
    },
    clauses: ['legal-person', 'registered-this-year', 'normal-operation', 'tax-compliant'],
  },
  'livestream-base': {
    parameters: {
      eligibleOrgTypes: 'org-types',
      minYearsRegistered: 'count',
      minPlatformAuthorizations: 'count',
      minSiteAreaM2: 'count',
      minLiveRooms: 'count',
      activeStreamersMoreThan: 'count',
      minStatisticalOnlineRetailFen: 'fen',
      awardFen: 'fen',
      localContributionCapBp: 'bp',
    },
    clauses: ['registered-in-city', 'good-credit', 'normal-operation', 'tax-compliant'],
  },
  'talent-hiring': {
    parameters: { eligibleOrgTypes: 'org-types', minTrainedHires: 'count', maxAwardFen: 'fen' },
    clauses: ['registered-in-city'],
  },
  'streamer-training': {
    parameters: { eligibleOrgTypes: 'org-types', minQualifiedTrainees: 'count', maxAwardFen: 'fen' },
    clauses: ['registered-in-city', 'qualifications'],
  },
  'county-logistics-center': {
    parameters: {
      eligibleOrgTypes: 'org-types',
      minNationalExpressCompanies: 'count',
      requiredOperations: 'operations',
      awardFen: 'fen',
    },
    clauses: ['first-year'],
  },
  'express-info-platform': {
    parameters: { eligibleOrgTypes: 'org-types', minCountyParcelShareBp: 'bp', awardFen: 'fen' },
    clauses: ['price-comparison', 'matchmaking', 'first-year'],
  },
  'distribution-center': {
    parameters: { eligibleOrgTypes: 'org-types', awardFen: 'fen' },
    clauses: ['national-brand', 'new-first-level', 'first-year', 'qualified'],
  },
} as const satisfies Record<ProgramId, { parameters: Record<string, ParameterKind>; clauses: readonly string[] }>;

/**
 * What a corrected reading of the text took out of a program's schema. Documents stored before
 * (published editions, drafts) still carry it, so the loader drops it instead of refusing them:
 * the rule no longer reads it, whatever it says. Never put back what is listed here.
 */
export const RETIRED: { readonly [P in ProgramId]?: { parameters: readonly string[]; proves: readonly string[] } } = {
  // 二: the applicant's kind was restricted from a goal sentence; the text says any 企业.
  'leading-enterprise': { parameters: ['eligibleOrgTypes'], proves: ['org-type'] },
};

export const COMMENDATION_SCHEMA = {
  parameters: {
    retailGrowthTopN: 'count',
    onlineShareTopN: 'count',
    newShopsMoreThan: 'count',
    relocatedShopsTopN: 'count',
  },
  clauses: ['retail-growth-above-province', 'online-share-above-province'],
} as const satisfies { parameters: Record<string, ParameterKind>; clauses: readonly string[] };

type Schemas = typeof PROGRAM_SCHEMAS;

export type ParameterValue<K extends ParameterKind> = K extends 'org-types'
  ? OrgType[]
  : K extends 'operations'
    ? UnifiedOperation[]
    : number;

/** A number (or list) of the policy, with the exact words of the text it comes from. */
export interface Parameter<T> {
  value: T;
  clause: string;
}

type ParametersOf<S extends { parameters: Record<string, ParameterKind> }> = {
  [N in keyof S['parameters']]: Parameter<ParameterValue<S['parameters'][N]>>;
};
type ClausesOf<S extends { clauses: readonly string[] }> = Record<S['clauses'][number], string>;

export interface ProgramEdition<P extends ProgramId = ProgramId> {
  measure: number;
  title: string;
  poolId: string;
  oneOff: boolean;
  /** The words that grant the award, e.g. 给予企业5万元的一次性奖励. */
  awardClause: string;
  parameters: ParametersOf<Schemas[P]>;
  clauses: ClausesOf<Schemas[P]>;
  /** The files an applicant submits, each naming the conditions and caps of the trace it proves. */
  materials: Material[];
  /**
   * Whether 市财政局 reviews the award after the city (its lead units, 牵头单位, name it), with the
   * words that say so. Absent in documents stored before review existed: read as named.
   */
  financeReview: Parameter<boolean>;
}

/** How one firm's 20% caps of measures 二 and 六 add up when it wins both (the text does not say). */
export type LocalContributionCapScope = 'per-award' | 'per-enterprise';

/**
 * The review procedure's settings. The text names no time limits: these are the city's, as
 * data of the edition, with `source` saying so. Deadlines are in working days (the holiday
 * calendar is shared/src/calendar).
 */
export interface ReviewSettings {
  countyWorkingDays: number;
  cityWorkingDays: number;
  financeWorkingDays: number;
  /** The public notice (公示) lasts this many working days. */
  noticeWorkingDays: number;
  /** Finance pays within this many working days of the notice ending. */
  paymentWorkingDays: number;
  /** A return for supplement gives the applicant this long unless the reviewer sets a date. */
  supplementWorkingDays: number;
  /** Awards above this (fen) need a second approver at the city's review. */
  secondApprovalAboveFen: number;
  /** Per award (default) or per enterprise across 二 and 六 in a claim year. */
  localContributionCapScope: Parameter<LocalContributionCapScope>;
  source: string;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  countyWorkingDays: 10,
  cityWorkingDays: 10,
  financeWorkingDays: 10,
  noticeWorkingDays: 5,
  paymentWorkingDays: 15,
  supplementWorkingDays: 10,
  secondApprovalAboveFen: 20_000_000,
  localContributionCapScope: { value: 'per-award', clause: '对企业的奖补资金额不得超过企业对地方贡献数的20%' },
  source: '政策原文未规定审核时限与公示期，以上为市商务投资促进局的办理规程（可按版本调整）',
};

/** 市财政局 among the lead units, as read before the field existed. */
export const DEFAULT_FINANCE_REVIEW: Parameter<boolean> = {
  value: true,
  clause: '牵头单位：市商务投资促进局、市财政局',
};

export interface Pool {
  title: string;
  capFen: number;
  measure: number;
  clause: string;
}

/** The dates, both included, between which applications may be submitted. */
export interface ApplicationWindow {
  opens: string;
  closes: string;
}

export interface Edition {
  id: string;
  title: string;
  claimYear: number;
  validFrom: string;
  validTo: string;
  validityClause: string;
  /**
   * When firms may submit applications for this claim year, if an application round is open.
   * Not the validity: 当年 figures exist only once the year has ended, so the city opens a round
   * (申报批次) when it decides; an edition without a window takes no submissions.
   */
  applicationWindow?: ApplicationWindow;
  /** Editions seeded for demonstration are marked so production can refuse them. */
  demo: boolean;
  pools: Record<string, Pool>;
  /** Absent in documents stored before review existed: DEFAULT_REVIEW_SETTINGS. */
  review: ReviewSettings;
  programs: { [P in ProgramId]?: ProgramEdition<P> };
  commendations: {
    parameters: ParametersOf<typeof COMMENDATION_SCHEMA>;
    clauses: ClausesOf<typeof COMMENDATION_SCHEMA>;
  };
}
