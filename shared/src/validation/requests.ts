import {
  COUNTIES,
  isCountyId,
  isOrgType,
  isPlatformId,
  isProgramId,
  isUnifiedOperation,
  ORG_TYPES,
  PLATFORMS,
  UNIFIED_OPERATIONS,
} from '../contracts/catalogue';
import { invalidRequest } from '../contracts/errors';
import { type CommendationsRequest, type EvaluationRequest } from '../contracts/evaluation';
import {
  emptyFactVector,
  FACT_DEFS,
  type FactKind,
  type Facts,
  type FactVector,
  fromFactVector,
} from '../contracts/facts';
import {
  isNonNegativeSafeInteger,
  isObject,
  isSafeInteger,
  isYear,
  Issues,
  numberMessage,
  refuseUnknownKeys,
} from './checks';
import { isIsoDate } from './dates';
import { usccProblem, usccProblemMessage } from './uscc';

// What to write instead, listing the catalogue itself, so a new id is offered as soon as it exists.
const choices = (rows: readonly { id: string }[]): string => `可选：${rows.map((r) => r.id).join('、')}`;
const ORG_TYPE_HINT = choices(ORG_TYPES);
const PLATFORM_HINT = `${choices(PLATFORMS)}，其他平台写作 other:平台名称`;
const OPERATION_HINT = choices(UNIFIED_OPERATIONS);
const COUNTY_HINT = choices(COUNTIES);

/**
 * Checks a list of closed-vocabulary strings, reporting each bad or repeated item at its
 * index. Lists are short (at most a few dozen items), so duplicates are found without a Set.
 */
const checkList = (
  value: unknown,
  path: string,
  issues: Issues,
  accept: (item: string) => boolean,
  what: string,
): void => {
  if (!Array.isArray(value)) {
    issues.add(path, `必须是列表，${what}`);
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !accept(item)) issues.add(`${path}[${i}]`, `不是有效取值，${what}`);
    else if (value.indexOf(item) < i) issues.add(`${path}[${i}]`, `“${item}”重复了，请删除重复项`);
  }
};

/** True when a list is valid: the common case, checked without building any message. */
const listOk = (value: unknown, accept: (item: string) => boolean): boolean => {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !accept(item) || value.indexOf(item) < i) return false;
  }
  return true;
};

const LIST_RULES = {
  'org-types': [isOrgType, ORG_TYPE_HINT],
  platforms: [isPlatformId, PLATFORM_HINT],
  operations: [isUnifiedOperation, OPERATION_HINT],
} as const;

/** Is this a valid value of its kind? No allocation: the happy path of every request. */
const factOk = (kind: FactKind, value: unknown): boolean => {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'fen':
    case 'count':
      return isNonNegativeSafeInteger(value);
    case 'share-bp':
      return isNonNegativeSafeInteger(value) && value <= 10_000;
    case 'year':
      return isYear(value);
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'uscc':
      return typeof value === 'string' && usccProblem(value) === null;
    case 'county':
      return typeof value === 'string' && isCountyId(value);
    case 'org-types':
    case 'platforms':
    case 'operations':
      return listOk(value, LIST_RULES[kind][0]);
  }
};

/** What is wrong with a value that failed `factOk`, added under `path`. */
const factIssue = (kind: FactKind, value: unknown, path: string, issues: Issues): void => {
  switch (kind) {
    case 'boolean':
      return issues.add(path, '必须是 true 或 false');
    case 'fen':
      return issues.add(path, numberMessage.fen);
    case 'count':
      return issues.add(path, numberMessage.count);
    case 'share-bp':
      return issues.add(path, numberMessage.bp);
    case 'year':
      return issues.add(path, numberMessage.year);
    case 'date':
      return issues.add(path, '必须是真实存在的日期，格式YYYY-MM-DD，例如2023-06-30');
    case 'uscc':
      return issues.add(
        path,
        typeof value === 'string' ? usccProblemMessage(usccProblem(value) ?? 'check') : '必须是18位统一社会信用代码',
      );
    case 'county':
      return issues.add(path, `不是聊城市的县（市、区），${COUNTY_HINT}`);
    case 'org-types':
    case 'platforms':
    case 'operations':
      return checkList(value, path, issues, LIST_RULES[kind][0], LIST_RULES[kind][1]);
  }
};

/**
 * Validates a firm's facts, collecting issues under `path`, and returns them as a FactVector
 * (a null fact, a form clearing a field, is unknown), or null when `value` is no object.
 */
const checkFacts = (value: unknown, path: string, issues: Issues): FactVector | null => {
  if (!isObject(value)) {
    issues.add(path, '必须是对象，例如 { "orgTypes": ["ecommerce"] }');
    return null;
  }
  const vector = emptyFactVector();
  for (const key in value) {
    const def = FACT_DEFS[key];
    const v = value[key];
    if (!def) issues.add(`${path}.${key}`, `不认识的事实字段“${key}”，请检查拼写（字段名区分大小写）`);
    else if (v === null) continue;
    else if (factOk(def.kind, v)) vector[def.index] = v;
    else factIssue(def.kind, v, `${path}.${key}`, issues);
  }
  return vector;
};

/** Validated facts (null clears a fact, so it is absent here), or INVALID_REQUEST naming each field. */
export const parseFacts = (value: unknown, path = 'facts'): Facts => {
  const issues = new Issues();
  const vector = checkFacts(value, path, issues);
  if (!issues.empty || !vector) throw invalidRequest(issues.list);
  return fromFactVector(vector);
};

const REQUEST_HINT = '请求只有 claimYear、facts、programs 三项';

/** A validated evaluation request, facts as a vector: what the engine works on. */
export interface ValidRequest {
  claimYear: number;
  facts: FactVector;
  programs: EvaluationRequest['programs'];
}

/** Validates an evaluation request; throws INVALID_REQUEST naming every offending field. */
export const readEvaluationRequest = (input: unknown): ValidRequest => {
  const issues = new Issues();
  if (!isObject(input)) throw invalidRequest([{ field: '(request)', message: '请求必须是 JSON 对象' }]);
  for (const key in input)
    if (key !== 'claimYear' && key !== 'facts' && key !== 'programs')
      issues.add(key, `不认识的字段“${key}”，${REQUEST_HINT}`);
  const claimYear = input['claimYear'];
  const facts = input['facts'];
  const programs = input['programs'];
  if (!isYear(claimYear)) issues.add('claimYear', numberMessage.year);
  let vector: FactVector | null = null;
  if (facts === undefined) issues.add('facts', '缺少 facts（企业情况），没有已知情况时请传 {}');
  else vector = checkFacts(facts, 'facts', issues);
  if (programs !== undefined && !listOk(programs, isProgramId))
    checkList(programs, 'programs', issues, isProgramId, '请使用资金奖励项目编号，如 leading-enterprise');
  if (!issues.empty) throw invalidRequest(issues.list);
  return {
    claimYear: claimYear as number,
    facts: vector as FactVector,
    programs: programs as EvaluationRequest['programs'],
  };
};

/** Validates an evaluation request and returns it with its known facts (nulls dropped). */
export const parseEvaluationRequest = (input: unknown): EvaluationRequest => {
  const { claimYear, facts, programs } = readEvaluationRequest(input);
  const request: EvaluationRequest = { claimYear, facts: fromFactVector(facts) };
  if (programs !== undefined) request.programs = programs;
  return request;
};

const COUNTY_FIGURES = [
  'county',
  'onlineRetailGrowthBp',
  'physicalGoodsOnlineShareBp',
  'newOnlineShops',
  'relocatedShopsStatisticalRetailFen',
] as const;

/** Validates a county commendations request; throws INVALID_REQUEST naming every offending field. */
export const parseCommendationsRequest = (input: unknown): CommendationsRequest => {
  const issues = new Issues();
  if (!isObject(input)) throw invalidRequest([{ field: '(request)', message: '请求必须是 JSON 对象' }]);
  refuseUnknownKeys(input, ['year', 'province', 'counties'], '', issues, '请求只有 year、province、counties 三项');
  if (!isYear(input['year'])) issues.add('year', numberMessage.year);
  const province = input['province'];
  if (!isObject(province)) {
    issues.add('province', '必须提供全省平均水平 { onlineRetailGrowthBp, physicalGoodsOnlineShareBp }');
  } else {
    refuseUnknownKeys(
      province,
      ['onlineRetailGrowthBp', 'physicalGoodsOnlineShareBp'],
      'province',
      issues,
      '全省数据只有两项',
    );
    if (!isSafeInteger(province['onlineRetailGrowthBp']))
      issues.add('province.onlineRetailGrowthBp', `全省网络零售额平均增幅${numberMessage.signedBp}`);
    const share = province['physicalGoodsOnlineShareBp'];
    if (!isNonNegativeSafeInteger(share) || share > 10_000)
      issues.add('province.physicalGoodsOnlineShareBp', `全省实物商品网络零售额占比${numberMessage.bp}`);
  }
  const counties = input['counties'];
  if (!Array.isArray(counties)) {
    issues.add('counties', '必须是各县（市、区）数据的列表');
  } else {
    const seen = new Set<string>();
    counties.forEach((row: unknown, i) => {
      const path = `counties[${i}]`;
      if (!isObject(row)) {
        issues.add(path, '必须是对象');
        return;
      }
      refuseUnknownKeys(row, COUNTY_FIGURES, path, issues, '请检查拼写');
      const county = row['county'];
      if (typeof county !== 'string' || !isCountyId(county))
        issues.add(`${path}.county`, `不是聊城市的县（市、区），${COUNTY_HINT}`);
      else if (seen.has(county)) issues.add(`${path}.county`, `“${county}”重复出现，每个县（市、区）只能有一行`);
      else seen.add(county);
      const optional = (key: string, ok: (v: unknown) => boolean, message: string): void => {
        const v = row[key];
        if (v !== undefined && v !== null && !ok(v)) issues.add(`${path}.${key}`, message);
      };
      optional('onlineRetailGrowthBp', isSafeInteger, numberMessage.signedBp);
      optional('physicalGoodsOnlineShareBp', (v) => isNonNegativeSafeInteger(v) && v <= 10_000, numberMessage.bp);
      optional('newOnlineShops', isNonNegativeSafeInteger, numberMessage.count);
      optional('relocatedShopsStatisticalRetailFen', isNonNegativeSafeInteger, numberMessage.fen);
    });
  }
  if (!issues.empty) throw invalidRequest(issues.list);
  return input as unknown as CommendationsRequest;
};
