// 第九条's talent rosters (issue 13, part 6): the people behind `trainedHireCount` and
// `qualifiedStreamerTraineeCount`, from which the counts are derived instead of typed in.

/**
 * 九、对我市电商、跨境电商企业，当年吸纳经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训
 * 10人以上就业，并连续缴纳6个月以上社会保险的……
 */
export const HIRES_CLAUSE =
  '第九条：对我市电商、跨境电商企业，当年吸纳经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训10人以上就业，并连续缴纳6个月以上社会保险的，给予电商企业不超过10万元一次性奖励。';

/**
 * 九、对在我市注册、资质齐全的培训机构，年培训不少于20名主播（10万粉丝以上），并与我市企业签订一年及以上
 * 直播带货业务合同，且连续缴纳6个月以上社会保险的……
 */
export const STREAMERS_CLAUSE =
  '第九条：对在我市注册、资质齐全的培训机构，年培训不少于20名主播（10万粉丝以上），并与我市企业签订一年及以上直播带货业务合同，且连续缴纳6个月以上社会保险的，给予培训机构不超过10万元一次性奖励。';

/** The thresholds a row must meet (以上 and 及以上 include the number, as in Chinese regulations). */
export const ROSTER_THRESHOLDS = {
  /** 连续缴纳6个月以上社会保险. */
  socialInsuranceMonths: 6,
  /** 10万粉丝以上. */
  followers: 100_000,
  /** 一年及以上直播带货业务合同, in months. */
  contractMonths: 12,
} as const;

export type RosterKind = 'hires' | 'streamers';

/** The fact each roster is the source of. */
export const ROSTER_FACTS = {
  hires: 'trainedHireCount',
  streamers: 'qualifiedStreamerTraineeCount',
} as const satisfies Record<RosterKind, string>;

/** The roster a fact is derived from, if any. */
export const rosterOfFact = (name: string): RosterKind | null =>
  name === ROSTER_FACTS.hires ? 'hires' : name === ROSTER_FACTS.streamers ? 'streamers' : null;

export const ROSTER_LABELS: Readonly<Record<RosterKind, string>> = {
  hires: '电商人才就业名册',
  streamers: '主播培训名册',
};

/** What the firm is told when it types a count its roster derives. */
export const rosterOwnsFactMessage = (kind: RosterKind): string =>
  `该人数由${ROSTER_LABELS[kind]}自动计算，不能直接填写；请在“人才名册”中添加、修改或删除人员`;

export type HireTrainingKind = 'whitelisted-institution' | 'college';

export const HIRE_TRAINING_LABELS: Readonly<Record<HireTrainingKind, string>> = {
  'whitelisted-institution': '电商生态链企业“白名单”培训机构培训',
  college: '院校“专业+实训”电商培训',
};

/** `POST /api/v1/orgs/:orgId/rosters/hires?year=`: one person the firm hired. */
export interface HireRowRequest {
  /** @maxLength 64 */
  name: string;
  /**
   * 公民身份号码 (18 characters, GB 11643-1999); stored whole, answered masked.
   * @maxLength 18
   */
  residentId: string;
  trainingKind: HireTrainingKind;
  /**
   * The training institution's 统一社会信用代码: required when trained by a whitelisted institution.
   * @maxLength 18
   */
  institutionUscc?: string;
  /**
   * The college (院校) whose 专业+实训 programme trained them: required for a college programme.
   * @maxLength 100
   */
  collegeName?: string;
  /**
   * Day hired, YYYY-MM-DD.
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  hireDate: string;
  /**
   * Consecutive months of social insurance paid for them.
   * @asType integer
   * @minimum 0
   * @maximum 600
   */
  socialInsuranceMonths: number;
}

/** `PUT /api/v1/orgs/:orgId/rosters/hires/:rowId`: the row again; without `residentId`, the number stays. */
export type UpdateHireRowRequest = Omit<HireRowRequest, 'residentId'> & {
  /** @maxLength 18 */
  residentId?: string;
};

/** `POST /api/v1/orgs/:orgId/rosters/streamers?year=`: one streamer the institution trained in the year. */
export interface StreamerRowRequest {
  /** @maxLength 64 */
  name: string;
  /** @maxLength 18 */
  residentId: string;
  /**
   * Followers on their main platform.
   * @asType integer
   * @minimum 0
   * @maximum 10000000000
   */
  followers: number;
  /**
   * The firm of the city they signed the livestream-sales contract with.
   * @maxLength 128
   */
  contractFirmName: string;
  /** @maxLength 18 */
  contractFirmUscc: string;
  /**
   * The contract's term in months.
   * @asType integer
   * @minimum 0
   * @maximum 600
   */
  contractMonths: number;
  /**
   * @asType integer
   * @minimum 0
   * @maximum 600
   */
  socialInsuranceMonths: number;
}

export type UpdateStreamerRowRequest = Omit<StreamerRowRequest, 'residentId'> & {
  /** @maxLength 18 */
  residentId?: string;
};

/** One part of the clause, for one row: met or not, and why, in Chinese. */
export interface RosterCheck {
  id: string;
  ok: boolean;
  text: string;
}

interface RowBase {
  id: number;
  name: string;
  /** Masked (maskResidentId): the whole number never leaves the API. */
  residentId: string;
  /** Whether the row meets every part of the clause, so counts. */
  counts: boolean;
  checks: RosterCheck[];
}

export interface HireRowView extends RowBase {
  trainingKind: HireTrainingKind;
  institutionUscc: string | null;
  collegeName: string | null;
  hireDate: string;
  socialInsuranceMonths: number;
}

export interface StreamerRowView extends RowBase {
  followers: number;
  contractFirmName: string;
  contractFirmUscc: string;
  contractMonths: number;
  socialInsuranceMonths: number;
}

interface RosterBase {
  orgId: number;
  claimYear: number;
  /** The rows that count: the fact's value, written into the firm's facts while the roster has rows. */
  count: number;
  /** What the rule asks for (10 hires, 20 streamers). */
  clause: string;
}

/** `GET /api/v1/orgs/:orgId/rosters/hires?year=`. */
export interface HireRoster extends RosterBase {
  factName: 'trainedHireCount';
  rows: HireRowView[];
}

/** `GET /api/v1/orgs/:orgId/rosters/streamers?year=`. */
export interface StreamerRoster extends RosterBase {
  factName: 'qualifiedStreamerTraineeCount';
  rows: StreamerRowView[];
}

/** A roster row in a path. */
export interface RosterRowParams {
  /**
   * @asType integer
   * @minimum 1
   */
  orgId: number;
  /**
   * @asType integer
   * @minimum 1
   */
  rowId: number;
}
