import { type Role } from './auth';

/** The kinds of record the audit log and the outbox speak of. */
export type ChangeSubject =
  | 'user'
  | 'org'
  | 'membership'
  | 'facts'
  | 'file'
  | 'application'
  | 'edition'
  | 'round'
  | 'relocated-shop'
  | 'commendation'
  | 'target-observation'
  | 'statistics'
  | 'referral'
  | 'park-evaluation'
  | 'whitelist'
  | 'roster';
export const CHANGE_SUBJECTS: readonly ChangeSubject[] = [
  'org',
  'facts',
  'application',
  'edition',
  'user',
  'membership',
  'file',
  'round',
  'relocated-shop',
  'commendation',
  'target-observation',
  'statistics',
  'referral',
  'park-evaluation',
  'whitelist',
  'roster',
];

/** One entry of the append-only audit log; personal data masked for the administrator who reads it. */
export interface AuditEntryView {
  id: number;
  /** ISO 8601 date-time. */
  at: string;
  /** Null for the service itself and the staff command line. */
  actorId: number | null;
  /** A signed-in user's role, `cli` (the staff command line) or `system` (the service itself: boot, seed). */
  actorRole: AuditActorRole | null;
  /** What changed, e.g. `application.submitted`. */
  action: string;
  entity: ChangeSubject;
  entityId: string;
  orgId: number | null;
  before: unknown;
  after: unknown;
  /** The request that made the change; null when none did. */
  requestId: string | null;
}

/** `GET /api/v1/audit`: newest first, a page at a time. */
export interface AuditLog {
  entries: AuditEntryView[];
  /** The `before` of the following page; null on the last. */
  next: number | null;
}

/** Who made a change, as the audit log names them: a role, the staff command line, or the service. */
export type AuditActorRole = Role | 'cli' | 'system';

/** `GET /api/v1/audit` query. */
export interface AuditQuery {
  entity?: ChangeSubject;
  /** @maxLength 64 */
  entityId?: string;
  /**
   * @asType integer
   * @minimum 1
   */
  orgId?: number;
  actorRole?: AuditActorRole;
  /**
   * The action or its beginning: `application.` finds every change of an application.
   * @pattern ^[a-z][a-z.-]{0,47}$
   */
  action?: string;
  /**
   * From this day on (YYYY-MM-DD, Asia/Shanghai).
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  from?: string;
  /**
   * Up to this day, inclusive (YYYY-MM-DD, Asia/Shanghai).
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  to?: string;
  /**
   * Entries older than this id: the previous page's `next`.
   * @asType integer
   * @minimum 1
   */
  before?: number;
  /**
   * Default 100.
   * @asType integer
   * @minimum 1
   * @maximum 500
   */
  limit?: number;
}

/** One change's event, as written for notifications to deliver. */
export interface OutboxEventView {
  id: number;
  eventType: string;
  entity: ChangeSubject;
  entityId: string;
  orgId: number | null;
  payload: unknown;
  auditId: number | null;
  dedupeKey: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  deadAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** `GET /api/v1/outbox`: newest first, a page at a time. */
export interface OutboxPage {
  events: OutboxEventView[];
  /** The `before` of the following page; null on the last. */
  next: number | null;
}

/** `GET /api/v1/outbox` query. */
export interface OutboxQuery {
  /**
   * Events older than this id: the previous page's `next`.
   * @asType integer
   * @minimum 1
   */
  before?: number;
  /**
   * Default 100.
   * @asType integer
   * @minimum 1
   * @maximum 500
   */
  limit?: number;
}

/** How the audit chain can be broken, at the first entry that does not hold. */
export type AuditChainProblem =
  /** The entry's hash is not the hash of its fields: the entry, or its hash, was changed. */
  | 'hash-mismatch'
  /** Its `prevHash` is not the previous entry's hash (the ids follow on). */
  | 'prev-hash-mismatch'
  /** Entries are missing before it: its `prevHash` is not the previous entry's hash, and ids are skipped. */
  | 'gap'
  /** The chain ends before the entry its head names (the newest entries are gone), or the head was changed. */
  | 'tail-missing'
  /** An entry after the head's: written around the chain. */
  | 'not-chained'
  /** The chain's head row is gone. */
  | 'head-missing';

/** An audit entry named in a verification. */
export interface AuditChainEntry {
  id: number;
  action: string;
  /** ISO 8601 date-time. */
  at: string;
  hash: string;
}

/** `GET /api/v1/audit/verify`: the audit chain walked in id order, every hash recomputed. */
export interface AuditVerification {
  intact: boolean;
  /** Entries that held, in order, up to the first broken one. */
  entries: number;
  /** The chain's first and last entries that held; null while there are none. */
  first: AuditChainEntry | null;
  last: AuditChainEntry | null;
  /** The first entry that does not hold, and how; null when the chain is intact. */
  broken: {
    problem: AuditChainProblem;
    /** The entry; null when the head row itself is gone. */
    entry: AuditChainEntry | null;
  } | null;
  /** One line in Chinese: `审计日志完整：N 条记录，…`, or where and how it broke. */
  message: string;
}

/**
 * Each kind of change in Chinese, for the audit log's readers (the workbench's 审计日志). The API's
 * closed list of actions (`ChangeEvents`, api/src/modules/audit/change-events.ts) must have a label
 * here each: it does not compile otherwise.
 */
export const AUDIT_ACTION_LABELS = {
  'user.created': '新用户登录',
  'user.staff-created': '新建工作人员账号',
  'user.password-reset': '重置密码',
  'user.disabled': '停用账号',
  'user.enabled': '启用账号',
  'session.refresh-replayed': '登录凭证被重复使用（已注销该会话）',
  'org.registered': '登记企业',
  'org.updated': '修改企业信息',
  'org.invite-created': '生成邀请码',
  'org.member-joined': '成员加入企业',
  'facts.updated': '修改企业数据',
  'file.uploaded': '上传文件',
  'application.created': '创建申报',
  'application.updated': '修改申报',
  'application.submitted': '提交申报',
  'application.withdrawn': '撤回申报',
  'application.material-attached': '放入材料',
  'application.material-accepted': '材料审核通过',
  'application.material-rejected': '材料被退回',
  'application.verified': '核实条件',
  'application.approved': '审核通过',
  'application.returned': '退回补正',
  'application.resubmitted': '补正后重新提交',
  'application.rejected': '审核未通过',
  'application.paid': '资金拨付',
  'application.closed': '办结',
  'application.objection-filed': '收到异议',
  'application.objection-upheld': '异议成立',
  'application.objection-dismissed': '异议不成立',
  'application.notice-ended': '公示期满',
  'application.allocated': '资金分配',
  'edition.draft-created': '创建政策版本草稿',
  'edition.draft-updated': '修改政策版本草稿',
  'edition.published': '发布政策版本',
  'round.created': '发布申报批次',
  'pool.allocated': '资金池按比例分配',
  'relocated-shop.registered': '登记迁入店铺',
  'relocated-shop.verified': '核实迁入店铺',
  'relocated-shop.refused': '迁入店铺核实不通过',
  'relocated-shop.resubmitted': '修改后重新提交迁入店铺',
  'commendation.published': '发布通报表扬名单',
  'target.observed': '录入目标指标',
  'statistics.figures-entered': '填报运行监测数据',
  'statistics.figures-revised': '修改运行监测数据',
  'statistics.imported': '导入运行监测数据',
  'statistics.averages-set': '设置全省平均',
  'referral.requested': '申请转介',
  'referral.withdrawn': '撤回转介申请',
  'referral.status-changed': '更新转介进度',
  'referral.exported': '导出企业数据摘要（供合作银行）',
  'park-evaluation.criteria-set': '设置园区评价指标和权重',
  'park-evaluation.scored': '录入园区评价得分',
  'park-evaluation.published': '公布园区综合评价排名',
  'whitelist.applied': '申请白名单推荐',
  'whitelist.recommended': '推荐入选白名单',
  'whitelist.refused': '白名单不予推荐',
  'roster.row-added': '人才名册添加人员',
  'roster.row-updated': '人才名册修改人员',
  'roster.row-removed': '人才名册删除人员',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** An action's Chinese label, or the action itself when it is not one this version knows. */
export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
