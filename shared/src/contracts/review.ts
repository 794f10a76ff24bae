import { type ApplicationStatus, type ApplicationView } from './applications';
import { type Role } from './auth';
import { type CountyId, type ProgramId } from './catalogue';
import { type ConditionStatus, type ProgramResult } from './evaluation';
import { type FactName, type Facts } from './facts';

/**
 * Who acts at each stage, and the edition's review setting that gives the stage its deadline in
 * working days. `returned` waits for the applicant (the deadline the reviewer set).
 */
export const REVIEW_STAGES = {
  submitted: {
    role: 'county-reviewer',
    label: '县级初审',
    unit: '县（市、区）商务主管部门',
    deadline: 'countyWorkingDays',
  },
  'city-review': { role: 'city-reviewer', label: '市级复审', unit: '市商务投资促进局', deadline: 'cityWorkingDays' },
  allocation: { role: 'city-reviewer', label: '资金分配', unit: '市商务投资促进局', deadline: null },
  'finance-review': { role: 'finance', label: '财政审核', unit: '市财政局', deadline: 'financeWorkingDays' },
  notice: { role: 'city-reviewer', label: '公示', unit: '市商务投资促进局', deadline: 'noticeWorkingDays' },
  approved: { role: 'finance', label: '资金拨付', unit: '市财政局', deadline: 'paymentWorkingDays' },
  paid: { role: 'finance', label: '待办结', unit: '市财政局', deadline: null },
  returned: { role: 'applicant', label: '补正', unit: '申报企业', deadline: null },
} as const satisfies {
  [S in ApplicationStatus]?: { role: Role; label: string; unit: string; deadline: ReviewDeadlineSetting | null };
};

export type ReviewStage = keyof typeof REVIEW_STAGES;

/** The edition's review settings that are deadlines, in working days. */
export type ReviewDeadlineSetting =
  'countyWorkingDays' | 'cityWorkingDays' | 'financeWorkingDays' | 'noticeWorkingDays' | 'paymentWorkingDays';

/** The current stage of an application as the firm and its reviewers see it. */
export interface StageView {
  status: ApplicationStatus;
  label: string;
  /** Who acts now, e.g. 市财政局. */
  unit: string;
  /** The stage began (ISO 8601). */
  since: string;
  /** The last day (YYYY-MM-DD) the stage should act by, in working days; null: no deadline. */
  due: string | null;
  overdue: boolean;
}

/** One thing a reviewer sent back: a condition, a material or a fact, and what to do about it. */
export interface ReturnItem {
  kind: 'condition' | 'material' | 'fact';
  /** The condition's id, the material's id, or the fact's name. */
  id: string;
  /**
   * What is wrong and what to supply, shown to the applicant as written.
   * @minLength 1
   * @maxLength 500
   */
  reason: string;
}

/** What was returned for supplement (退回补正), by which stage, until when. */
export interface ReturnedView {
  /** The stage that returned it, which the supplement goes back to. */
  from: 'submitted' | 'city-review';
  fromLabel: string;
  items: (ReturnItem & { label: string })[];
  /** The last day to resubmit (YYYY-MM-DD). */
  deadline: string;
  overdue: boolean;
  at: string;
}

/** The applicant's side of the review, added to the application the firm reads. */
export interface ApplicationProgress {
  roundId: number | null;
  roundTitle: string | null;
  stage: StageView | null;
  /** The award the city fixed (after any lowering or pro-rata sharing), fen; null before. */
  awardFen: number | null;
  /** Why the award is below the rules' maximum; null when it is not. */
  awardReason: string | null;
  returned: ReturnedView | null;
  /** The public notice (公示), once it began. */
  notice: { starts: string; ends: string; objections: number } | null;
  payment: { voucherNo: string; paidOn: string } | null;
  /** Why it was rejected, shown as written. */
  rejectionReason: string | null;
}

/** How a reviewer found one condition against the materials. */
export type VerificationVerdict =
  /** The facts the condition reads are as declared. */
  | 'confirmed'
  /** The facts are corrected to what the materials show. */
  | 'corrected'
  /** A condition only a reviewer decides (审核认定): met or not. */
  | 'met'
  | 'unmet';

/** One condition's verification. */
export interface ConditionVerification {
  /** @maxLength 100 */
  conditionId: string;
  verdict: VerificationVerdict;
  /** For `corrected`: the facts' values as the materials show them (the contract's names). */
  facts?: { [N in FactName]?: Facts[N] };
  /**
   * The materials the reviewer checked it against.
   * @maxItems 20
   */
  materialIds?: string[];
  /**
   * @maxLength 500
   */
  note?: string;
}

/** `PUT /api/v1/applications/:id/verification`: some or all conditions, each replacing its earlier verification. */
export interface VerifyRequest {
  /**
   * @minItems 1
   * @maxItems 50
   */
  conditions: ConditionVerification[];
}

/** A condition as the reviewer works it: the rules' answer on the verified facts, and the verification. */
export interface ReviewConditionView {
  id: string;
  clause: string;
  /** The rules' status on the verified facts (`review` until a reviewer decides). */
  status: ConditionStatus;
  explanation: string;
  facts: readonly FactName[];
  /** What the materials of each fact are (the material ids that prove this condition). */
  materialIds: string[];
  verification: {
    verdict: VerificationVerdict;
    note: string | null;
    materialIds: string[];
    byRole: Role;
    /** The stage it was verified at. */
    stage: ApplicationStatus;
    at: string;
  } | null;
}

/** A first approval of an award above the threshold, waiting for a second approver. */
export interface PendingApprovalView {
  awardFen: number;
  reason: string | null;
  byRole: Role;
  at: string;
  /** The caller made the first approval (and so cannot make the second). */
  byCaller: boolean;
}

/** Everything a reviewer can do next, named for the buttons that do it. */
export type ReviewActionId =
  'verify' | 'approve' | 'confirm-approval' | 'return' | 'reject' | 'rule-objection' | 'pay' | 'close';

/** An objection to an application on notice (异议). */
export interface ObjectionView {
  id: number;
  applicationId: number;
  status: 'open' | 'upheld' | 'dismissed';
  statusLabel: string;
  /** Who objected, as they named themselves (staff only: the firm sees that there is one, not who). */
  name: string | null;
  phone: string | null;
  reason: string;
  evidence: string;
  filedAt: string;
  ruling: { reason: string; at: string } | null;
}

/** `GET /api/v1/applications/:id/review` (reviewers): the application as a reviewer works it. */
export interface ReviewView {
  application: ApplicationView;
  /** The rules' answer on the facts as verified so far (the declared ones where none is verified yet). */
  evaluation: ProgramResult;
  /** The facts as verified so far: the snapshot overlaid with reviewers' corrections. */
  verifiedFacts: Facts;
  conditions: ReviewConditionView[];
  /** The most the award can be at approval: the rules on the verified facts, and the firm's other awards under a per-enterprise 20% cap. */
  maxAwardFen: number | null;
  /** Awards above this need a second approver (fen). */
  secondApprovalAboveFen: number;
  pendingApproval: PendingApprovalView | null;
  objections: ObjectionView[];
  /** What the caller may do now. */
  actions: ReviewActionId[];
  /** Why the caller may not act on it (a conflict of interest, another county, another stage); null when they may. */
  blockedReason: string | null;
}

/** `POST /api/v1/applications/:id/approve`: passes the stage; at the city's review, fixes the award. */
export interface ApproveRequest {
  /**
   * At the city's review: the award, at most the rules' maximum on the verified facts; omitted, the maximum.
   * @asType integer
   * @minimum 0
   */
  awardFen?: number;
  /**
   * Required when the award is below the maximum: why.
   * @maxLength 500
   */
  reason?: string;
}

/** `POST /api/v1/applications/:id/return`: 退回补正. */
export interface ReturnRequest {
  /**
   * @minItems 1
   * @maxItems 50
   */
  items: ReturnItem[];
  /**
   * The last day to resubmit; omitted, the edition's supplement period in working days from today.
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  deadline?: string;
}

/** `POST /api/v1/applications/:id/reject`. */
export interface RejectRequest {
  /**
   * Shown to the applicant as written.
   * @minLength 1
   * @maxLength 500
   */
  reason: string;
}

/** `POST /api/v1/applications/:id/payment` (finance): 拨付. */
export interface PaymentRequest {
  /**
   * The payment voucher's number.
   * @minLength 1
   * @maxLength 64
   */
  voucherNo: string;
  /**
   * The day it was paid (not after today).
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  paidOn: string;
}

/** `POST /api/v1/applications/:id/objections` (any signed-in user, during the notice period). */
export interface ObjectionRequest {
  /**
   * The objector's real name.
   * @minLength 1
   * @maxLength 50
   */
  name: string;
  /** @maxLength 20 */
  phone: string;
  /**
   * @minLength 1
   * @maxLength 500
   */
  reason: string;
  /**
   * What shows it: facts, documents, where to find them.
   * @minLength 1
   * @maxLength 2000
   */
  evidence: string;
}

/** `POST /api/v1/objections/:id/ruling` (city reviewers). */
export interface ObjectionRulingRequest {
  outcome: 'upheld' | 'dismissed';
  /**
   * @minLength 1
   * @maxLength 500
   */
  reason: string;
}

/** `GET /api/v1/review/queue?…` (staff). */
export interface ReviewQueueQuery {
  /** One stage; every stage the caller acts in otherwise. */
  stage?: ApplicationStatus;
  county?: CountyId;
  program?: ProgramId;
  /**
   * @asType integer
   * @minimum 1
   */
  roundId?: number;
  /** `true`: only those past their stage's deadline. */
  overdue?: 'true' | 'false';
  /** By the stage's deadline: `deadline` earliest first (the default), `-deadline` latest first; no deadline last. */
  sort?: ReviewQueueSort;
  /**
   * @asType integer
   * @minimum 1
   */
  page?: number;
}

/** The queue's orders: by the stage's deadline, earliest (`deadline`) or latest (`-deadline`) first. */
export type ReviewQueueSort = 'deadline' | '-deadline';

export const REVIEW_QUEUE_SORTS: readonly ReviewQueueSort[] = ['deadline', '-deadline'];

/** How many applications wait at one stage of the caller's queue. */
export interface ReviewQueueCount {
  stage: ApplicationStatus;
  /** The status's label, e.g. 待县级初审. */
  label: string;
  count: number;
}

/** One application in a reviewer's queue. */
export interface ReviewQueueItem {
  applicationId: number;
  firmName: string;
  county: CountyId;
  countyName: string;
  programId: ProgramId;
  programTitle: string;
  measure: number;
  claimYear: number;
  roundId: number | null;
  status: ApplicationStatus;
  statusLabel: string;
  stage: StageView;
  maxAmountFen: number | null;
  awardFen: number | null;
  submittedAt: string;
  /** A first approval waits for a second approver. */
  awaitingSecondApproval: boolean;
  openObjections: number;
}

/** `GET /api/v1/review/queue`: a page of the queue in the order asked (earliest deadline first by default). */
export interface ReviewQueue {
  items: ReviewQueueItem[];
  total: number;
  page: number;
  pageSize: number;
  /**
   * Each stage the caller acts in (whatever `stage` asks), with how many wait there in the caller's
   * scope under the other filters: the queue's tabs.
   */
  counts: ReviewQueueCount[];
}

/** `POST /api/v1/review/batch-approve`: each application approved on its own, at its maximum. */
export interface BatchApproveRequest {
  /**
   * @minItems 1
   * @maxItems 100
   */
  applicationIds: number[];
}

/** Each application's outcome, in the order asked. */
export interface BatchApproveResult {
  results: {
    applicationId: number;
    ok: boolean;
    /** The status it moved to (ok), or the error refusing it. */
    status: ApplicationStatus | null;
    error: { code: string; message: string } | null;
  }[];
  approved: number;
  refused: number;
}

/** One application on public notice (公示): no personal data. */
export interface PublicNotice {
  applicationId: number;
  firmName: string;
  programTitle: string;
  measure: number;
  claimYear: number;
  amountFen: number;
  starts: string;
  ends: string;
  /** Objections can still be filed (today is within the period). */
  open: boolean;
}

/** `GET /api/v1/public/notices` (no sign-in): current notices first. */
export interface PublicNoticeList {
  notices: PublicNotice[];
  /** Where objections go, as the city publishes it. */
  objectionsTo: string;
}

/** `GET /api/v1/public/notices?…`. */
export interface PublicNoticeQuery {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year?: number;
  program?: ProgramId;
}

/** `GET /api/v1/demo/clock`: the API's today, and how far the demo's clock (演示时钟) was moved forward. */
export interface DemoClockView {
  /** The demo clock is on (`npm start`); off, the API's clock is the real one and cannot be moved. */
  enabled: boolean;
  /** ISO 8601. */
  now: string;
  /** Today in Asia/Shanghai, YYYY-MM-DD: what dates the API accepts (a payment's day, say) are checked against. */
  today: string;
  /** Whole days the clock was moved forward. */
  offsetDays: number;
}

/** `POST /api/v1/demo/clock` (administrator, demo clock on): moves the clock forward, then concludes due notices. */
export interface AdvanceDemoClockRequest {
  /**
   * @asType integer
   * @minimum 1
   * @maximum 30
   */
  days: number;
}

/** The clock as moved, and the applications whose notice period ended with it. */
export interface DemoClockAdvance extends DemoClockView {
  concluded: number[];
}
