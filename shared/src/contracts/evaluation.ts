import { type CountyId, type ProgramId } from './catalogue';
import { type FactName, type Facts } from './facts';

export interface EvaluationRequest {
  claimYear: number;
  facts: Facts;
  /** Narrows the answer to these programs; every paying program of the edition otherwise. */
  programs?: ProgramId[];
}

export type ProgramStatus = 'eligible' | 'ineligible' | 'undetermined';
export type ConditionStatus = 'met' | 'unmet' | 'unknown' | 'review';

export interface ConditionResult {
  id: string;
  /** The exact words of the policy text this condition comes from. */
  clause: string;
  measure: number;
  status: ConditionStatus;
  /** Machine-readable expectation, e.g. ">= 10000000000" or "= true". */
  expected: string;
  /** The fact value the condition looked at; null when unknown. */
  actual: unknown;
  /** Facts this condition reads. */
  facts: readonly FactName[];
  /** Plain Chinese: what is met, what is missing, how far from the threshold. */
  explanation: string;
}

export interface CapResult {
  id: string;
  clause: string;
  /** The computed ceiling, or null while an input fact is unknown. */
  amountFen: number | null;
  explanation: string;
}

export interface AwardResult {
  amountFen: number | null;
  clause: string;
  explanation: string;
}

export interface EditionSummary {
  id: string;
  title: string;
  validFrom: string;
  validTo: string;
}

/**
 * One program's answer. Results may share frozen parts (a condition whose answer depends only
 * on the edition is one object for every firm): treat results as read-only.
 */
export interface ProgramResult {
  programId: ProgramId;
  measure: number;
  title: string;
  status: ProgramStatus;
  /** Most the program can pay under every computable cap; null when ineligible. */
  maxAmountFen: number | null;
  poolId: string;
  /** 一次性奖励: at most once per firm. */
  oneOff: boolean;
  /** The award before caps: fixed, "up to", or computed from facts (null while unknown). */
  award: AwardResult;
  conditions: ConditionResult[];
  caps: CapResult[];
  missingFacts: readonly FactName[];
  /** One Chinese sentence summarising the outcome. */
  summary: string;
}

/**
 * A program's verdict without its trace: what screening many firms needs (an edition draft's
 * effect on every registered firm, 免申即享 matching). The same decision as ProgramResult.
 */
export interface ProgramScreening {
  programId: ProgramId;
  measure: number;
  status: ProgramStatus;
  maxAmountFen: number | null;
  poolId: string;
  oneOff: boolean;
  missingFacts: readonly FactName[];
}

export interface ScreeningResponse {
  claimYear: number;
  edition: EditionSummary;
  programs: ProgramScreening[];
}

export interface EvaluationResponse {
  claimYear: number;
  edition: EditionSummary;
  programs: ProgramResult[];
}

export interface CommendationsRequest {
  year: number;
  province: { onlineRetailGrowthBp: number; physicalGoodsOnlineShareBp: number };
  counties: CountyFigures[];
}

export interface CountyFigures {
  county: CountyId;
  onlineRetailGrowthBp?: number;
  physicalGoodsOnlineShareBp?: number;
  newOnlineShops?: number;
  relocatedShopsStatisticalRetailFen?: number;
}

export type CommendationListId = 'retail-growth' | 'online-share' | 'new-shops' | 'relocated-shops';

export interface CommendationEntry {
  county: CountyId;
  name: string;
  rank: number;
  value: number;
}

export interface CommendationsResponse {
  year: number;
  edition: EditionSummary;
  lists: Record<CommendationListId, CommendationEntry[]>;
  /** The clauses each list applies, so a reader can check the ranking against the text. */
  criteria: Record<CommendationListId, { measure: number; clauses: string[]; explanation: string }>;
}
