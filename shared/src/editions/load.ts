import { isOrgType, isUnifiedOperation, PROGRAM_IDS, type ProgramId } from '../contracts/catalogue';
import { invalidEdition } from '../contracts/errors';
import {
  isNonNegativeSafeInteger,
  isObject,
  isYear,
  Issues,
  numberMessage,
  refuseUnknownKeys,
  type Json,
} from '../validation/checks';
import { isIsoDate } from '../validation/dates';
import { COMMENDATION_SCHEMA, PROGRAM_SCHEMAS, type Edition, type ParameterKind } from './schema';

const EDITION_KEYS = [
  'id',
  'title',
  'claimYear',
  'validFrom',
  'validTo',
  'validityClause',
  'applicationWindow',
  'demo',
  'pools',
  'programs',
] as const;

const text = (value: unknown, path: string, issues: Issues): void => {
  if (typeof value !== 'string' || value.trim() === '') issues.add(path, '必须是非空文本');
};

const date = (value: unknown, path: string, issues: Issues): void => {
  if (typeof value !== 'string' || !isIsoDate(value)) issues.add(path, '必须是有效日期，格式YYYY-MM-DD');
};

const parameterValue = (kind: ParameterKind, value: unknown, path: string, issues: Issues): void => {
  switch (kind) {
    case 'fen':
      if (!isNonNegativeSafeInteger(value)) issues.add(path, numberMessage.fen);
      return;
    case 'count':
      if (!isNonNegativeSafeInteger(value)) issues.add(path, numberMessage.count);
      return;
    case 'bp':
      if (!isNonNegativeSafeInteger(value) || value > 10_000) issues.add(path, numberMessage.bp);
      return;
    case 'org-types':
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && isOrgType(v)))
        issues.add(path, '必须是非空的主体类型列表（如 ecommerce、livestream-base）');
      return;
    case 'operations':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((v) => typeof v === 'string' && isUnifiedOperation(v))
      )
        issues.add(path, '必须是非空的环节列表（warehousing、sorting、transport、delivery、pickup）');
      return;
  }
};

const parametersAndClauses = (
  value: unknown,
  schema: { parameters: Record<string, ParameterKind>; clauses: readonly string[] },
  path: string,
  issues: Issues,
): void => {
  if (!isObject(value)) {
    issues.add(path, '必须是对象');
    return;
  }
  const params = value['parameters'];
  if (!isObject(params)) {
    issues.add(`${path}.parameters`, '必须是对象');
  } else {
    refuseUnknownKeys(params, Object.keys(schema.parameters), `${path}.parameters`, issues, '该项目没有这个参数');
    for (const [name, kind] of Object.entries(schema.parameters)) {
      const p = params[name];
      const at = `${path}.parameters.${name}`;
      if (!isObject(p)) {
        issues.add(at, '缺少参数，需为 { value, clause }');
        continue;
      }
      refuseUnknownKeys(p, ['value', 'clause'], at, issues, '参数只有 value 和 clause 两项');
      parameterValue(kind, p['value'], `${at}.value`, issues);
      text(p['clause'], `${at}.clause`, issues);
    }
  }
  const clauses = value['clauses'];
  if (!isObject(clauses)) {
    issues.add(`${path}.clauses`, '必须是对象');
  } else {
    refuseUnknownKeys(clauses, schema.clauses, `${path}.clauses`, issues, '该项目没有这个条件');
    for (const name of schema.clauses) text(clauses[name], `${path}.clauses.${name}`, issues);
  }
};

const program = (id: ProgramId, value: unknown, pools: Json, issues: Issues): void => {
  const path = `programs.${id}`;
  if (!isObject(value)) {
    issues.add(path, '必须是对象');
    return;
  }
  refuseUnknownKeys(
    value,
    ['measure', 'title', 'poolId', 'oneOff', 'awardClause', 'parameters', 'clauses'],
    path,
    issues,
    '项目字段有误',
  );
  const measure = value['measure'];
  if (!isNonNegativeSafeInteger(measure) || measure < 1 || measure > 12)
    issues.add(`${path}.measure`, '必须是1到12之间的措施序号');
  text(value['title'], `${path}.title`, issues);
  text(value['awardClause'], `${path}.awardClause`, issues);
  if (typeof value['oneOff'] !== 'boolean') issues.add(`${path}.oneOff`, '必须是 true 或 false');
  const poolId = value['poolId'];
  if (typeof poolId !== 'string' || !(poolId in pools)) issues.add(`${path}.poolId`, '必须是本版本 pools 中的资金池');
  parametersAndClauses(value, PROGRAM_SCHEMAS[id], path, issues);
};

/**
 * Checks an edition read from anywhere (the built-in file, the database, an admin's draft)
 * and returns it typed, or throws INVALID_EDITION naming every offending field.
 * Editions are immutable data: the result is frozen, so nothing can edit one in place.
 */
export const loadEdition = (input: unknown): Edition => {
  const issues = new Issues();
  if (!isObject(input)) throw invalidEdition([{ field: '(edition)', message: '必须是对象' }]);
  refuseUnknownKeys(input, [...EDITION_KEYS, 'commendations'], '', issues, '政策版本没有这个字段');
  text(input['id'], 'id', issues);
  text(input['title'], 'title', issues);
  text(input['validityClause'], 'validityClause', issues);
  if (!isYear(input['claimYear'])) issues.add('claimYear', numberMessage.year);
  if (typeof input['demo'] !== 'boolean') issues.add('demo', '必须是 true 或 false');
  date(input['validFrom'], 'validFrom', issues);
  date(input['validTo'], 'validTo', issues);
  if (
    typeof input['validFrom'] === 'string' &&
    typeof input['validTo'] === 'string' &&
    input['validFrom'] > input['validTo']
  )
    issues.add('validTo', '有效期结束日期不能早于开始日期');
  const window = input['applicationWindow'];
  if (!isObject(window)) {
    issues.add('applicationWindow', '必须是 { opens, closes }');
  } else {
    refuseUnknownKeys(window, ['opens', 'closes'], 'applicationWindow', issues, '申报窗口只有 opens 和 closes');
    date(window['opens'], 'applicationWindow.opens', issues);
    date(window['closes'], 'applicationWindow.closes', issues);
    if (
      typeof window['opens'] === 'string' &&
      typeof window['closes'] === 'string' &&
      window['opens'] > window['closes']
    )
      issues.add('applicationWindow.closes', '申报截止日期不能早于开始日期');
  }

  const pools = isObject(input['pools']) ? input['pools'] : {};
  if (!isObject(input['pools'])) issues.add('pools', '必须是对象');
  for (const [id, pool] of Object.entries(pools)) {
    const path = `pools.${id}`;
    if (!isObject(pool)) {
      issues.add(path, '必须是对象');
      continue;
    }
    refuseUnknownKeys(pool, ['title', 'capFen', 'measure', 'clause'], path, issues, '资金池字段有误');
    text(pool['title'], `${path}.title`, issues);
    text(pool['clause'], `${path}.clause`, issues);
    if (!isNonNegativeSafeInteger(pool['capFen'])) issues.add(`${path}.capFen`, numberMessage.fen);
    if (!isNonNegativeSafeInteger(pool['measure'])) issues.add(`${path}.measure`, '必须是措施序号');
  }

  const programs = input['programs'];
  if (!isObject(programs)) {
    issues.add('programs', '必须是对象');
  } else {
    refuseUnknownKeys(programs, PROGRAM_IDS, 'programs', issues, '没有这个资金奖励项目');
    for (const id of PROGRAM_IDS) if (id in programs) program(id, programs[id], pools, issues);
  }
  parametersAndClauses(input['commendations'], COMMENDATION_SCHEMA, 'commendations', issues);

  if (!issues.empty) throw invalidEdition(issues.list);
  return deepFreeze(structuredClone(input)) as unknown as Edition;
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};
