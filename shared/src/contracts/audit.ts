import { type Role } from './auth';

/** The kinds of record the audit log and the outbox speak of. */
export type ChangeSubject = 'user' | 'org' | 'membership' | 'facts' | 'file' | 'application' | 'edition' | 'round';
export const CHANGE_SUBJECTS: readonly ChangeSubject[] = [
  'org',
  'facts',
  'application',
  'edition',
  'user',
  'membership',
  'file',
  'round',
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
