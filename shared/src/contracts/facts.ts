import { type CountyId, type OrgType, type PlatformId, type UnifiedOperation } from './catalogue';

/**
 * What a firm says (or a document proves) about itself for one claim year.
 * Every fact is optional: an absent fact is unknown, never false or zero.
 * Money is integer fen, shares are integer basis points, dates are YYYY-MM-DD.
 */
export interface Facts {
  uscc?: string;
  county?: CountyId;
  orgTypes?: OrgType[];
  registeredInCity?: boolean;
  registrationDate?: string;
  independentLegalPerson?: boolean;
  normalOperation?: boolean;
  taxCompliant?: boolean;
  goodCredit?: boolean;
  onlineRetailFen?: number;
  statisticalOnlineRetailFen?: number;
  localContributionFen?: number;
  convertedFromOutOfCityBranch?: boolean;
  conversionDate?: string;
  includedInStatistics?: boolean;
  livestreamBaseAuthorizations?: PlatformId[];
  siteAreaM2?: number;
  liveRoomCount?: number;
  activeStreamerCount?: number;
  trainedHireCount?: number;
  qualificationsComplete?: boolean;
  qualifiedStreamerTraineeCount?: number;
  nationalExpressCompanyCount?: number;
  unifiedOperations?: UnifiedOperation[];
  realtimePriceComparison?: boolean;
  matchmakingService?: boolean;
  countyParcelShareBp?: number;
  nationalExpressBrand?: boolean;
  newFirstLevelDistributionCenter?: boolean;
  firstOperatingYear?: number;
}

export type FactName = keyof Facts;

/** How a fact is written on the wire; drives validation and forms. */
export type FactKind =
  | 'boolean'
  | 'fen'
  | 'count'
  | 'share-bp'
  | 'date'
  | 'year'
  | 'uscc'
  | 'county'
  | 'org-types'
  | 'platforms'
  | 'operations';

export interface FactDefinition {
  readonly name: FactName;
  readonly kind: FactKind;
  /** Chinese label shown to users and used in error messages. */
  readonly label: string;
  /** Unit shown beside a number input, if any. */
  readonly unit?: string;
}

const defs: Record<FactName, Omit<FactDefinition, 'name'>> = {
  uscc: { kind: 'uscc', label: '统一社会信用代码' },
  county: { kind: 'county', label: '所在县（市、区）' },
  orgTypes: { kind: 'org-types', label: '主体类型' },
  registeredInCity: { kind: 'boolean', label: '在我市注册登记' },
  registrationDate: { kind: 'date', label: '在我市注册登记日期' },
  independentLegalPerson: { kind: 'boolean', label: '独立法人' },
  normalOperation: { kind: 'boolean', label: '处于正常经营状态' },
  taxCompliant: { kind: 'boolean', label: '依法纳税' },
  goodCredit: { kind: 'boolean', label: '诚信经营（无违法违规和不良信用记录）' },
  onlineRetailFen: { kind: 'fen', label: '当年网络零售额', unit: '分' },
  statisticalOnlineRetailFen: { kind: 'fen', label: '当年纳统网络零售额', unit: '分' },
  localContributionFen: { kind: 'fen', label: '当年对地方贡献数', unit: '分' },
  convertedFromOutOfCityBranch: { kind: 'boolean', label: '原为市外电商企业在聊分支机构' },
  conversionDate: { kind: 'date', label: '转为法人企业日期' },
  includedInStatistics: { kind: 'boolean', label: '已入库纳统' },
  livestreamBaseAuthorizations: { kind: 'platforms', label: '直播平台授牌“直播基地”' },
  siteAreaM2: { kind: 'count', label: '占地面积', unit: '平方米' },
  liveRoomCount: { kind: 'count', label: '直播间数量', unit: '间' },
  activeStreamerCount: { kind: 'count', label: '机构注册活跃主播人数', unit: '人' },
  // 九: a head count names every requirement a counted person must meet, or firms over-count.
  trainedHireCount: {
    kind: 'count',
    label:
      '当年吸纳就业、经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训、并连续缴纳6个月以上社会保险的人数',
    unit: '人',
  },
  qualificationsComplete: { kind: 'boolean', label: '资质齐全' },
  qualifiedStreamerTraineeCount: {
    kind: 'count',
    label: '当年培训的主播中粉丝10万以上、与我市企业签订一年及以上直播带货业务合同、且连续缴纳6个月以上社会保险的人数',
    unit: '名',
  },
  nationalExpressCompanyCount: { kind: 'count', label: '整合全国性快递物流企业数', unit: '家' },
  unifiedOperations: { kind: 'operations', label: '已实现统一的环节' },
  realtimePriceComparison: { kind: 'boolean', label: '提供实时比价服务' },
  matchmakingService: { kind: 'boolean', label: '提供撮合对接服务' },
  countyParcelShareBp: { kind: 'share-bp', label: '整合县域快递单量占比', unit: '基点' },
  nationalExpressBrand: { kind: 'boolean', label: '国内知名大型物流快递企业' },
  newFirstLevelDistributionCenter: { kind: 'boolean', label: '在我市新设一级分拨中心' },
  firstOperatingYear: { kind: 'year', label: '首个运营年度' },
};

export const FACT_NAMES = Object.keys(defs) as readonly FactName[];

/** Each fact's definition; `index` is its slot in a FactVector. */
export type IndexedFact = FactDefinition & { readonly index: number };

/**
 * Fact name → definition. A null-prototype object, so no inherited key (`toString`,
 * `__proto__`) can pass for a fact; looking up every key of every request is the hot path of
 * validation, and this measured a little faster than a Map.
 */
export const FACT_DEFS: Readonly<Record<string, IndexedFact | undefined>> = Object.freeze(
  Object.assign(
    Object.create(null) as Record<string, IndexedFact>,
    Object.fromEntries(FACT_NAMES.map((name, index) => [name, { name, index, ...defs[name] }])),
  ),
);

export const factIndex = (name: FactName): number => (FACT_DEFS[name] as IndexedFact).index;

/**
 * Validated facts as a fixed-length vector in FACT_NAMES order (undefined while unknown).
 * Rules read facts by index: whatever subset of facts a firm gave, and whatever shape its
 * JSON object had, every read is the same monomorphic element load.
 */
export type FactVector = readonly unknown[];

// A packed (not holey) array of undefined: copying it is the cheapest way to make a vector, and
// reads from a packed array need no hole check. (`new Array(n).fill()` would be holey.)
const EMPTY_VECTOR: readonly unknown[] = FACT_NAMES.map(() => undefined);

/** A fresh vector with every fact unknown. */
export const emptyFactVector = (): unknown[] => EMPTY_VECTOR.slice();

/** Facts already validated (e.g. stored ones) as a vector; nulls and unknown names are ignored. */
export const toFactVector = (facts: Facts): FactVector => {
  const vector = emptyFactVector();
  const source = facts as Record<string, unknown>;
  for (const key in source) {
    const def = FACT_DEFS[key];
    const value = source[key];
    if (def && value !== null) vector[def.index] = value;
  }
  return vector;
};

/** The known facts of a vector as a plain object, in FACT_NAMES order. */
export const fromFactVector = (vector: FactVector): Facts => {
  const facts: Record<string, unknown> = {};
  for (let i = 0; i < FACT_NAMES.length; i++) if (vector[i] !== undefined) facts[FACT_NAMES[i] as string] = vector[i];
  return facts as Facts;
};

export const factLabel = (name: FactName): string => defs[name].label;

/** Where a stored fact's value comes from: the firm's word, a document, or a reviewer's check. */
/** `roster`: derived from a talent roster of 第九条 (the roster is its source; it cannot be typed). */
export type Provenance = 'self-declared' | 'document' | 'verified' | 'roster';

/** `GET` and `PUT /api/v1/orgs/:orgId/facts?year=`: a firm's facts for one claim year. */
export interface FactsView {
  orgId: number;
  claimYear: number;
  facts: Facts;
  provenance: Partial<Record<FactName, Provenance>>;
  /** ISO 8601 date-time of the latest change; null when nothing is stored. */
  updatedAt: string | null;
}

/**
 * `PUT /api/v1/orgs/:orgId/facts?year=`: the facts to set, in the contract's names (null clears
 * one; the others stay as they are), checked by the shared validator.
 */
export interface PutFactsRequest {
  facts: { [N in FactName]?: Facts[N] | null };
  /** Applicants declare facts or take them from a document; only reviewers verify. Default self-declared. */
  provenance?: Exclude<Provenance, 'verified' | 'roster'>;
}

/** One change of one fact, as the history keeps it. */
export interface FactChangeView {
  name: FactName;
  /** The value before; null when it was not set. */
  before: unknown;
  /** The value after; null when it was cleared. */
  after: unknown;
  provenance: Provenance;
  changedBy: number;
  changedAt: string;
}

/** `GET /api/v1/orgs/:orgId/facts/history?year=`: newest first, at most 500. */
export interface FactHistory {
  changes: FactChangeView[];
}
