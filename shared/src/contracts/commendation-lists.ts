import { type CountyId } from './catalogue';
import { type CommendationsResponse, type CountyFigures } from './evaluation';

/**
 * 一、四、五 from 十二: what the year's commendation lists are computed from — each county's figures
 * summed from its stored months, and the province's averages — with the months they cover.
 */
export interface CommendationInputs {
  /** @asType integer */
  year: number;
  province: { onlineRetailGrowthBp: number; physicalGoodsOnlineShareBp: number };
  counties: CountyFigures[];
  /** The months (1–12) each county's sums cover, ascending; counties without a month are absent. */
  months: { county: CountyId; name: string; months: number[] }[];
  /** The latest month any county reported (0: none). @asType integer */
  throughMonth: number;
  /** Every county with figures has all twelve months. */
  complete: boolean;
  /** What the lists cover, as readers see it: 2023年全年, or 截至2023年6月 (with the counties behind). */
  coverage: string;
}

/** `GET /api/v1/commendations/draft?year=`: the lists as they would be published now. */
export interface CommendationsDraft {
  inputs: CommendationInputs;
  result: CommendationsResponse;
}

/** A published version: the frozen inputs and result, as computed when it was published. */
export interface CommendationPublication extends CommendationsDraft {
  /** @asType integer */
  year: number;
  /** 1 for the first publication of the year; each later one supersedes the one before. @asType integer */
  version: number;
  /** ISO 8601 date-time. */
  publishedAt: string;
  /** The versions of the year, newest first (this one included). */
  versions: { version: number; publishedAt: string; coverage: string }[];
}

/** `POST /api/v1/commendations/publications`. */
export interface PublishCommendationsRequest {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year: number;
}

/** `GET /api/v1/commendations/publications/{year}`. */
export interface CommendationsYearParams {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year: number;
}

/** `GET /api/v1/commendations/publications`: the years with published lists, newest first, each at its latest version. */
export interface PublishedCommendationYears {
  years: { year: number; version: number; publishedAt: string; coverage: string }[];
}
