import {
  checkText,
  COMMENDATION_SCHEMA,
  type Edition,
  type FieldError,
  isIsoDate,
  loadEdition,
  ORG_TYPES,
  type ParameterKind,
  PolicyError,
  type PreviewChange,
  type PreviewVerdict,
  PROGRAM_IDS,
  PROGRAM_SCHEMAS,
  type ProgramId,
  UNIFIED_OPERATIONS,
} from '@huiqi/shared';
import {
  bpToPercentText,
  fenToYuanText,
  type Parsed,
  parseCount,
  parsePercent,
  parseYear,
  parseYuan,
} from '../calculator/numbers';

/**
 * An edition's document as the administrator's editor shows it: every editable value a labelled
 * field (money in yuan, ratios in %, counts, dates, texts), and the fields back into a JSON merge
 * patch (RFC 7386) of only what changed. A field's `path` is the value's place in the document as
 * the API names it in a refusal (`pools.pool-leading.capFen`, `programs.x.materials[0].name`), so
 * the API's field errors land beside the field they name.
 */

export type FieldKind =
  | 'text'
  /** A text that may be left empty (then absent from the document). */
  | 'optional-text'
  | 'fen'
  | 'bp'
  | 'count'
  /** Working days, 1 to 250. */
  | 'days'
  | 'year'
  | 'date'
  /** One end of the application window: both empty means no window. */
  | 'window-date'
  | 'boolean'
  | 'scope'
  | 'org-types'
  | 'operations';

export interface EditionField {
  path: string;
  label: string;
  kind: FieldKind;
  /** The policy's words the value comes from, shown under the field. */
  hint?: string;
}

export interface FieldGroup {
  /** `edition`, `review`, `pools`, a program's id, `commendations`. */
  id: string;
  title: string;
  fields: EditionField[];
}

/** The choices of a list or choice field: what is stored and what is shown. */
export const CHOICES: Partial<Record<FieldKind, readonly { id: string; name: string }[]>> = {
  boolean: [
    { id: 'true', name: '是' },
    { id: 'false', name: '否' },
  ],
  scope: [
    { id: 'per-award', name: '按每项奖补分别计算' },
    { id: 'per-enterprise', name: '按企业当年二、六两项合计计算' },
  ],
  'org-types': ORG_TYPES,
  operations: UNIFIED_OPERATIONS,
};

export const isListKind = (kind: FieldKind): boolean => kind === 'org-types' || kind === 'operations';

const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  minOnlineRetailFen: '网络零售额门槛（元）',
  subsidyUnitFen: '补贴计算单位：每实现（元）',
  subsidyPerUnitFen: '每单位补贴（元）',
  perEnterpriseCapFen: '每家企业补贴上限（元）',
  localContributionCapBp: '奖补不超过对地方贡献的比例（%）',
  awardFen: '奖励金额（元）',
  maxAwardFen: '最高奖励金额（元）',
  eligibleOrgTypes: '可申报的主体类型',
  minStatisticalOnlineRetailFen: '纳统网络零售额门槛（元）',
  minYearsRegistered: '最少注册年限（年）',
  minPlatformAuthorizations: '最少平台授权数（个）',
  minSiteAreaM2: '最小场地面积（平方米）',
  minLiveRooms: '最少直播间数（间）',
  activeStreamersMoreThan: '活跃主播数须超过（人）',
  minTrainedHires: '最少培训后录用人数（人）',
  minQualifiedTrainees: '最少合格学员数（人）',
  minNationalExpressCompanies: '最少入驻全国性快递企业数（家）',
  requiredOperations: '须统一的环节（五统一）',
  minCountyParcelShareBp: '县域快递业务量最低占比（%）',
  retailGrowthTopN: '零售额增速排名前几名（名）',
  onlineShareTopN: '网络零售占比排名前几名（名）',
  newShopsMoreThan: '新开网店数须超过（家）',
  relocatedShopsTopN: '迁入网店数排名前几名（名）',
};

const CLAUSE_LABELS: Readonly<Record<string, string>> = {
  'normal-operation': '正常经营',
  'tax-compliant': '依法纳税',
  'converted-branch': '分支机构转为法人企业',
  'legal-person': '独立法人',
  'included-in-statistics': '纳入统计',
  'within-policy-period': '在政策有效期内',
  'registered-this-year': '当年注册',
  'registered-in-city': '在本市注册',
  'good-credit': '信用良好',
  qualifications: '资质',
  'first-year': '首年度',
  'price-comparison': '比价功能',
  matchmaking: '撮合功能',
  'national-brand': '全国性品牌',
  'new-first-level': '新设一级配送中心',
  qualified: '符合条件',
  'retail-growth-above-province': '零售额增速高于全省',
  'online-share-above-province': '网络零售占比高于全省',
};

const REVIEW_DAYS: readonly [string, string][] = [
  ['countyWorkingDays', '县级初审时限（工作日）'],
  ['cityWorkingDays', '市级审核时限（工作日）'],
  ['financeWorkingDays', '财政审核时限（工作日）'],
  ['noticeWorkingDays', '公示期（工作日）'],
  ['paymentWorkingDays', '公示结束后拨付时限（工作日）'],
  ['supplementWorkingDays', '退回补正默认期限（工作日）'],
];

const PARAMETER_KINDS: Readonly<Record<ParameterKind, FieldKind>> = {
  fen: 'fen',
  bp: 'bp',
  count: 'count',
  'org-types': 'org-types',
  operations: 'operations',
};

/** Each parameter's value, then the words it comes from; then each condition's words. */
const parameterFields = (
  base: string,
  schema: { parameters: Record<string, ParameterKind>; clauses: readonly string[] },
  params: Record<string, { clause: string } | undefined>,
): EditionField[] => [
  ...Object.entries(schema.parameters).flatMap(([name, kind]) => {
    const label = PARAMETER_LABELS[name] ?? name;
    return [
      { path: `${base}.parameters.${name}.value`, label, kind: PARAMETER_KINDS[kind], hint: params[name]?.clause },
      {
        path: `${base}.parameters.${name}.clause`,
        label: `${label.replace(/（.*）$/, '')}：原文`,
        kind: 'text' as const,
      },
    ];
  }),
  ...schema.clauses.map((id) => ({
    path: `${base}.clauses.${id}`,
    label: `条件原文：${CLAUSE_LABELS[id] ?? id}`,
    kind: 'text' as const,
  })),
];

/** The editor's fields of a document, grouped: the edition, review, pools, each program, commendations. */
export const editionGroups = (edition: Edition): FieldGroup[] => {
  const groups: FieldGroup[] = [
    {
      id: 'edition',
      title: '版本信息',
      fields: [
        { path: 'title', label: '标题', kind: 'text' },
        { path: 'claimYear', label: '申报年度', kind: 'year' },
        { path: 'validFrom', label: '有效期开始', kind: 'date' },
        { path: 'validTo', label: '有效期结束', kind: 'date' },
        { path: 'validityClause', label: '有效期原文', kind: 'text' },
        { path: 'applicationWindow.opens', label: '申报开始日期（不开放申报则两项都留空）', kind: 'window-date' },
        { path: 'applicationWindow.closes', label: '申报截止日期', kind: 'window-date' },
      ],
    },
    {
      id: 'review',
      title: '审核设置',
      fields: [
        ...REVIEW_DAYS.map(([key, label]) => ({ path: `review.${key}`, label, kind: 'days' as const })),
        { path: 'review.secondApprovalAboveFen', label: '超过此金额需第二审批人（元）', kind: 'fen' },
        {
          path: 'review.localContributionCapScope.value',
          label: '对地方贡献比例上限的计算方式',
          kind: 'scope',
          hint: edition.review.localContributionCapScope.clause,
        },
        { path: 'review.localContributionCapScope.clause', label: '计算方式：原文', kind: 'text' },
        { path: 'review.source', label: '审核设置的依据', kind: 'text' },
      ],
    },
    {
      id: 'pools',
      title: '资金池',
      fields: Object.entries(edition.pools).flatMap(([id, pool]) => [
        { path: `pools.${id}.title`, label: `资金池名称（${id}）`, kind: 'text' as const },
        { path: `pools.${id}.capFen`, label: `${pool.title}：上限（元）`, kind: 'fen' as const, hint: pool.clause },
        { path: `pools.${id}.clause`, label: `${pool.title}：原文`, kind: 'text' as const },
      ]),
    },
  ];
  for (const id of PROGRAM_IDS) {
    const program = edition.programs[id];
    if (!program) continue;
    const base = `programs.${id}`;
    groups.push({
      id,
      title: `第${program.measure}条 ${program.title}`,
      fields: [
        { path: `${base}.title`, label: '项目名称', kind: 'text' },
        { path: `${base}.awardClause`, label: '奖励原文', kind: 'text' },
        ...parameterFields(base, PROGRAM_SCHEMAS[id], program.parameters as Record<string, { clause: string }>),
        {
          path: `${base}.financeReview.value`,
          label: '需市财政局审核',
          kind: 'boolean',
          hint: program.financeReview.clause,
        },
        { path: `${base}.financeReview.clause`, label: '财政审核：原文', kind: 'text' },
        ...program.materials.flatMap((material, i) => [
          { path: `${base}.materials[${i}].name`, label: `申报材料 ${i + 1}：名称`, kind: 'text' as const },
          { path: `${base}.materials[${i}].shows`, label: `${material.name}：须载明`, kind: 'text' as const },
          { path: `${base}.materials[${i}].required`, label: `${material.name}：必须提交`, kind: 'boolean' as const },
          {
            path: `${base}.materials[${i}].clause`,
            label: `${material.name}：原文（可空）`,
            kind: 'optional-text' as const,
          },
        ]),
      ],
    });
  }
  groups.push({
    id: 'commendations',
    title: '通报表扬（县区）',
    fields: parameterFields(
      'commendations',
      COMMENDATION_SCHEMA,
      edition.commendations.parameters as Record<string, { clause: string }>,
    ),
  });
  return groups;
};

export const fieldsOf = (groups: readonly FieldGroup[]): EditionField[] => groups.flatMap((g) => g.fields);

// ---- paths --------------------------------------------------------------------------------

type Segment = string | number;

/** `programs.x.materials[0].name` → ['programs', 'x', 'materials', 0, 'name']. */
export const segmentsOf = (path: string): Segment[] =>
  path
    .split('.')
    .flatMap((part) =>
      [...part.matchAll(/([^[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] as string))),
    );

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const valueAt = (document: unknown, segments: readonly Segment[]): unknown => {
  let at: unknown = document;
  for (const s of segments) {
    if (typeof s === 'number') at = Array.isArray(at) ? (at[s] as unknown) : undefined;
    else at = isRecord(at) ? at[s] : undefined;
  }
  return at;
};

// ---- values ---------------------------------------------------------------------------------

/** A number of basis points as the % field shows it: 2000 → "20". */
export const bpText = bpToPercentText;
/** A % as typed → basis points, exactly: "15.25" → 1525. */
export const parseBp = parsePercent;

/** What the field shows for a value of the document. */
export const textOf = (kind: FieldKind, value: unknown): string => {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'fen':
      return typeof value === 'number' ? fenToYuanText(value) : '';
    case 'bp':
      return typeof value === 'number' ? bpToPercentText(value) : '';
    case 'org-types':
    case 'operations':
      return Array.isArray(value) ? value.join(',') : '';
    default:
      return String(value);
  }
};

export const valueTexts = (edition: Edition, fields: readonly EditionField[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f.path, textOf(f.kind, valueAt(edition, segmentsOf(f.path)))]));

// Titles, clauses and material names: the shared schema's rule for an edition's texts.
const TEXT = { max: 2000, multiline: true };

/** A field's text read as the document's value (`undefined`: absent), or what to fix. */
export const parseField = (field: EditionField, text: string): { ok: true; value: unknown } | Parsed => {
  const listed = (ids: readonly { id: string }[]) => {
    const chosen = text.split(',').filter((id) => id !== '');
    if (chosen.length === 0) return { ok: false as const, message: '请至少选择一项' };
    if (chosen.some((id) => !ids.some((c) => c.id === id))) return { ok: false as const, message: '含有无效的选项' };
    // In the order the list gives them, so a change of order alone is no change.
    return { ok: true as const, value: ids.filter((c) => chosen.includes(c.id)).map((c) => c.id) };
  };
  switch (field.kind) {
    case 'fen':
      return parseYuan(text);
    case 'bp':
      return parsePercent(text);
    case 'count':
      return parseCount(text);
    case 'days': {
      const parsed = parseCount(text);
      if (parsed.ok && (parsed.value < 1 || parsed.value > 250))
        return { ok: false, message: '必须是1到250之间的工作日数' };
      return parsed;
    }
    case 'year':
      return parseYear(text);
    case 'date':
    case 'window-date': {
      const date = text.trim();
      if (date === '' && field.kind === 'window-date') return { ok: true, value: undefined };
      return isIsoDate(date)
        ? { ok: true, value: date }
        : { ok: false, message: '请输入有效日期，格式为YYYY-MM-DD，例如 2027-01-01' };
    }
    case 'text':
    case 'optional-text': {
      if (field.kind === 'optional-text' && text.trim() === '') return { ok: true, value: undefined };
      const checked = checkText(text, field.label.replace(/（.*）$/, ''), TEXT);
      return checked.ok ? { ok: true, value: checked.value } : { ok: false, message: checked.message };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { ok: true, value: text === 'true' }
        : { ok: false, message: '请选择是或否' };
    case 'scope':
      return text === 'per-award' || text === 'per-enterprise'
        ? { ok: true, value: text }
        : { ok: false, message: '请选择计算方式' };
    case 'org-types':
      return listed(ORG_TYPES);
    case 'operations':
      return listed(UNIFIED_OPERATIONS);
  }
};

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// ---- the merge patch ---------------------------------------------------------------------

/** RFC 7386, as the API applies it: objects merge key by key, null removes, anything else replaces. */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isRecord(patch)) return patch;
  const base = isRecord(target) ? target : {};
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== null) merged[key] = mergePatch(base[key], value);
  return Object.fromEntries(Object.entries(merged).filter(([key]) => patch[key] !== null));
};

/** Sets `value` at `segments` under `root`, making objects on the way; `undefined` deletes. */
const setIn = (root: Record<string, unknown> | unknown[], segments: readonly Segment[], value: unknown): void => {
  let at: Record<string, unknown> | unknown[] = root;
  segments.slice(0, -1).forEach((s, i) => {
    const next = (at as Record<Segment, unknown>)[s];
    if (typeof next === 'object' && next !== null) at = next as Record<string, unknown>;
    else {
      const made: Record<string, unknown> | unknown[] = typeof segments[i + 1] === 'number' ? [] : {};
      (at as Record<Segment, unknown>)[s] = made;
      at = made;
    }
  });
  const last = segments[segments.length - 1] as Segment;
  if (value === undefined && !Array.isArray(at)) Reflect.deleteProperty(at, last);
  else (at as Record<Segment, unknown>)[last] = value;
};

export interface PatchResult {
  /** Only what changed; `{}` when nothing did. */
  patch: Record<string, unknown>;
  /** What to fix, by field path, as typed (the patch is not to be sent while there are any). */
  errors: Record<string, string>;
  /** The paths of the changed fields. */
  changed: string[];
}

const WINDOW_HALF = '申报开始和截止日期要么都填写，要么都留空（不开放申报）';

/**
 * The merge patch of what the fields changed in the document. A value inside a list (a
 * material's name) replaces the whole list, as a merge patch must: the list is the document's,
 * with every change made to it. An emptied optional value is removed (null); an emptied
 * application window (both dates) removes the window.
 */
export const buildPatch = (
  edition: Edition,
  fields: readonly EditionField[],
  texts: Readonly<Record<string, string>>,
): PatchResult => {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const changed: string[] = [];
  // Lists copied from the document, by the path of the list, once each.
  const lists = new Map<string, unknown[]>();
  const values = new Map<string, unknown>();

  for (const field of fields) {
    const text = texts[field.path] ?? '';
    const parsed = parseField(field, text);
    if (!parsed.ok) {
      errors[field.path] = parsed.message;
      continue;
    }
    values.set(field.path, parsed.value);
    const segments = segmentsOf(field.path);
    if (sameValue(parsed.value, valueAt(edition, segments))) continue;
    changed.push(field.path);
    const index = segments.findIndex((s) => typeof s === 'number');
    if (index < 0) {
      setIn(patch, segments, parsed.value === undefined ? null : parsed.value);
      continue;
    }
    const listPath = segments.slice(0, index);
    const key = listPath.join('.');
    let list = lists.get(key);
    if (!list) {
      list = JSON.parse(JSON.stringify(valueAt(edition, listPath) ?? [])) as unknown[];
      lists.set(key, list);
      setIn(patch, listPath, list);
    }
    setIn(list, segments.slice(index), parsed.value);
  }

  const opens = values.get('applicationWindow.opens');
  const closes = values.get('applicationWindow.closes');
  if (values.has('applicationWindow.opens') && values.has('applicationWindow.closes')) {
    if (opens === undefined && closes !== undefined) errors['applicationWindow.opens'] = WINDOW_HALF;
    else if (opens !== undefined && closes === undefined) errors['applicationWindow.closes'] = WINDOW_HALF;
    else if (opens === undefined && closes === undefined && isRecord(patch['applicationWindow']))
      patch['applicationWindow'] = null;
  }
  return { patch, errors, changed };
};

// ---- refusals beside their fields ---------------------------------------------------------------

export interface PlacedErrors {
  /** By field path. */
  byField: Record<string, string>;
  /** Those that name no field of the editor, with the path they name. */
  other: FieldError[];
}

/**
 * Puts each refusal beside the field it names: the field at that path, else the first field
 * under it (`applicationWindow` → its opening date), else the field it is under.
 */
export const placeErrors = (details: readonly FieldError[], fields: readonly EditionField[]): PlacedErrors => {
  const byField: Record<string, string> = {};
  const other: FieldError[] = [];
  for (const detail of details) {
    const path = detail.field.replace(/^document\./, '');
    const field =
      fields.find((f) => f.path === path) ??
      fields.find((f) => f.path.startsWith(`${path}.`) || f.path.startsWith(`${path}[`)) ??
      [...fields]
        .filter((f) => path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`))
        .sort((a, b) => b.path.length - a.path.length)[0];
    if (field) byField[field.path] ??= detail.message;
    else other.push({ field: path, message: detail.message });
  }
  return { byField, other };
};

/** The shared schema's refusals of the document the patch would make (the API runs the same). */
export const documentErrors = (edition: Edition, patch: Record<string, unknown>): FieldError[] => {
  try {
    loadEdition(mergePatch(JSON.parse(JSON.stringify(edition)) as unknown, patch));
    return [];
  } catch (e) {
    if (e instanceof PolicyError) return e.details;
    throw e;
  }
};

// ---- the preview --------------------------------------------------------------------------

export const EFFECT_LABELS: Readonly<Record<PreviewChange['effect'], string>> = {
  gains: '新增符合',
  loses: '不再符合',
  more: '金额增加',
  less: '金额减少',
  undetermined: '待核实',
};

export const VERDICT_LABELS: Readonly<Record<PreviewVerdict['status'], string>> = {
  eligible: '符合',
  ineligible: '不符合',
  undetermined: '待核实',
};

/** What a verdict pays at most: nothing when not eligible; null when eligible but not computable. */
const payable = (verdict: PreviewVerdict | null): number | null =>
  verdict?.status === 'eligible' ? verdict.maxAmountFen : verdict?.status === 'undetermined' ? null : 0;

/** How the firm's maximum moves (fen), or null when either side cannot be computed. */
export const differenceFen = (change: PreviewChange): number | null => {
  const before = payable(change.before);
  const after = payable(change.after);
  return before === null || after === null ? null : after - before;
};

/** A program's name in the preview: the draft's title, else its id. */
export const programTitle = (edition: Edition | null, id: ProgramId): string => {
  const program = edition?.programs[id];
  return program ? `第${program.measure}条 ${program.title}` : id;
};
