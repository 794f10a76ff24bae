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
