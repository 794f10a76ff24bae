import { type CountyId, type ProgramId } from './catalogue';
import { type ProgramResult } from './evaluation';
import { type FactName, type Facts } from './facts';
import { type ApplicationProgress } from './review';

/**
 * The life of an application, from draft to payment (docs/review.md draws it). The transitions
 * table is the one place that says which moves exist; the API's workflow checks every change
 * against it, and REVIEW_STAGES says who acts at each stage.
 *
 * - `submitted`: with the county commerce bureau (初审), the county the firm was in at submission;
 * - `city-review`: with the city bureau (复审, 市商务投资促进局), which fixes the award;
 * - `allocation`: approved by the city, waiting for a pro-rata pool to be shared out over the round;
 * - `finance-review`: with 市财政局, where the measure names it as a lead unit (the award is reserved in the pool);
 * - `notice`: on public notice (公示); objections can be filed;
 * - `approved`: the notice period ended without an upheld objection (the award is committed);
 * - `paid`: 拨付 recorded with its voucher; `closed`: 办结;
 * - `returned`: 退回补正, the applicant supplements what was returned and resubmits to the stage that returned it;
 * - `rejected`, `withdrawn`: ended without an award (a reservation is released).
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'city-review',
  'allocation',
  'finance-review',
  'notice',
  'approved',
  'paid',
  'closed',
  'returned',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: { readonly [S in ApplicationStatus]: readonly ApplicationStatus[] } = {
  draft: ['submitted', 'withdrawn'],
  // Withdrawal is possible until a decision is final (the end of the notice period).
  submitted: ['city-review', 'returned', 'rejected', 'withdrawn'],
  'city-review': ['allocation', 'finance-review', 'notice', 'returned', 'rejected', 'withdrawn'],
  allocation: ['finance-review', 'notice', 'rejected', 'withdrawn'],
  'finance-review': ['notice', 'rejected', 'withdrawn'],
  // An upheld objection sends it back to the city's review.
  notice: ['approved', 'city-review', 'withdrawn'],
  approved: ['paid'],
  paid: ['closed'],
  closed: [],
  // Resubmitted to the stage that returned it; rejected when the deadline passed without a supplement.
  returned: ['submitted', 'city-review', 'rejected', 'withdrawn'],
  rejected: [],
  withdrawn: [],
};

export const APPLICATION_STATUS_LABELS: { readonly [S in ApplicationStatus]: string } = {
  draft: '草稿',
  submitted: '待县级初审',
  'city-review': '待市级复审',
  allocation: '待资金分配',
  'finance-review': '待财政审核',
  notice: '公示中',
  approved: '已核定',
  paid: '已拨付',
  closed: '已办结',
  returned: '退回补正',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  APPLICATION_TRANSITIONS[from].includes(to);

/** The statuses an application can no longer leave. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['closed', 'rejected', 'withdrawn'];

/** The statuses in which the award is held in its pool (reserved, then committed). */
export const HOLDS_POOL: readonly ApplicationStatus[] = ['finance-review', 'notice', 'approved', 'paid', 'closed'];

/** The firm as it stood when the application was submitted. */
export interface FirmAtSubmission {
  name: string;
  uscc: string;
  county: CountyId;
  countyName: string;
}

/** An application as the API shows it to the firm's members and to its reviewers. */
export interface ApplicationView {
  id: number;
  orgId: number;
  programId: ProgramId;
  programTitle: string;
  measure: number;
  claimYear: number;
  editionId: string;
  /** The version of the edition it was made under: its programs, materials and rules. */
  editionVersion: number;
  status: ApplicationStatus;
  statusLabel: string;
  /** The facts the application is decided on (a copy of the firm's, edited in the draft). */
  factsSnapshot: Facts;
  /** The rules' answer at submission, with its trace; null before. */
  evaluation: ProgramResult | null;
  maxAmountFen: number | null;
  /** Null while a draft (or withdrawn before it was ever submitted). */
  firmAtSubmission: FirmAtSubmission | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
  /** Where it stands in review, notice and payment. */
  progress: ApplicationProgress;
}

/** `GET /api/v1/orgs/:orgId/applications`: newest first. */
export interface ApplicationList {
  applications: ApplicationView[];
}

/** `POST /api/v1/orgs/:orgId/applications`: a draft for one program and claim year. */
export interface CreateApplicationRequest {
  programId: ProgramId;
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  claimYear: number;
}

/** `PATCH /api/v1/applications/:id`: a draft's facts (null clears one), or the firm's current facts again. */
export interface UpdateApplicationRequest {
  facts?: { [N in FactName]?: Facts[N] | null };
  refreshFromOrg?: boolean;
}

/**
 * What happened to an application, as its history tells the firm: the workflow's changes, with
 * a file put into a slot that already held one told apart as a replacement.
 */
export type ApplicationHistoryAction =
  | 'created'
  | 'updated'
  | 'submitted'
  | 'withdrawn'
  | 'material-uploaded'
  | 'material-replaced'
  | 'material-accepted'
  | 'material-rejected'
  | 'verified'
  | 'approved'
  | 'approval-confirmed'
  | 'returned'
  | 'resubmitted'
  | 'rejected'
  | 'allocated'
  | 'notice-started'
  | 'objection-filed'
  | 'objection-upheld'
  | 'objection-dismissed'
  | 'notice-ended'
  | 'paid'
  | 'closed';

/** The one place that names each kind of entry in Chinese. */
export const APPLICATION_HISTORY_LABELS: { readonly [A in ApplicationHistoryAction]: string } = {
  created: '创建申报',
  updated: '修改申报',
  submitted: '提交申报',
  withdrawn: '撤回申报',
  'material-uploaded': '上传材料',
  'material-replaced': '替换材料',
  'material-accepted': '材料审核通过',
  'material-rejected': '材料被退回',
  verified: '核实条件',
  approved: '审核通过',
  'approval-confirmed': '复核确认',
  returned: '退回补正',
  resubmitted: '补正后重新提交',
  rejected: '审核未通过',
  allocated: '资金分配',
  'notice-started': '开始公示',
  'objection-filed': '收到异议',
  'objection-upheld': '异议成立',
  'objection-dismissed': '异议不成立',
  'notice-ended': '公示期满',
  paid: '资金拨付',
  closed: '办结',
};

/** Who acted, as a role: the history never names a person (a reviewer's name or username stays with the city). */
export type HistoryActor =
  'applicant' | 'county-reviewer' | 'city-reviewer' | 'finance' | 'reviewer' | 'public' | 'system';

export const HISTORY_ACTOR_LABELS: { readonly [A in HistoryActor]: string } = {
  applicant: '申报人',
  'county-reviewer': '县级审核人员',
  'city-reviewer': '市级审核人员',
  finance: '财政人员',
  reviewer: '审核人员',
  public: '社会公众',
  system: '系统',
};

/** The most entries a history answers: the newest, when an application has more. */
export const APPLICATION_HISTORY_LIMIT = 200;

/** A move of the application's status. */
export interface StatusChange {
  /** Null for the entry that created the application. */
  from: ApplicationStatus | null;
  fromLabel: string | null;
  to: ApplicationStatus;
  toLabel: string;
}

/** One entry of an application's history. */
export interface ApplicationHistoryEntry {
  /** Increases with every entry (ids of all records' changes, so not consecutive). */
  id: number;
  /** ISO 8601 date-time. */
  at: string;
  action: ApplicationHistoryAction;
  /** `APPLICATION_HISTORY_LABELS[action]`. */
  label: string;
  actor: HistoryActor;
  /** `HISTORY_ACTOR_LABELS[actor]`. */
  actorLabel: string;
  /** Null when the status stayed as it was. */
  statusChange: StatusChange | null;
  /** The material an entry about one is about; null otherwise. */
  material: { id: string; name: string } | null;
  /** Why a reviewer sent the material back (`material-rejected`), returned, rejected, lowered the award or ruled; null otherwise. */
  reason: string | null;
  /** What was returned for supplement (`returned`), and by when; null otherwise. */
  returned: { items: { kind: string; id: string; label: string; reason: string }[]; deadline: string } | null;
  /** An amount the entry fixed (approved award, share of a pool, payment), fen; null otherwise. */
  amountFen: number | null;
}

/** `GET /api/v1/applications/:id/history`: oldest first, at most `APPLICATION_HISTORY_LIMIT` entries. */
export interface ApplicationHistory {
  applicationId: number;
  entries: ApplicationHistoryEntry[];
  /** True when older entries were left out: `entries` are then the newest `APPLICATION_HISTORY_LIMIT`. */
  truncated: boolean;
}
