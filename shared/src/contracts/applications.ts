import { type CountyId, type ProgramId } from './catalogue';
import { type ProgramResult } from './evaluation';
import { type FactName, type Facts } from './facts';

/**
 * The life of an application. Later issues add review, notice and payment states; the
 * transitions table is the one place that says which moves exist.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: { readonly [S in ApplicationStatus]: readonly ApplicationStatus[] } = {
  draft: ['submitted', 'withdrawn'],
  // Withdrawal is possible until a decision is made.
  submitted: ['withdrawn'],
  withdrawn: [],
};

export const APPLICATION_STATUS_LABELS: { readonly [S in ApplicationStatus]: string } = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  APPLICATION_TRANSITIONS[from].includes(to);

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
  | 'material-rejected';

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
};

/** Who acted, as a role: the history never names a person (a reviewer's name or username stays with the city). */
export type HistoryActor = 'applicant' | 'reviewer' | 'system';

export const HISTORY_ACTOR_LABELS: { readonly [A in HistoryActor]: string } = {
  applicant: '申报人',
  reviewer: '审核人员',
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
  /** Why a reviewer sent the material back (`material-rejected`); null otherwise. */
  reason: string | null;
}

/** `GET /api/v1/applications/:id/history`: oldest first, at most `APPLICATION_HISTORY_LIMIT` entries. */
export interface ApplicationHistory {
  applicationId: number;
  entries: ApplicationHistoryEntry[];
  /** True when older entries were left out: `entries` are then the newest `APPLICATION_HISTORY_LIMIT`. */
  truncated: boolean;
}
