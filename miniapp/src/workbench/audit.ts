import {
  type AuditActorRole,
  type AuditQuery,
  CHANGE_SUBJECTS,
  type ChangeSubject,
  isIsoDate,
  ROLE_LABELS,
  ROLES,
} from '@huiqi/shared';

/** Entries a page: one screen of rows. */
export const AUDIT_PAGE_SIZE = 20;

export const ACTOR_LABELS: Readonly<Record<AuditActorRole, string>> = {
  ...ROLE_LABELS,
  cli: '命令行（npm run staff）',
  system: '系统',
};
export const ACTOR_OPTIONS: readonly AuditActorRole[] = [...ROLES, 'cli', 'system'];

export const SUBJECT_LABELS: Readonly<Record<ChangeSubject, string>> = {
  org: '企业',
  facts: '经营情况',
  application: '申报',
  edition: '政策版本',
  user: '账号',
  membership: '企业成员',
  file: '文件',
  round: '申报批次',
  'relocated-shop': '迁入店铺',
  commendation: '通报表扬名单',
  'target-observation': '目标指标',
  statistics: '运行监测',
  referral: '转介申请',
  'park-evaluation': '园区评价',
  whitelist: '白名单推荐',
  roster: '人才名册',
};
export const SUBJECT_OPTIONS: readonly ChangeSubject[] = CHANGE_SUBJECTS;

/** The filters as typed; empty: any. */
export interface AuditFilters {
  entity: ChangeSubject | '';
  entityId: string;
  orgId: string;
  actorRole: AuditActorRole | '';
  action: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  entity: '',
  entityId: '',
  orgId: '',
  actorRole: '',
  action: '',
  from: '',
  to: '',
};

/** What is wrong with the filters, by field, before anything is asked of the API. */
export const auditFilterProblems = (filters: AuditFilters): Partial<Record<keyof AuditFilters, string>> => {
  const problems: Partial<Record<keyof AuditFilters, string>> = {};
  const orgId = filters.orgId.trim();
  if (orgId && !/^[1-9]\d{0,9}$/.test(orgId)) problems.orgId = '企业编号是正整数';
  const action = filters.action.trim();
  if (action && !/^[a-z][a-z.-]{0,47}$/.test(action))
    problems.action = '操作名称或其开头，如 application. 或 user.disabled';
  const from = filters.from.trim();
  const to = filters.to.trim();
  if (from && !isIsoDate(from)) problems.from = '日期格式为YYYY-MM-DD，例如2026-06-01';
  if (to && !isIsoDate(to)) problems.to = '日期格式为YYYY-MM-DD，例如2026-06-30';
  if (from && to && !problems.from && !problems.to && from > to) problems.to = '结束日期不能早于开始日期';
  return problems;
};

/** The query of one page: the filters, and `before` the previous page's `next`. */
export const auditQuery = (filters: AuditFilters, before: number | null): AuditQuery => {
  const entityId = filters.entityId.trim();
  const orgId = filters.orgId.trim();
  const action = filters.action.trim();
  return {
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(entityId ? { entityId } : {}),
    ...(orgId ? { orgId: Number(orgId) } : {}),
    ...(filters.actorRole ? { actorRole: filters.actorRole } : {}),
    ...(action ? { action } : {}),
    ...(filters.from.trim() ? { from: filters.from.trim() } : {}),
    ...(filters.to.trim() ? { to: filters.to.trim() } : {}),
    ...(before === null ? {} : { before }),
    limit: AUDIT_PAGE_SIZE,
  };
};

/** An instant as read in Liaocheng: `2026-06-15 10:00:00` (Asia/Shanghai, UTC+8, no daylight saving). */
export const shanghaiDateTime = (iso: string): string => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
};

export const actorLabel = (role: AuditActorRole | null): string => (role ? ACTOR_LABELS[role] : '—');

/** A stored value as one line: text as it is, anything else as JSON; nothing as —. */
export const valueText = (value: unknown): string => {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

/** One line per field of before and after (as the API masked them): `field: before → after`. */
export const changeLines = (before: unknown, after: unknown): { field: string; before: string; after: string }[] => {
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(before) && !isRecord(after)) {
    return before === null && after === null ? [] : [{ field: '', before: valueText(before), after: valueText(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, before: valueText(b[field]), after: valueText(a[field]) }));
};
