import { type YearParams } from './statistics';
import { type CountyId } from './catalogue';

/**
 * The yearly park evaluation (第八条：每年开展电商产业园区综合评价，对综合排名靠前的电商产业园区，
 * 优先推荐申报国家、省级电子商务示范基地). The text names no criteria: the administrator sets them
 * and their weights each year.
 */
export interface ParkCriterion {
  /**
   * In Chinese, e.g. 企业孵化、人才培训、仓储物流、供应链、金融服务 (the services 第八条 lists).
   * @maxLength 30
   */
  name: string;
  /**
   * Basis points; a year's weights sum to 10000.
   * @asType integer
   * @minimum 1
   * @maximum 10000
   */
  weightBp: number;
}

/** `PUT /api/v1/park-evaluations/{year}/criteria` (administrators): the year's criteria, replacing any. */
export interface PutParkCriteriaRequest {
  /**
   * @minItems 1
   * @maxItems 20
   */
  criteria: ParkCriterion[];
}

export interface ParkScore {
  /** @maxLength 30 */
  criterion: string;
  /**
   * A whole number of points, 0 to 100.
   * @asType integer
   * @minimum 0
   * @maximum 100
   */
  score: number;
}

/** `PUT /api/v1/park-evaluations/{year}/parks/{orgId}/scores` (city reviewers): one score per criterion. */
export interface PutParkScoresRequest {
  /**
   * @minItems 1
   * @maxItems 20
   */
  scores: ParkScore[];
}

/** A park's place in the year's ranking. */
export interface ParkRankingEntry {
  orgId: number;
  name: string;
  county: CountyId;
  countyName: string;
  /** Standard competition ranking: ties share a rank, the next skips (1, 2, 2, 4). */
  rank: number;
  /** Σ score × weightBp: the weighted score × 10000, exact. */
  weightedScore10k: number;
  /** The weighted score in points, exact (up to four decimals), e.g. 87.35. */
  weightedScoreText: string;
  scores: ParkScore[];
}

export type ParkEvaluationStatus = 'draft' | 'published';

export const PARK_EVALUATION_STATUS_LABELS: { readonly [S in ParkEvaluationStatus]: string } = {
  draft: '评分中',
  published: '已公布',
};

/** A park (a firm registered as 电商产业园区) and the scores entered for it so far. */
export interface ParkScoreSheet {
  orgId: number;
  name: string;
  county: CountyId;
  countyName: string;
  scores: ParkScore[];
  /** Scored on every criterion: ranked. A park with no score is not evaluated this year (未参评). */
  complete: boolean;
}

/** `GET /api/v1/park-evaluations/{year}/workspace` (city reviewers, administrators): the year as it stands. */
export interface ParkEvaluationWorkspace {
  year: number;
  status: ParkEvaluationStatus;
  statusLabel: string;
  criteria: ParkCriterion[];
  parks: ParkScoreSheet[];
  /** The ranking of the parks scored on every criterion, as it would be published. */
  ranking: ParkRankingEntry[];
  publishedAt: string | null;
}

/** `GET /api/v1/park-evaluations/{year}` (anyone): a published evaluation. */
export interface PublishedParkEvaluation {
  year: number;
  criteria: ParkCriterion[];
  ranking: ParkRankingEntry[];
  publishedAt: string;
}

/** `GET /api/v1/park-evaluations` (anyone): the years with a published evaluation, newest first. */
export interface PublishedParkEvaluationYears {
  years: number[];
}

/** A year and a park in a path. */
export interface ParkScoreParams extends YearParams {
  /**
   * @asType integer
   * @minimum 1
   */
  orgId: number;
}
