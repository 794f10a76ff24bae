import { type ApplicationStatus, type CountyId, type FactName, type PoolSharing, type ProgramId } from '@huiqi/shared';
import { type Role } from '../../common/roles.js';

/**
 * Every change the API makes, by action, with the payload its outbox event carries. The union
 * is closed: a new kind of change is a new line here, and recordChange refuses a payload that
 * does not match its action. Payloads carry ids and what a notice needs, never personal data
 * (the audit entry keeps the full before and after).
 */
export interface ChangeEvents {
  'user.created': { userId: number; kind: 'wechat' | 'demo'; role: Role; county: string | null };
  'user.staff-created': { userId: number; role: Role; county: string | null };
  'session.refresh-replayed': { userId: number; revokedTokens: number };
  'org.registered': { orgId: number; name: string; county: CountyId };
  'org.updated': { orgId: number; fields: string[] };
  'org.invite-created': { orgId: number; inviteId: number; expiresAt: string };
  'org.member-joined': { orgId: number; userId: number; role: 'member' };
  'facts.updated': { orgId: number; claimYear: number; names: FactName[] };
  'file.uploaded': { orgId: number; fileId: number; kind: string; size: number };
  'application.created': ApplicationEvent & { editionId: string; editionVersion: number };
  'application.updated': ApplicationEvent & { facts: string[]; refreshedFromOrg: boolean };
  'application.submitted': ApplicationEvent & { maxAmountFen: number | null };
  'application.withdrawn': ApplicationEvent & { from: ApplicationStatus };
  'application.material-attached': ApplicationEvent & {
    materialId: string;
    fileId: number;
    replacedFileId: number | null;
  };
  'application.material-accepted': ApplicationEvent & { materialId: string };
  'application.material-rejected': ApplicationEvent & { materialId: string; reason: string };
  'application.verified': ApplicationEvent & { conditions: string[]; correctedFacts: FactName[] };
  /** A stage passed (`to` the next status), or a first approval above the threshold (`pending`, status unchanged). */
  'application.approved': ApplicationEvent & {
    from: ApplicationStatus;
    to: ApplicationStatus;
    awardFen: number | null;
    pending: boolean;
    confirmed: boolean;
  };
  'application.returned': ApplicationEvent & { from: ApplicationStatus; items: number; deadline: string };
  'application.resubmitted': ApplicationEvent & { to: ApplicationStatus; maxAmountFen: number | null };
  /** `reason`: what the firm reads (its notification says it). */
  'application.rejected': ApplicationEvent & { from: ApplicationStatus; reason: string };
  'application.paid': ApplicationEvent & { amountFen: number; paidOn: string };
  'application.closed': ApplicationEvent;
  'application.objection-filed': ApplicationEvent & { objectionId: number };
  'application.objection-upheld': ApplicationEvent & { objectionId: number; releasedFen: number | null };
  'application.objection-dismissed': ApplicationEvent & { objectionId: number };
  'application.notice-ended': ApplicationEvent & { awardFen: number | null };
  /** Its share of a pro-rata pool reserved, and moved on to the next stage. */
  'application.allocated': ApplicationEvent & {
    roundId: number;
    poolId: string;
    requestedFen: number;
    amountFen: number;
    to: ApplicationStatus;
  };
  'edition.draft-created': { editionId: string; baseId: string };
  'edition.draft-updated': { editionId: string };
  'round.created': {
    roundId: number;
    claimYear: number;
    editionId: string;
    opens: string;
    closes: string;
    programs: ProgramId[];
    pools: { poolId: string; capFen: number; sharing: PoolSharing }[];
  };
  'pool.allocated': {
    roundId: number;
    poolId: string;
    requestedFen: number;
    allocatedFen: number;
    ratioBp: number;
    applications: { applicationId: number; amountFen: number; to: ApplicationStatus }[];
  };
  'edition.published': { editionId: string; claimYear: number; version: number; contentHash: string };
}

/** What every application event says: which application, whose, for what. */
export interface ApplicationEvent {
  applicationId: number;
  orgId: number;
  programId: ProgramId;
  claimYear: number;
}

export type ChangeAction = keyof ChangeEvents;

/** The changes of the application workflow. */
export type ApplicationAction = Extract<ChangeAction, `application.${string}`>;

/** How the audit log and the outbox name the kind of record a change is about (part of the wire). */
export { type ChangeSubject } from '@huiqi/shared';
