import { cloneJson } from '../json';
import { isOrgType, isUnifiedOperation, PROGRAM_IDS, type ProgramId, UNIFIED_OPERATIONS } from '../contracts/catalogue';
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
import { normalizeText, textProblem, textProblemMessage } from '../validation/text';
// compile.ts must never import this module: loading compiles an edition to check its materials.
import { compileEdition } from '../rules/compile';
import { FILE_KINDS, isFileKind, MATERIAL_ID_PATTERN } from './materials';
import {
  COMMENDATION_SCHEMA,
  DEFAULT_FINANCE_REVIEW,
  DEFAULT_REVIEW_SETTINGS,
  PROGRAM_SCHEMAS,
  RETIRED,
  type Edition,
  type ParameterKind,
} from './schema';

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
  'review',
  'programs',
] as const;

// Titles, clauses and material names are shown to every applicant as written.
const TEXT = { max: 2000, multiline: true };
const text = (value: unknown, path: string, issues: Issues): void => {
  const problem = textProblem(typeof value === 'string' ? normalizeText(value, TEXT) : value, TEXT);
  if (problem !== null)
    issues.add(
      path,
      problem === 'notText' || problem === 'missing' ? '必须是非空文本' : textProblemMessage(problem, '此项', TEXT),
    );
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
        issues.add(path, `必须是非空的环节列表（${UNIFIED_OPERATIONS.map((o) => o.id).join('、')}）`);
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

const MATERIAL_KEYS = ['id', 'name', 'shows', 'accepts', 'required', 'validity', 'proves', 'clause'] as const;
const FILE_KIND_LIST = FILE_KINDS.map((k) => `${k.id}（${k.name}）`).join('、');
const VALIDITY_KINDS = 'permanent（长期有效）、claim-year（申报年度有效）或 months（出具后若干个月内有效）';

/** A list of distinct items, each checked by `item`; `what` names the list in messages. */
const distinctList = (
  value: unknown,
  path: string,
  issues: Issues,
  what: { list: string; allowEmpty: boolean },
  item: (v: unknown, at: string) => boolean,
): void => {
  if (!Array.isArray(value) || (!what.allowEmpty && value.length === 0)) {
    issues.add(path, `必须是${what.allowEmpty ? '' : '非空的'}${what.list}`);
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((v: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!item(v, at)) return;
    if (seen.has(v)) issues.add(at, `“${String(v)}”重复`);
    seen.add(v);
  });
};

const validity = (value: unknown, path: string, issues: Issues): void => {
  if (!isObject(value)) {
    issues.add(path, `必须是 { kind }，kind 为${VALIDITY_KINDS}`);
    return;
  }
  const kind = value['kind'];
  if (kind === 'months') {
    refuseUnknownKeys(value, ['kind', 'months'], path, issues, '按月计的有效期只有 kind 和 months 两项');
    const months = value['months'];
    if (!isNonNegativeSafeInteger(months) || months < 1) issues.add(`${path}.months`, '必须是不小于1的整数（月数）');
  } else if (kind === 'permanent' || kind === 'claim-year') {
    refuseUnknownKeys(value, ['kind'], path, issues, '该有效期只有 kind 一项');
  } else {
    issues.add(`${path}.kind`, `必须是${VALIDITY_KINDS}`);
  }
};

/**
 * The shape of a program's materials. Whether each `proves` id is a condition or cap of the
 * program's trace is checked once the whole edition is valid (`provenIds`).
 */
const materials = (value: unknown, path: string, issues: Issues): void => {
  if (!Array.isArray(value) || value.length === 0) {
    // Every paying program asks for at least its application form.
    issues.add(path, '必须是非空的申报材料列表');
    return;
  }
  const ids = new Set<string>();
  value.forEach((material: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(material)) {
      issues.add(at, '必须是对象');
      return;
    }
    refuseUnknownKeys(material, MATERIAL_KEYS, at, issues, '申报材料字段有误');
    const id = material['id'];
    if (typeof id !== 'string' || !MATERIAL_ID_PATTERN.test(id))
      issues.add(`${at}.id`, '必须是以连字符连接的小写英文标识，如 business-licence');
    else if (ids.has(id)) issues.add(`${at}.id`, `材料标识“${id}”与本项目另一项材料重复`);
    else ids.add(id);
    text(material['name'], `${at}.name`, issues);
    text(material['shows'], `${at}.shows`, issues);
    distinctList(
      material['accepts'],
      `${at}.accepts`,
      issues,
      { list: `文件类型列表（${FILE_KIND_LIST}）`, allowEmpty: false },
      (kind, kindAt) => {
        const known = typeof kind === 'string' && isFileKind(kind);
        if (!known) issues.add(kindAt, `不认识的文件类型，可用：${FILE_KIND_LIST}`);
        return known;
      },
    );
    if (typeof material['required'] !== 'boolean') issues.add(`${at}.required`, '必须是 true 或 false');
    validity(material['validity'], `${at}.validity`, issues);
    distinctList(
      material['proves'],
      `${at}.proves`,
      issues,
      { list: '所证明的条件或上限标识列表（仅申报表等形式材料可为空）', allowEmpty: true },
      (proved, provedAt) => {
        const named = typeof proved === 'string' && proved !== '';
        if (!named) issues.add(provedAt, '必须是条件或上限的标识');
        return named;
      },
    );
    if ('clause' in material) text(material['clause'], `${at}.clause`, issues);
  });
};

/**
 * Every id a material proves must be a condition or a cap of its program's trace. Only the rule
 * knows those ids, so this compiles the edition, which it can only do once the rest is valid.
 */
const provenIds = (edition: Edition, issues: Issues): void => {
  for (const compiled of compileEdition(edition).programs) {
    const known = [...compiled.conditionIds, ...compiled.capIds];
    const list = edition.programs[compiled.programId]?.materials ?? [];
    list.forEach((material, i) =>
      material.proves.forEach((id, j) => {
        if (!known.includes(id))
          issues.add(
            `programs.${compiled.programId}.materials[${i}].proves[${j}]`,
            `本项目没有条件或上限“${id}”，可用：${known.join('、')}`,
          );
      }),
    );
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
    ['measure', 'title', 'poolId', 'oneOff', 'awardClause', 'parameters', 'clauses', 'materials', 'financeReview'],
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
  materials(value['materials'], `${path}.materials`, issues);
  const finance = value['financeReview'];
  if (finance !== undefined) {
    if (!isObject(finance) || typeof finance['value'] !== 'boolean')
      issues.add(`${path}.financeReview`, '必须是 { value: true 或 false, clause: 原文 }');
    else text(finance['clause'], `${path}.financeReview.clause`, issues);
  }
};

const REVIEW_DAY_KEYS = [
  'countyWorkingDays',
  'cityWorkingDays',
  'financeWorkingDays',
  'noticeWorkingDays',
  'paymentWorkingDays',
  'supplementWorkingDays',
] as const;

/** The review settings, when the document has them (absent: the defaults apply). */
const reviewSettings = (value: unknown, issues: Issues): void => {
  if (value === undefined) return;
  if (!isObject(value)) {
    issues.add('review', '必须是对象');
    return;
  }
  refuseUnknownKeys(
    value,
    [...REVIEW_DAY_KEYS, 'secondApprovalAboveFen', 'localContributionCapScope', 'source'],
    'review',
    issues,
    '审核设置没有这个字段',
  );
  for (const key of REVIEW_DAY_KEYS) {
    const days = value[key];
    if (!isNonNegativeSafeInteger(days) || days < 1 || days > 250)
      issues.add(`review.${key}`, '必须是1到250之间的工作日数');
  }
  if (!isNonNegativeSafeInteger(value['secondApprovalAboveFen']))
    issues.add('review.secondApprovalAboveFen', numberMessage.fen);
  const scope = value['localContributionCapScope'];
  if (!isObject(scope) || (scope['value'] !== 'per-award' && scope['value'] !== 'per-enterprise'))
    issues.add('review.localContributionCapScope', '必须是 { value: per-award 或 per-enterprise, clause: 原文 }');
  else text(scope['clause'], 'review.localContributionCapScope.clause', issues);
  text(value['source'], 'review.source', issues);
};

/** Documents stored before review existed have no review settings: the defaults, filled in on load. */
const withDefaults = (edition: Edition): Edition => {
  const mutable = edition as { -readonly [K in keyof Edition]: Edition[K] };
  mutable.review ??= cloneJson(DEFAULT_REVIEW_SETTINGS);
  for (const program of Object.values(edition.programs))
    (program as { financeReview?: unknown }).financeReview ??= cloneJson(DEFAULT_FINANCE_REVIEW);
  return edition;
};

/** A copy of the document without what RETIRED lists, or the document itself when it has none of it. */
const withoutRetired = (input: Json): Json => {
  let copy: Json | null = null;
  for (const [id, retired] of Object.entries(RETIRED)) {
    const original = isObject(input['programs']) ? input['programs'][id] : undefined;
    if (!isObject(original)) continue;
    const params = original['parameters'];
    const materials = original['materials'];
    const stale =
      (isObject(params) && retired.parameters.some((name) => name in params)) ||
      (Array.isArray(materials) &&
        materials.some(
          (m: unknown) =>
            isObject(m) && Array.isArray(m['proves']) && m['proves'].some((x) => retired.proves.includes(x)),
        ));
    if (!stale) continue;
    copy ??= cloneJson(input);
    const program = (copy['programs'] as Json)[id] as Json;
    const kept = program['parameters'];
    if (isObject(kept))
      program['parameters'] = Object.fromEntries(
        Object.entries(kept).filter(([name]) => !retired.parameters.includes(name)),
      );
    const list = program['materials'];
    if (Array.isArray(list))
      for (const m of list as unknown[])
        if (isObject(m) && Array.isArray(m['proves']))
          m['proves'] = m['proves'].filter((x) => !retired.proves.includes(x as string));
  }
  return copy ?? input;
};

/**
 * Checks an edition read from anywhere (the built-in file, the database, an admin's draft)
 * and returns it typed, or throws INVALID_EDITION naming every offending field.
 * Editions are immutable data: the result is frozen, so nothing can edit one in place.
 */
export const loadEdition = (document: unknown): Edition => {
  const issues = new Issues();
  if (!isObject(document)) throw invalidEdition([{ field: '(edition)', message: '必须是对象' }]);
  const input = withoutRetired(document);
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
  // Optional: an edition without a window opens no application round (see Edition).
  const window = input['applicationWindow'];
  if (window !== undefined && !isObject(window)) {
    issues.add('applicationWindow', '必须是 { opens, closes }，没有申报批次时省略此项');
  } else if (window !== undefined) {
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
  reviewSettings(input['review'], issues);

  if (!issues.empty) throw invalidEdition(issues.list);
  const edition = withDefaults(cloneJson(input) as unknown as Edition);
  provenIds(edition, issues);
  if (!issues.empty) throw invalidEdition(issues.list);
  // The same object was compiled above, so evaluating the returned edition reuses that work.
  return deepFreeze(edition);
};

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};
