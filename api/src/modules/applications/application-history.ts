import { Injectable } from '@nestjs/common';
import {
  APPLICATION_HISTORY_LABELS,
  APPLICATION_HISTORY_LIMIT,
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  type ApplicationHistory,
  type ApplicationHistoryAction,
  type ApplicationHistoryEntry,
  type ApplicationStatus,
  FACT_NAMES,
  factLabel,
  type FactName,
  HISTORY_ACTOR_LABELS,
  type HistoryActor,
  type Material,
  type Role,
  type StatusChange,
} from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { AuditTrail, type TrailEntry } from '../audit/audit-trail.js';
import { type ApplicationAction } from '../audit/change-events.js';
import { EditionsService } from '../editions/editions.service.js';
import { ApplicationEntity, type ReturnedRecord, scopeOf } from './application.entity.js';

/**
 * How each change of an application reads in its history. `application`: the audit's before and
 * after are the application's own shape (auditShape), which carries its status; `material`: they
 * are the material slot's (materials.service.ts), and the application's status did not move.
 */
const HISTORY: {
  readonly [A in ApplicationAction]: {
    audit: 'application' | 'material';
    action: (before: unknown, after: unknown) => ApplicationHistoryAction;
  };
} = {
  'application.created': { audit: 'application', action: () => 'created' },
  'application.updated': { audit: 'application', action: () => 'updated' },
  'application.submitted': { audit: 'application', action: () => 'submitted' },
  'application.withdrawn': { audit: 'application', action: () => 'withdrawn' },
  // The slot's previous file is the audit's before: none, an upload; one, a replacement.
  'application.material-attached': {
    audit: 'material',
    action: (before) => (before === null ? 'material-uploaded' : 'material-replaced'),
  },
  'application.material-accepted': { audit: 'material', action: () => 'material-accepted' },
  'application.material-rejected': { audit: 'material', action: () => 'material-rejected' },
  'application.verified': { audit: 'application', action: () => 'verified' },
  // A second approver's confirmation of a first approval waiting for one.
  'application.approved': {
    audit: 'application',
    action: (before, after) =>
      field(before, 'pendingAwardFen') != null && field(after, 'pendingAwardFen') == null
        ? 'approval-confirmed'
        : 'approved',
  },
  'application.returned': { audit: 'application', action: () => 'returned' },
  'application.resubmitted': { audit: 'application', action: () => 'resubmitted' },
  'application.rejected': { audit: 'application', action: () => 'rejected' },
  'application.paid': { audit: 'application', action: () => 'paid' },
  'application.closed': { audit: 'application', action: () => 'closed' },
  // An objection's audit is the application's own shape: it says who objected nowhere in the history.
  'application.objection-filed': { audit: 'application', action: () => 'objection-filed' },
  'application.objection-upheld': { audit: 'application', action: () => 'objection-upheld' },
  'application.objection-dismissed': { audit: 'application', action: () => 'objection-dismissed' },
  'application.notice-ended': { audit: 'application', action: () => 'notice-ended' },
  'application.allocated': { audit: 'application', action: () => 'allocated' },
};

const ACTIONS = Object.keys(HISTORY) as ApplicationAction[];

/** Staff appear by their function, never by name or username; the service and the command line as 系统. */
const ACTORS: { readonly [R in Role | 'cli' | 'system']: HistoryActor } = {
  applicant: 'applicant',
  'county-reviewer': 'county-reviewer',
  'city-reviewer': 'city-reviewer',
  admin: 'reviewer',
  finance: 'finance',
  cli: 'system',
  system: 'system',
};

/** A field of a stored JSON object, or undefined. */
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const statusIn = (value: unknown): ApplicationStatus | null => {
  const status = field(value, 'status');
  return APPLICATION_STATUSES.find((s) => s === status) ?? null;
};

const statusChange = (before: unknown, after: unknown): StatusChange | null => {
  const from = statusIn(before);
  const to = statusIn(after);
  if (to === null || from === to) return null;
  return {
    from,
    fromLabel: from === null ? null : APPLICATION_STATUS_LABELS[from],
    to,
    toLabel: APPLICATION_STATUS_LABELS[to],
  } satisfies StatusChange;
};

/** The reason an entry carries: a material sent back, a lowered award, a rejection. */
const reasonOf = (action: ApplicationHistoryAction, after: unknown): unknown => {
  if (action === 'material-rejected') return field(after, 'reason');
  if (action === 'approved' || action === 'approval-confirmed') return field(after, 'awardReason') ?? undefined;
  if (action === 'rejected') return field(after, 'rejectionReason');
  return undefined;
};

const amountOf = (action: ApplicationHistoryAction, after: unknown): number | null => {
  if (action !== 'approved' && action !== 'approval-confirmed' && action !== 'paid' && action !== 'allocated')
    return null;
  const amount = field(after, 'awardFen') ?? field(after, 'pendingAwardFen');
  return typeof amount === 'number' ? amount : null;
};

/** What was returned, each item named (a material by its name, a fact by its label). */
const returnedOf = (after: unknown, materials: readonly Material[]): ApplicationHistoryEntry['returned'] => {
  const returned = field(after, 'returned') as ReturnedRecord | null | undefined;
  if (!returned) return null;
  return {
    deadline: returned.deadline,
    items: returned.items.map((item) => ({
      kind: item.kind,
      id: item.id,
      reason: item.reason,
      label:
        item.kind === 'material'
          ? (materials.find((x) => x.id === item.id)?.name ?? item.id)
          : item.kind === 'fact' && (FACT_NAMES as readonly string[]).includes(item.id)
            ? factLabel(item.id as FactName)
            : item.id,
    })),
  };
};

/** One audit entry of an application, as the firm and its reviewers read it. */
export const historyEntry = (
  e: TrailEntry<ApplicationAction>,
  materials: readonly Material[],
): ApplicationHistoryEntry => {
  const rule = HISTORY[e.action];
  const action = rule.action(e.before, e.after);
  const role = e.actorRole ?? 'system';
  const actor = Object.hasOwn(ACTORS, role) ? ACTORS[role as keyof typeof ACTORS] : 'system';
  const materialId = rule.audit === 'material' ? field(e.after, 'materialId') : undefined;
  const reason = reasonOf(action, e.after);
  return {
    id: e.id,
    at: e.at.toISOString(),
    action,
    label: APPLICATION_HISTORY_LABELS[action],
    actor,
    actorLabel: HISTORY_ACTOR_LABELS[actor],
    statusChange: rule.audit === 'application' ? statusChange(e.before, e.after) : null,
    material:
      typeof materialId === 'string'
        ? { id: materialId, name: materials.find((m) => m.id === materialId)?.name ?? materialId }
        : null,
    reason: typeof reason === 'string' ? reason.trim() : null,
    returned: action === 'returned' ? returnedOf(e.after, materials) : null,
    amountFen: amountOf(action, e.after),
  } satisfies ApplicationHistoryEntry;
};

/** An application's history, told from the audit entries its changes wrote (no table of its own). */
@Injectable()
export class ApplicationHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly trail: AuditTrail,
    private readonly editions: EditionsService,
  ) {}

  /** Its firm's members and its reviewers read it; anyone else is told it does not exist. */
  async history(principal: Principal, id: number): Promise<ApplicationHistory> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    if (!app) throw notFound('申报');
    await this.access.requireAccess(principal, 'application.history', {
      kind: 'application',
      application: scopeOf(app),
    });
    const [{ entries, truncated }, { edition }] = await Promise.all([
      this.trail.of({ entity: 'application', id }, ACTIONS, APPLICATION_HISTORY_LIMIT),
      // The materials of the version the application was made under name the entries about them.
      this.editions.version(app.editionVersionId),
    ]);
    const materials = edition.programs[app.programId]?.materials ?? [];
    return { applicationId: id, entries: entries.map((e) => historyEntry(e, materials)), truncated };
  }
}
