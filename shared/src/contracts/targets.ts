/**
 * The city's 2023 targets (力争到2023年底…) of 一、二、四、五、九, measured against the monthly figures
 * (十二) and, where those cannot tell, against what city staff observe and enter (dated).
 */
export type TargetId =
  'online-retail' | 'online-share' | 'firms-over-100m' | 'online-shops' | 'relocated-shops' | 'college-integration';

/** What city staff enter because the monthly figures cannot give it; each a count on a date. */
export type ObservationIndicator =
  'firms-over-100m' | 'firms-over-100m-base' | 'online-shops' | 'colleges-with-programme' | 'colleges-integrating';

export const OBSERVATION_INDICATORS: readonly ObservationIndicator[] = [
  'firms-over-100m',
  'firms-over-100m-base',
  'online-shops',
  'colleges-with-programme',
  'colleges-integrating',
];

export const OBSERVATION_LABELS: { readonly [I in ObservationIndicator]: string } = {
  'firms-over-100m': '全市网络零售额1亿元以上的企业数量（家）',
  'firms-over-100m-base': '基数：2022年底全市网络零售额1亿元以上的企业数量（家）',
  'online-shops': '全市网上店铺数量（家）',
  'colleges-with-programme': '全市开设电商、跨境电商专业的院校数量（所）',
  'colleges-integrating': '其中开展产教融合培训或设立企业化实训基地的院校数量（所）',
};

/** `POST /api/v1/targets/observations`: one dated count. */
export interface TargetObservationRequest {
  indicator: ObservationIndicator;
  /** The day the count stands for (YYYY-MM-DD). @maxLength 10 */
  observedOn: string;
  /** @asType integer @minimum 0 */
  value: number;
  /** Where the count comes from (e.g. 市统计局2023年6月通报). @maxLength 200 */
  source: string;
}

export interface TargetObservationView {
  id: number;
  indicator: ObservationIndicator;
  label: string;
  observedOn: string;
  value: number;
  source: string;
  /** ISO 8601 date-time. */
  recordedAt: string;
}

/** One month's point of a target's series: the year so far at the end of that month. */
export interface TargetPoint {
  /** @asType integer @minimum 1 @maximum 12 */
  month: number;
  /** The measured value (fen, count or basis points, as the target's unit); null: nothing to divide by. */
  value: number | null;
}

export interface TargetView {
  id: TargetId;
  measure: number;
  title: string;
  /** The words of the text the target comes from. */
  clause: string;
  unit: 'fen' | 'count' | 'bp';
  /** The value to reach (in `unit`); null when it depends on something not yet entered (the province's average, the 2022 base). */
  goal: number | null;
  /** `at-least`: reached at the goal (达到, 翻一番, 50%以上); `more-than`: strictly above it (超过). */
  comparison: 'at-least' | 'more-than';
  goalLabel: string;
  /** The latest measured value; null when nothing is measured yet. */
  current: number | null;
  currentLabel: string;
  /** What the current value is as of: 截至2023年6月, or the observation's date. */
  asOf: string | null;
  /** monthly-figures: 十二's figures; register: the verified shops of 五's register; observations: city staff's dated counts. */
  source: 'monthly-figures' | 'register' | 'observations';
  /** Null when either side is unknown. */
  reached: boolean | null;
  /** Month by month (cumulative) for the targets measured from the monthly figures; empty otherwise. */
  series: TargetPoint[];
  /** Why a value is missing, or what it is computed from, in Chinese. */
  note: string;
}

/** `GET /api/v1/targets?year=`. */
export interface TargetsDashboard {
  year: number;
  /** The months with any county's figures, ascending. */
  months: number[];
  coverage: string;
  targets: TargetView[];
  /** Every observation entered for the year, newest first. */
  observations: TargetObservationView[];
}
