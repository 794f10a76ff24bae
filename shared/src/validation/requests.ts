import { isCountyId, isOrgType, isPlatformId, isProgramId, isUnifiedOperation } from '../contracts/catalogue';
import { invalidRequest } from '../contracts/errors';
import { type CommendationsRequest, type EvaluationRequest } from '../contracts/evaluation';
import { FACTS, type FactKind, type Facts } from '../contracts/facts';
import {
  isNonNegativeSafeInteger,
  isObject,
  isSafeInteger,
  isYear,
  Issues,
  numberMessage,
  refuseUnknownKeys,
  type Json,
} from './checks';
import { isIsoDate } from './dates';
import { usccProblem, usccProblemMessage } from './uscc';

const listOf = (
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
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !accept(item)) issues.add(`${path}[${i}]`, `不是有效取值，${what}`);
    else if (seen.has(item)) issues.add(`${path}[${i}]`, `“${item}”重复了，请删除重复项`);
    else seen.add(item);
  });
};

const ORG_TYPE_HINT =
  '可选：ecommerce、cross-border-ecommerce、trade-retail、livestream-ecommerce、livestream-base、mcn、training-institution、logistics-center、logistics-platform、express-company、ecommerce-park、supply-chain、agency-operation、content-production';
const PLATFORM_HINT = '可选：taobao、jd、pinduoduo、douyin、kuaishou，其他平台写作 other:平台名称';
const OPERATION_HINT = '可选：warehousing、sorting、transport、delivery、pickup';
const COUNTY_HINT =
  '可选：dongchangfu、chiping、yanggu、shenxian、donge、guanxian、gaotang、linqing、etdz、hitech、resort';

const factValue = (kind: FactKind, value: unknown, path: string, issues: Issues): void => {
  switch (kind) {
    case 'boolean':
      if (typeof value !== 'boolean') issues.add(path, '必须是 true 或 false');
      return;
    case 'fen':
      if (!isNonNegativeSafeInteger(value)) issues.add(path, numberMessage.fen);
      return;
    case 'count':
      if (!isNonNegativeSafeInteger(value)) issues.add(path, numberMessage.count);
      return;
    case 'share-bp':
      if (!isNonNegativeSafeInteger(value) || value > 10_000) issues.add(path, numberMessage.bp);
      return;
    case 'year':
      if (!isYear(value)) issues.add(path, numberMessage.year);
      return;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value))
        issues.add(path, '必须是真实存在的日期，格式YYYY-MM-DD，例如2023-06-30');
      return;
    case 'uscc': {
      if (typeof value !== 'string') {
        issues.add(path, '必须是18位统一社会信用代码');
        return;
      }
      const problem = usccProblem(value);
      if (problem) issues.add(path, usccProblemMessage(problem));
      return;
    }
    case 'county':
      if (typeof value !== 'string' || !isCountyId(value)) issues.add(path, `不是聊城市的县（市、区），${COUNTY_HINT}`);
      return;
    case 'org-types':
      listOf(value, path, issues, isOrgType, ORG_TYPE_HINT);
      return;
    case 'platforms':
      listOf(value, path, issues, isPlatformId, PLATFORM_HINT);
      return;
    case 'operations':
      listOf(value, path, issues, isUnifiedOperation, OPERATION_HINT);
      return;
  }
};

/** Validates a firm's facts, collecting issues under `path`. */
export const checkFacts = (value: unknown, path: string, issues: Issues): void => {
  if (!isObject(value)) {
    issues.add(path, '必须是对象，例如 { "orgTypes": ["ecommerce"] }');
    return;
  }
  for (const key in value) {
    const def = FACTS.get(key);
    if (!def) {
      issues.add(`${path}.${key}`, `不认识的事实字段“${key}”，请检查拼写（字段名区分大小写）`);
      continue;
    }
    const v = value[key];
    // null is how a form clears a field: the fact becomes unknown again.
    if (v !== null && v !== undefined) factValue(def.kind, v, `${path}.${key}`, issues);
  }
};

/** Drops facts set to null, so rules see them as unknown. */
const withoutNulls = (facts: Json): Facts => {
  for (const key in facts) {
    if (facts[key] === null) {
      const copy: Json = {};
      for (const k in facts) if (facts[k] !== null) copy[k] = facts[k];
      return copy as Facts;
    }
  }
  return facts as Facts;
};

/** Validates an evaluation request; throws INVALID_REQUEST naming every offending field. */
export const parseEvaluationRequest = (input: unknown): EvaluationRequest => {
  const issues = new Issues();
  if (!isObject(input)) throw invalidRequest([{ field: '(request)', message: '请求必须是 JSON 对象' }]);
  refuseUnknownKeys(input, ['claimYear', 'facts', 'programs'], '', issues, '请求只有 claimYear、facts、programs 三项');
  if (!isYear(input['claimYear'])) issues.add('claimYear', numberMessage.year);
  if (input['facts'] === undefined) issues.add('facts', '缺少 facts（企业情况），没有已知情况时请传 {}');
  else checkFacts(input['facts'], 'facts', issues);
  const programs = input['programs'];
  if (programs !== undefined)
    listOf(programs, 'programs', issues, isProgramId, '请使用资金奖励项目编号，如 leading-enterprise');
  if (!issues.empty) throw invalidRequest(issues.list);
  const request: EvaluationRequest = {
    claimYear: input['claimYear'] as number,
    facts: withoutNulls(input['facts'] as Json),
  };
  if (programs !== undefined) request.programs = programs as EvaluationRequest['programs'];
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
