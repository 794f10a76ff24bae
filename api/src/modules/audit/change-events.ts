import {
  type ApplicationStatus,
  AUDIT_ACTION_LABELS,
  type CountyId,
  type FactName,
  type ObservationIndicator,
  type PoolSharing,
  type ProgramId,
  type ReferralKind,
  type ReferralStatus,
} from '@huiqi/shared';
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
  /** An administrator gave a staff account a new password; its sessions were ended. */
  'user.password-reset': { userId: number; revokedTokens: number };
  'user.disabled': { userId: number; revokedTokens: number };
  'user.enabled': { userId: number };
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
  /** 一、四、五: a year's lists published (version 1) or superseded by a new version. */
  'commendation.published': {
    publicationId: number;
    year: number;
    version: number;
    supersedes: number | null;
    lists: Record<string, CountyId[]>;
  };
  'target.observed': {
    observationId: number;
    indicator: ObservationIndicator;
    observedOn: string;
    value: number;
  };
  /** 十二: a county's month entered for the first time, or revised (the audit entry keeps before and after). */
  'statistics.figures-entered': { county: CountyId; year: number; month: number; importId: string | null };
  'statistics.figures-revised': {
    county: CountyId;
    year: number;
    month: number;
    fields: string[];
    importId: string | null;
  };
  /** One import as a whole: its counts (each month it wrote has its own entry, carrying `importId`). */
  'statistics.imported': {
    importId: string;
    fileName: string;
    rows: number;
    created: number;
    revised: number;
    unchanged: number;
  };
  'statistics.averages-set': { year: number; onlineRetailGrowthBp: number; physicalGoodsOnlineShareBp: number };
  'edition.published': { editionId: string; claimYear: number; version: number; contentHash: string };
  /** Measure 五's register of relocated shops (迁入店铺): the firm registers and resubmits, the county decides. */
  'relocated-shop.registered': RelocatedShopEvent;
  'relocated-shop.verified': RelocatedShopEvent;
  'relocated-shop.refused': RelocatedShopEvent & { reason: string };
  'relocated-shop.resubmitted': RelocatedShopEvent;
  /** A firm asked the city for a referral (齐鲁电商贷, 第十一条; 一类出口企业, 第七条). */
  'referral.requested': { referralId: number; orgId: number; kind: ReferralKind; amountFen: number | null };
  'referral.withdrawn': { referralId: number; orgId: number; kind: ReferralKind };
  /** `note`: what the firm reads (未获批's reason). */
  'referral.status-changed': {
    referralId: number;
    orgId: number;
    kind: ReferralKind;
    from: ReferralStatus;
    to: ReferralStatus;
    note: string | null;
  };
  /** The firm's data summary left the system for the partner bank, under the consent of that version. */
  'referral.exported': { referralId: number; orgId: number; consentVersion: string };
  'park-evaluation.criteria-set': { year: number; criteria: { name: string; weightBp: number }[] };
  'park-evaluation.scored': { year: number; orgId: number; criteria: string[] };
  'park-evaluation.published': { year: number; ranked: number };
  /**
   * 第八条: a firm applied for the year's whitelist recommendation (again, after a refusal: `resubmitted`).
   * `whitelistApplicationId`, never `applicationId`: that name is an award application's wherever an
   * event is read (the notifications link a message to it).
   */
  'whitelist.applied': {
    whitelistApplicationId: number;
    orgId: number;
    year: number;
    categories: string[];
    resubmitted: boolean;
  };
  'whitelist.recommended': { whitelistApplicationId: number; orgId: number; year: number };
  /** `reason`: what the firm reads. */
  'whitelist.refused': { whitelistApplicationId: number; orgId: number; year: number; reason: string };
  /** 第九条's rosters: a row added, changed or removed, and the count it derives now (no personal data). */
  'roster.row-added': RosterEvent;
  'roster.row-updated': RosterEvent;
  'roster.row-removed': RosterEvent;
  /** Proactive matching (免申即享): no change made it (no audit entry); written by the matching module. */
  'notification.match': MatchEvent;
  /** A reminder a daily timer writes (no audit entry): a supplement deadline or a round closing. */
  'notification.reminder': ReminderEvent;
}

/** A program of an open round a firm looks eligible for, or nearly (one fact missing), and has not applied to. */
export interface MatchEvent {
  orgId: number;
  roundId: number;
  claimYear: number;
  programId: ProgramId;
  programTitle: string;
  /** The most it could get (fen); null when the figures it depends on are missing. */
  maxAmountFen: number | null;
  /** The facts still missing, as the firm reads them (factLabel); empty when eligible. */
  missingFacts: string[];
  /** The round's last day (YYYY-MM-DD). */
  closes: string;
}

/** What a reminder is about. */
export type ReminderEvent =
  | {
      kind: 'supplement-due';
      orgId: number;
      applicationId: number;
      programId: ProgramId;
      programTitle: string;
      claimYear: number;
      /** The supplement's deadline (YYYY-MM-DD) and the working days left until it. */
      deadline: string;
      workingDaysLeft: number;
    }
  | {
      kind: 'round-closing';
      orgId: number;
      roundId: number;
      claimYear: number;
      programId: ProgramId;
      programTitle: string;
      maxAmountFen: number | null;
      closes: string;
      workingDaysLeft: number;
    };

/** What every relocated-shop event says: which registration, whose, where, relocated when. */
export interface RelocatedShopEvent {
  shopId: number;
  orgId: number;
  county: CountyId;
  relocatedOn: string;
}

/** A roster's change: which roster, which row, and the count it derives afterwards. */
export interface RosterEvent {
  orgId: number;
  claimYear: number;
  roster: 'hires' | 'streamers';
  rowId: number;
  count: number;
}

/** What every application event says: which application, whose, for what. */
export interface ApplicationEvent {
  applicationId: number;
  orgId: number;
  programId: ProgramId;
  claimYear: number;
}

export type ChangeAction = keyof ChangeEvents;

// Every action the API writes to the audit log (notifications aside: they have no audit entry) has
// its Chinese label for the audit log's readers: a new action without one does not compile.
const labelled: { readonly [A in Exclude<ChangeAction, `notification.${string}`>]: string } = AUDIT_ACTION_LABELS;
void labelled;

/** The changes of the application workflow. */
export type ApplicationAction = Extract<ChangeAction, `application.${string}`>;

/** How the audit log and the outbox name the kind of record a change is about (part of the wire). */
export { type ChangeSubject } from '@huiqi/shared';
