import { Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  canTransition,
  countyName,
  type FirmAtSubmission,
} from '@huiqi/shared';
import { type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { type AccessAction } from '../access/policy.js';
import { type ApplicationAction, type ApplicationEvent, type ChangeEvents } from '../audit/change-events.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { ApplicationEntity, scopeOf } from './application.entity.js';

/** The firm as it stood when the application was submitted, or null before. */
export const firmAtSubmission = (a: ApplicationEntity): FirmAtSubmission | null =>
  a.orgName !== null && a.orgUscc !== null && a.orgCounty !== null
    ? ({
        name: a.orgName,
        uscc: a.orgUscc,
        county: a.orgCounty,
        countyName: countyName(a.orgCounty),
      } satisfies FirmAtSubmission)
    : null;

/** Only what the audit log needs to show a change of an application. */
export const auditShape = (a: ApplicationEntity) => ({
  status: a.status,
  programId: a.programId,
  claimYear: a.claimYear,
  maxAmountFen: a.maxAmountFen,
  factsSnapshot: a.factsSnapshot,
  firmAtSubmission: firmAtSubmission(a),
  // What review fixed, for the history to tell (application-history.ts).
  awardFen: a.awardFen,
  awardReason: a.awardReason,
  pendingAwardFen: a.pendingApproval?.awardFen ?? null,
  returned: a.returned,
  rejectionReason: a.rejectionReason,
  paidOn: a.paidOn,
});

/** The changes of an application that exists (creating one has no application to load). */
export type ApplicationChange = Exclude<ApplicationAction, 'application.created'>;

type Rule = {
  /** What the caller must be allowed to do with the application. */
  access:
    | Extract<
        AccessAction,
        'application.edit' | 'material.attach' | 'material.review' | 'review.act' | 'objection.file' | 'objection.rule'
      >
    /** Only the service itself makes the change (a timer): no user may ask for it. */
    | 'system';
} & (
  | /** A move of status: allowed where the shared state machine allows it. */ {
      moves: ApplicationStatus;
      verb: string;
    }
  | /** A change within the statuses listed, the status unchanged. */ {
      within: readonly ApplicationStatus[];
      refusal: string;
    }
);

/** Each change of an application: who may make it, and from which statuses. */
export const APPLICATION_RULES: Record<ApplicationChange, Rule> = {
  // Returned for supplement: only the facts returned (the step checks which).
  'application.updated': { access: 'application.edit', within: ['draft', 'returned'], refusal: '只有草稿可以修改' },
  // A returned application goes back through resubmission (to the stage that returned it), not here.
  'application.submitted': {
    access: 'application.edit',
    within: ['draft'],
    refusal: '只有草稿可以提交；退回补正的申报请补正后重新提交',
  },
  'application.withdrawn': { access: 'application.edit', moves: 'withdrawn', verb: '撤回' },
  // A submitted application takes a file only in a slot a reviewer sent back, a returned one only
  // for a material returned (the step checks the slot).
  'application.material-attached': {
    access: 'material.attach',
    within: ['draft', 'submitted', 'returned'],
    refusal: '不能再上传材料',
  },
  'application.material-accepted': {
    access: 'material.review',
    within: ['submitted', 'city-review'],
    refusal: '只有县级初审、市级复审阶段可以审核材料',
  },
  'application.material-rejected': {
    access: 'material.review',
    within: ['submitted', 'city-review'],
    refusal: '只有县级初审、市级复审阶段可以审核材料',
  },
  'application.verified': {
    access: 'review.act',
    within: ['submitted', 'city-review'],
    refusal: '只有县级初审、市级复审阶段可以核实条件',
  },
  // Each stage's approval moves to the next (the step decides which); allocation is the pool's, not a reviewer's.
  'application.approved': {
    access: 'review.act',
    within: ['submitted', 'city-review', 'finance-review'],
    refusal: '当前阶段不能审核通过',
  },
  'application.returned': { access: 'review.act', moves: 'returned', verb: '退回补正' },
  'application.resubmitted': {
    access: 'application.edit',
    within: ['returned'],
    refusal: '只有退回补正的申报可以重新提交',
  },
  'application.rejected': { access: 'review.act', moves: 'rejected', verb: '驳回' },
  'application.paid': { access: 'review.act', moves: 'paid', verb: '登记拨付' },
  'application.closed': { access: 'review.act', moves: 'closed', verb: '办结' },
  'application.objection-filed': {
    access: 'objection.file',
    within: ['notice'],
    refusal: '不在公示期内，不能提出异议',
  },
  // An upheld objection sends the application back to the city's review (the step moves it; the
  // state machine's notice → city-review), but only from notice, not from a return (returned → city-review).
  'application.objection-upheld': {
    access: 'objection.rule',
    within: ['notice'],
    refusal: '不在公示期内，不能处理异议',
  },
  'application.objection-dismissed': {
    access: 'objection.rule',
    within: ['notice'],
    refusal: '不在公示期内，不能处理异议',
  },
  'application.notice-ended': { access: 'system', moves: 'approved', verb: '结束公示' },
  // Written by the sharing of a pro-rata pool (PoolsService.allocate), for each application it moves on.
  'application.allocated': {
    access: 'review.act',
    within: ['allocation'],
    refusal: '只有待资金分配的申报可以分配资金',
  },
};

/** Why the rule refuses the change from the application's status, or null when it allows it. */
export const refusalOf = (rule: Rule, from: ApplicationStatus): AppError | null => {
  const label = APPLICATION_STATUS_LABELS[from];
  if ('moves' in rule)
    return canTransition(from, rule.moves)
      ? null
      : new AppError('INVALID_TRANSITION', `申报当前为“${label}”，不能${rule.verb}`, { from, to: rule.moves });
  return rule.within.includes(from)
    ? null
    : new AppError('INVALID_TRANSITION', `申报当前为“${label}”，${rule.refusal}`, { from });
};

/** What a step says about its change: the event's own fields, and the audit's view when it is not the application's. */
export interface StepResult<A extends ApplicationChange> {
  event: Omit<ChangeEvents[A], keyof ApplicationEvent>;
  audit?: { before: unknown; after: unknown };
}

export const applicationEvent = (a: ApplicationEntity): ApplicationEvent => ({
  applicationId: a.id,
  orgId: a.orgId,
  programId: a.programId,
  claimYear: a.claimYear,
});

/**
 * The workflow's unit of work: one change of an application, whole or not at all. It loads the
 * application with a lock, checks the caller's access for the change and the change against the
 * application's status, runs the change's step (which may refuse it, and mutates), saves, and
 * records the change (audit entry and outbox event) in the same transaction.
 */
@Injectable()
export class ApplicationChanges {
  constructor(
    private readonly changes: ChangeRecorder,
    private readonly access: AccessService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  apply<A extends ApplicationChange>(
    principal: Principal | 'system',
    id: number,
    action: A,
    step: (app: ApplicationEntity, m: EntityManager) => Promise<StepResult<A>>,
  ): Promise<ApplicationEntity> {
    const rule = APPLICATION_RULES[action];
    return this.changes.recordChange(principal, action, async (m) => {
      const repo = m.getRepository(ApplicationEntity);
      const app = await repo.findOne({ where: { id }, ...(this.tx.lock ? { lock: this.tx.lock } : {}) });
      if (!app) throw notFound('申报');
      if (rule.access === 'system' || principal === 'system') {
        // The service's own changes are never a user's, and the service makes no user's change.
        if (rule.access !== principal) throw new Error(`${action} is not a change ${String(principal)} makes`);
      } else
        await this.access.requireAccess(principal, rule.access, { kind: 'application', application: scopeOf(app) }, m);
      const refusal = refusalOf(rule, app.status);
      if (refusal) throw refusal;
      const before = auditShape(app);
      const { event, audit } = await step(app, m);
      app.updatedAt = this.clock.now();
      await repo.save(app);
      return {
        result: app,
        change: {
          subject: { entity: 'application', id: app.id, orgId: app.orgId },
          before: audit ? audit.before : before,
          after: audit ? audit.after : auditShape(app),
          // The step gives the fields of its action; the fields every application event has are added here.
          event: { ...applicationEvent(app), ...event } as ChangeEvents[A],
        },
      };
    });
  }
}
