import { type ApplicationHistory, type ApplicationList, type ApplicationView } from './applications';
import { type CreateApplicationRequest, type UpdateApplicationRequest } from './applications';
import { type AuditLog, type AuditQuery, type AuditVerification, type OutboxPage, type OutboxQuery } from './audit';
import {
  type DemoLoginRequest,
  type RefreshRequest,
  type CreateStaffRequest,
  type Session,
  type SessionUser,
  type StaffAccountView,
  type StaffList,
  type StaffListQuery,
  type StaffLoginRequest,
  type StaffPasswordReset,
  type WechatLoginRequest,
} from './auth';
import {
  type CreateDraftRequest,
  type EditionDocument,
  type EditionList,
  type EditionPreview,
  type ProgramCatalogue,
  type UpdateDraftRequest,
} from './editions';
import { type ErrorCode } from './errors';
import {
  type CommendationPublication,
  type CommendationsDraft,
  type CommendationsYearParams,
  type PublishCommendationsRequest,
  type PublishedCommendationYears,
} from './commendation-lists';
import { type TargetObservationRequest, type TargetObservationView, type TargetsDashboard } from './targets';
import {
  type CommendationsRequest,
  type CommendationsResponse,
  type EvaluationRequest,
  type EvaluationResponse,
} from './evaluation';
import { type FactHistory, type FactsView, type PutFactsRequest } from './facts';
import { type FileLibrary, type FileLink, type FileView, type UploadFileRequest, type UploadResult } from './files';
import { type Health } from './health';
import { type ApplicationMaterials, type AttachMaterialRequest, type ReviewMaterialRequest } from './materials';
import { type CreateOrgRequest, type Invite, type JoinOrgRequest, type OrgList, type OrgView } from './orgs';
import { type UpdateOrgRequest } from './orgs';
import {
  type MarkReadRequest,
  type MarkReadResult,
  type NotificationList,
  type NotificationQuery,
  type NotificationSettings,
  type NotificationSettingsRequest,
  type SubscriptionRequest,
} from './notifications';
import {
  type ApproveRequest,
  type BatchApproveRequest,
  type BatchApproveResult,
  type ObjectionRequest,
  type ObjectionRulingRequest,
  type AdvanceDemoClockRequest,
  type DemoClockAdvance,
  type DemoClockView,
  type ObjectionView,
  type PaymentRequest,
  type PublicNoticeList,
  type PublicNoticeQuery,
  type RejectRequest,
  type ReturnRequest,
  type ReviewQueue,
  type ReviewQueueQuery,
  type ReviewView,
  type VerifyRequest,
} from './review';
import {
  type RefuseRelocatedShopRequest,
  type RelocatedShopList,
  type RelocatedShopPage,
  type RelocatedShopQuery,
  type RelocatedShopRequest,
  type RelocatedShopsSummary,
  type RelocatedShopView,
} from './relocated-shops';
import {
  type CreateRoundRequest,
  type PoolAllocation,
  type PoolExportQuery,
  type PoolLedger,
  type PoolLedgerQuery,
  type RoundList,
  type RoundPoolParams,
  type RoundQuery,
  type RoundView,
} from './rounds';
import {
  type MonthlyFeedbackQuery,
  type MonthlyFiguresImportResult,
  type MonthlyFiguresList,
  type MonthlyFiguresParams,
  type MonthlyFiguresQuery,
  type MonthlyFiguresRecord,
  type ProvinceAverages,
  type PutMonthlyFiguresRequest,
  type PutProvinceAveragesRequest,
  type YearParams,
} from './statistics';
import {
  type CreateCrossBorderReferralRequest,
  type CreateLoanReferralRequest,
  type ReferralList,
  type ReferralQuery,
  type ReferralStatusRequest,
  type ReferralView,
} from './referrals';
import {
  type ParkEvaluationWorkspace,
  type ParkScoreParams,
  type PublishedParkEvaluation,
  type PublishedParkEvaluationYears,
  type PutParkCriteriaRequest,
  type PutParkScoresRequest,
} from './parks';
import {
  type PublicWhitelist,
  type WhitelistApplicationList,
  type WhitelistApplicationView,
  type WhitelistApplyRequest,
  type WhitelistFileParams,
  type WhitelistQueueQuery,
  type WhitelistReviewRequest,
} from './whitelist';
import {
  type HireRoster,
  type HireRowRequest,
  type RosterRowParams,
  type StreamerRoster,
  type StreamerRowRequest,
  type UpdateHireRowRequest,
  type UpdateStreamerRowRequest,
} from './rosters';

/** A record's id in a path: a positive integer, in decimal digits. */
export interface IdParams {
  /**
   * @asType integer
   * @minimum 1
   */
  id: number;
}

/** A firm's id in a path. */
export interface OrgIdParams {
  /**
   * @asType integer
   * @minimum 1
   */
  orgId: number;
}

/** An edition's id in a path, e.g. 2023 or demo-2026. */
export interface EditionIdParams {
  /** @maxLength 100 */
  id: string;
}

/** An application's material in a path. */
export interface MaterialParams extends IdParams {
  /**
   * A material id of the application's program, e.g. business-licence.
   * @maxLength 100
   */
  materialId: string;
}

/** The claim year a route reads, in decimal digits (1900 to 9999). */
export interface YearQuery {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year: number;
}

/** The firm a file is uploaded into. */
export interface UploadQuery {
  /**
   * @asType integer
   * @minimum 1
   */
  orgId: number;
}

/** A signed download link's query, as `POST /api/v1/files/:id/link` wrote it. */
export interface FileContentQuery {
  expires: string;
  signature: string;
  /** `1`: as an attachment (download) rather than to show inline. */
  download?: '1';
}

/** The bytes of a stored file, sent with its own media type. */
export type FileContent = string;

/**
 * Every operation of the API: what it takes (path `params`, `query`, `body`) and what it answers
 * (`response`; none for 204). The route table (OPERATIONS) says where each lives. The API's
 * controllers, its OpenAPI document (schemas generated from these types at build time) and the
 * typed client all read this one list.
 */
export interface ApiOperations {
  getHealth: { response: Health };

  wechatLogin: { body: WechatLoginRequest; response: Session };
  staffLogin: { body: StaffLoginRequest; response: Session };
  refreshSession: { body: RefreshRequest; response: Session };
  logout: { body: RefreshRequest };
  demoLogin: { body: DemoLoginRequest; response: Session };
  getMe: { response: SessionUser };

  listStaff: { query: StaffListQuery; response: StaffList };
  createStaff: { body: CreateStaffRequest; response: StaffAccountView };
  resetStaffPassword: { params: IdParams; response: StaffPasswordReset };
  disableStaff: { params: IdParams; response: StaffAccountView };
  enableStaff: { params: IdParams; response: StaffAccountView };

  createOrg: { body: CreateOrgRequest; response: OrgView };
  listMyOrgs: { response: OrgList };
  joinOrg: { body: JoinOrgRequest; response: OrgView };
  getOrg: { params: OrgIdParams; response: OrgView };
  updateOrg: { params: OrgIdParams; body: UpdateOrgRequest; response: OrgView };
  createInvite: { params: OrgIdParams; response: Invite };

  getFacts: { params: OrgIdParams; query: YearQuery; response: FactsView };
  putFacts: { params: OrgIdParams; query: YearQuery; body: PutFactsRequest; response: FactsView };
  getFactHistory: { params: OrgIdParams; query: YearQuery; response: FactHistory };

  listEditions: { response: EditionList };
  listPrograms: { query: YearQuery; response: ProgramCatalogue };
  getEdition: { params: EditionIdParams; response: EditionDocument };
  updateEditionDraft: { params: EditionIdParams; body: UpdateDraftRequest; response: EditionDocument };
  createEditionDraft: { params: EditionIdParams; body: CreateDraftRequest; response: EditionDocument };
  previewEdition: { params: EditionIdParams; response: EditionPreview };
  publishEdition: { params: EditionIdParams; response: EditionDocument };

  evaluateEligibility: { body: EvaluationRequest; response: EvaluationResponse };
  rankCommendations: { body: CommendationsRequest; response: CommendationsResponse };
  getOrgEligibility: { params: OrgIdParams; query: YearQuery; response: EvaluationResponse };

  uploadFile: { query: UploadQuery; body: UploadFileRequest; response: UploadResult };
  listOrgFiles: { params: OrgIdParams; response: FileLibrary };
  getFile: { params: IdParams; response: FileView };
  createFileLink: { params: IdParams; response: FileLink };
  getFileContent: { params: IdParams; query: FileContentQuery; response: FileContent };

  createApplication: { params: OrgIdParams; body: CreateApplicationRequest; response: ApplicationView };
  listApplications: { params: OrgIdParams; response: ApplicationList };
  getApplication: { params: IdParams; response: ApplicationView };
  updateApplication: { params: IdParams; body: UpdateApplicationRequest; response: ApplicationView };
  submitApplication: { params: IdParams; response: ApplicationView };
  withdrawApplication: { params: IdParams; response: ApplicationView };
  getApplicationHistory: { params: IdParams; response: ApplicationHistory };

  listMaterials: { params: IdParams; response: ApplicationMaterials };
  attachMaterial: { params: MaterialParams; body: AttachMaterialRequest; response: ApplicationMaterials };
  reviewMaterial: { params: MaterialParams; body: ReviewMaterialRequest; response: ApplicationMaterials };

  listRounds: { query: RoundQuery; response: RoundList };
  getRound: { params: IdParams; response: RoundView };
  createRound: { body: CreateRoundRequest; response: RoundView };
  allocatePool: { params: RoundPoolParams; response: PoolAllocation };
  getPoolLedger: { params: RoundPoolParams; query: PoolLedgerQuery; response: PoolLedger };
  exportPool: { params: RoundPoolParams; query: PoolExportQuery; response: FileContent };

  getReview: { params: IdParams; response: ReviewView };
  verifyApplication: { params: IdParams; body: VerifyRequest; response: ReviewView };
  approveApplication: { params: IdParams; body: ApproveRequest; response: ReviewView };
  returnApplication: { params: IdParams; body: ReturnRequest; response: ReviewView };
  rejectApplication: { params: IdParams; body: RejectRequest; response: ReviewView };
  recordPayment: { params: IdParams; body: PaymentRequest; response: ReviewView };
  closeApplication: { params: IdParams; response: ReviewView };
  resubmitApplication: { params: IdParams; response: ApplicationView };
  listReviewQueue: { query: ReviewQueueQuery; response: ReviewQueue };
  batchApprove: { body: BatchApproveRequest; response: BatchApproveResult };

  listPublicNotices: { query: PublicNoticeQuery; response: PublicNoticeList };
  fileObjection: { params: IdParams; body: ObjectionRequest; response: ObjectionView };
  ruleObjection: { params: IdParams; body: ObjectionRulingRequest; response: ObjectionView };
  getDemoClock: { response: DemoClockView };
  advanceDemoClock: { body: AdvanceDemoClockRequest; response: DemoClockAdvance };

  listNotifications: { query: NotificationQuery; response: NotificationList };
  markNotificationsRead: { body: MarkReadRequest; response: MarkReadResult };
  getNotificationSettings: { response: NotificationSettings };
  putNotificationSettings: { body: NotificationSettingsRequest; response: NotificationSettings };
  recordSubscriptions: { body: SubscriptionRequest; response: NotificationSettings };

  draftCommendations: { query: YearQuery; response: CommendationsDraft };
  publishCommendations: { body: PublishCommendationsRequest; response: CommendationPublication };
  listPublishedCommendations: { response: PublishedCommendationYears };
  getPublishedCommendations: { params: CommendationsYearParams; response: CommendationPublication };
  getTargets: { query: YearQuery; response: TargetsDashboard };
  recordTargetObservation: { body: TargetObservationRequest; response: TargetObservationView };
  createLoanReferral: { params: OrgIdParams; body: CreateLoanReferralRequest; response: ReferralView };
  createCrossBorderReferral: { params: OrgIdParams; body: CreateCrossBorderReferralRequest; response: ReferralView };
  listOrgReferrals: { params: OrgIdParams; response: ReferralList };
  getReferral: { params: IdParams; response: ReferralView };
  withdrawReferral: { params: IdParams; response: ReferralView };
  listReferrals: { query: ReferralQuery; response: ReferralList };
  updateReferralStatus: { params: IdParams; body: ReferralStatusRequest; response: ReferralView };
  exportReferral: { params: IdParams; response: FileContent };

  listParkEvaluations: { response: PublishedParkEvaluationYears };
  getParkEvaluation: { params: YearParams; response: PublishedParkEvaluation };
  getParkEvaluationWorkspace: { params: YearParams; response: ParkEvaluationWorkspace };
  putParkCriteria: { params: YearParams; body: PutParkCriteriaRequest; response: ParkEvaluationWorkspace };
  putParkScores: { params: ParkScoreParams; body: PutParkScoresRequest; response: ParkEvaluationWorkspace };
  publishParkEvaluation: { params: YearParams; response: ParkEvaluationWorkspace };

  listAudit: { query: AuditQuery; response: AuditLog };
  verifyAudit: { response: AuditVerification };
  listOutbox: { query: OutboxQuery; response: OutboxPage };

  registerRelocatedShop: { params: OrgIdParams; body: RelocatedShopRequest; response: RelocatedShopView };
  listOrgRelocatedShops: { params: OrgIdParams; response: RelocatedShopList };
  listRelocatedShops: { query: RelocatedShopQuery; response: RelocatedShopPage };
  getRelocatedShopsSummary: { query: YearQuery; response: RelocatedShopsSummary };
  getRelocatedShop: { params: IdParams; response: RelocatedShopView };
  verifyRelocatedShop: { params: IdParams; response: RelocatedShopView };
  refuseRelocatedShop: { params: IdParams; body: RefuseRelocatedShopRequest; response: RelocatedShopView };
  resubmitRelocatedShop: { params: IdParams; body: RelocatedShopRequest; response: RelocatedShopView };
  listMonthlyFigures: { query: MonthlyFiguresQuery; response: MonthlyFiguresList };
  putMonthlyFigures: { params: MonthlyFiguresParams; body: PutMonthlyFiguresRequest; response: MonthlyFiguresRecord };
  importMonthlyFigures: { body: UploadFileRequest; response: MonthlyFiguresImportResult };
  getMonthlyFiguresTemplate: { response: FileContent };
  getMonthlyFeedback: { query: MonthlyFeedbackQuery; response: FileContent };
  putProvinceAverages: { params: YearParams; body: PutProvinceAveragesRequest; response: ProvinceAverages };
  applyWhitelist: { params: OrgIdParams; body: WhitelistApplyRequest; response: WhitelistApplicationView };
  listOrgWhitelistApplications: { params: OrgIdParams; response: WhitelistApplicationList };
  listWhitelistApplications: { query: WhitelistQueueQuery; response: WhitelistApplicationList };
  getWhitelistApplication: { params: IdParams; response: WhitelistApplicationView };
  reviewWhitelistApplication: { params: IdParams; body: WhitelistReviewRequest; response: WhitelistApplicationView };
  listWhitelist: { query: YearQuery; response: PublicWhitelist };
  linkWhitelistFile: { params: WhitelistFileParams; response: FileLink };

  getHireRoster: { params: OrgIdParams; query: YearQuery; response: HireRoster };
  addHire: { params: OrgIdParams; query: YearQuery; body: HireRowRequest; response: HireRoster };
  updateHire: { params: RosterRowParams; body: UpdateHireRowRequest; response: HireRoster };
  removeHire: { params: RosterRowParams; response: HireRoster };
  getStreamerRoster: { params: OrgIdParams; query: YearQuery; response: StreamerRoster };
  addStreamer: { params: OrgIdParams; query: YearQuery; body: StreamerRowRequest; response: StreamerRoster };
  updateStreamer: { params: RosterRowParams; body: UpdateStreamerRowRequest; response: StreamerRoster };
  removeStreamer: { params: RosterRowParams; response: StreamerRoster };
}

export type OperationId = keyof ApiOperations;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The features, as the document groups operations. */
export type OperationTag =
  | 'health'
  | 'auth'
  | 'orgs'
  | 'facts'
  | 'editions'
  | 'eligibility'
  | 'files'
  | 'applications'
  | 'materials'
  | 'rounds'
  | 'review'
  | 'notices'
  | 'notifications'
  | 'relocated-shops'
  | 'commendations'
  | 'targets'
  | 'audit'
  | 'audit'
  | 'statistics'
  | 'referrals'
  | 'parks'
  | 'audit'
  | 'audit'
  | 'whitelist'
  | 'rosters';

/** Where an operation lives and how it travels. */
export interface OperationRoute {
  method: HttpMethod;
  /** The path with `{name}` for each path parameter. */
  path: string;
  /** The status of a success. */
  status: 200 | 201 | 204;
  /** `public`: anyone (a token, if sent, identifies the caller); `signed-in`: an access token is required. */
  access: 'public' | 'signed-in';
  /** How the body travels, for operations with one: JSON unless said otherwise. */
  body?: 'json' | 'multipart';
  /** How the answer travels: JSON unless said otherwise (`file`: the stored file's own bytes). */
  response?: 'json' | 'file';
  /** The media types a `file` answer comes as, when not a stored upload's (an export's). */
  mediaTypes?: readonly string[];
  /** What a sign-in route does to the client's session. */
  session?: 'opens' | 'closes';
  /** Exists only where the deployment enables it (AUTH_DEMO=1). */
  optional?: true;
  tag: OperationTag;
  /** One line, in Chinese, for the reference. */
  summary: string;
  /** The codes this operation answers beyond those every route, body or sign-in can (see the API's document). */
  errors: readonly ErrorCode[];
}

const WECHAT_ERRORS = [
  'WECHAT_CODE_INVALID',
  'WECHAT_RATE_LIMITED',
  'WECHAT_USER_BLOCKED',
  'WECHAT_BUSY',
  'WECHAT_UNAVAILABLE',
] as const;

export const OPERATIONS = {
  getHealth: {
    method: 'GET',
    path: '/api/health',
    status: 200,
    access: 'public',
    tag: 'health',
    summary: '服务与数据库状态',
    errors: [],
  },

  wechatLogin: {
    method: 'POST',
    path: '/api/v1/auth/wechat',
    status: 200,
    access: 'public',
    session: 'opens',
    tag: 'auth',
    summary: '微信登录：用 wx.login 的 code 换取会话',
    errors: WECHAT_ERRORS,
  },
  staffLogin: {
    method: 'POST',
    path: '/api/v1/auth/staff',
    status: 200,
    access: 'public',
    session: 'opens',
    tag: 'auth',
    summary: '工作人员用户名密码登录（已停用的账号在密码正确后答"账号已停用"）',
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  },
  refreshSession: {
    method: 'POST',
    path: '/api/v1/auth/refresh',
    status: 200,
    access: 'public',
    session: 'opens',
    tag: 'auth',
    summary: '用 refreshToken 换取新的会话（旧的随即失效）',
    errors: ['UNAUTHENTICATED'],
  },
  logout: {
    method: 'POST',
    path: '/api/v1/auth/logout',
    status: 204,
    access: 'public',
    session: 'closes',
    tag: 'auth',
    summary: '退出登录：吊销该会话的全部令牌',
    errors: [],
  },
  demoLogin: {
    method: 'POST',
    path: '/api/v1/auth/demo',
    status: 200,
    access: 'public',
    session: 'opens',
    optional: true,
    tag: 'auth',
    summary: '演示登录（仅 AUTH_DEMO=1 时存在）',
    errors: ['CONFLICT'],
  },
  getMe: {
    method: 'GET',
    path: '/api/v1/me',
    status: 200,
    access: 'signed-in',
    tag: 'auth',
    summary: '当前登录的账号',
    errors: [],
  },

  listStaff: {
    method: 'GET',
    path: '/api/v1/staff',
    status: 200,
    access: 'signed-in',
    tag: 'auth',
    summary: '工作人员账号（系统管理员）：按角色、县（市、区）、是否停用筛选，分页',
    errors: ['FORBIDDEN'],
  },
  createStaff: {
    method: 'POST',
    path: '/api/v1/staff',
    status: 201,
    access: 'signed-in',
    tag: 'auth',
    summary: '新建工作人员账号（系统管理员），规则与 npm run staff -- create 相同',
    errors: ['FORBIDDEN', 'CONFLICT'],
  },
  resetStaffPassword: {
    method: 'POST',
    path: '/api/v1/staff/{id}/password',
    status: 200,
    access: 'signed-in',
    tag: 'auth',
    summary: '重置工作人员密码（系统管理员）：生成新密码，仅此一次答出，并结束该账号的全部会话',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  disableStaff: {
    method: 'POST',
    path: '/api/v1/staff/{id}/disable',
    status: 200,
    access: 'signed-in',
    tag: 'auth',
    summary: '停用工作人员账号（系统管理员）：立即不能登录，会话与令牌随即失效',
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  enableStaff: {
    method: 'POST',
    path: '/api/v1/staff/{id}/enable',
    status: 200,
    access: 'signed-in',
    tag: 'auth',
    summary: '启用已停用的工作人员账号（系统管理员）',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },

  createOrg: {
    method: 'POST',
    path: '/api/v1/orgs',
    status: 201,
    access: 'signed-in',
    tag: 'orgs',
    summary: '以统一社会信用代码注册企业，注册人成为企业管理员',
    errors: ['CONFLICT'],
  },
  listMyOrgs: {
    method: 'GET',
    path: '/api/v1/orgs',
    status: 200,
    access: 'signed-in',
    tag: 'orgs',
    summary: '我所属的企业',
    errors: [],
  },
  joinOrg: {
    method: 'POST',
    path: '/api/v1/orgs/join',
    status: 200,
    access: 'signed-in',
    tag: 'orgs',
    summary: '凭邀请码加入企业',
    errors: ['CONFLICT'],
  },
  getOrg: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}',
    status: 200,
    access: 'signed-in',
    tag: 'orgs',
    summary: '企业信息',
    errors: [],
  },
  updateOrg: {
    method: 'PATCH',
    path: '/api/v1/orgs/{orgId}',
    status: 200,
    access: 'signed-in',
    tag: 'orgs',
    summary: '修改企业信息（企业管理员）',
    errors: [],
  },
  createInvite: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/invites',
    status: 201,
    access: 'signed-in',
    tag: 'orgs',
    summary: '生成一次性邀请码（8位，7天内有效）',
    errors: [],
  },

  getFacts: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/facts',
    status: 200,
    access: 'signed-in',
    tag: 'facts',
    summary: '企业某申报年度的经营情况（事实）及其来源',
    errors: [],
  },
  putFacts: {
    method: 'PUT',
    path: '/api/v1/orgs/{orgId}/facts',
    status: 200,
    access: 'signed-in',
    tag: 'facts',
    summary: '填报或清除企业某申报年度的事实',
    errors: [],
  },
  getFactHistory: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/facts/history',
    status: 200,
    access: 'signed-in',
    tag: 'facts',
    summary: '事实的修改记录（最新在前，最多500条）',
    errors: [],
  },

  listEditions: {
    method: 'GET',
    path: '/api/v1/editions',
    status: 200,
    access: 'public',
    tag: 'editions',
    summary: '政策版本列表',
    errors: [],
  },
  listPrograms: {
    method: 'GET',
    path: '/api/v1/programs',
    status: 200,
    access: 'public',
    tag: 'editions',
    summary: '某申报年度施行中的政策版本及其资金奖励项目',
    errors: ['NO_EDITION'],
  },
  getEdition: {
    method: 'GET',
    path: '/api/v1/editions/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'editions',
    summary: '政策版本全文（草稿，或已发布版本的最新版次）',
    errors: [],
  },
  updateEditionDraft: {
    method: 'PATCH',
    path: '/api/v1/editions/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'editions',
    summary: '以 JSON merge patch 修改草稿（校验后保存）',
    errors: ['CONFLICT'],
  },
  createEditionDraft: {
    method: 'POST',
    path: '/api/v1/editions/{id}/drafts',
    status: 201,
    access: 'signed-in',
    tag: 'editions',
    summary: '复制政策版本为新草稿',
    errors: ['CONFLICT'],
  },
  previewEdition: {
    method: 'GET',
    path: '/api/v1/editions/{id}/preview',
    status: 200,
    access: 'signed-in',
    tag: 'editions',
    summary: '草稿对全部企业的影响预览（谁新符合、谁不再符合、各资金池需求）',
    errors: ['NO_EDITION'],
  },
  publishEdition: {
    method: 'POST',
    path: '/api/v1/editions/{id}/publish',
    status: 200,
    access: 'signed-in',
    tag: 'editions',
    summary: '发布草稿（发布后不可修改）',
    errors: ['CONFLICT'],
  },

  evaluateEligibility: {
    method: 'POST',
    path: '/api/v1/eligibility',
    status: 200,
    access: 'public',
    tag: 'eligibility',
    summary: '按评估契约评估一家企业的资格（无需登录）',
    errors: ['NO_EDITION'],
  },
  rankCommendations: {
    method: 'POST',
    path: '/api/v1/commendations',
    status: 200,
    access: 'public',
    tag: 'eligibility',
    summary: '县（市、区）表彰排名（措施一、四、五）',
    errors: ['NO_EDITION'],
  },
  getOrgEligibility: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/eligibility',
    status: 200,
    access: 'signed-in',
    tag: 'eligibility',
    summary: '按企业已填报的事实评估资格',
    errors: ['NO_EDITION'],
  },

  uploadFile: {
    method: 'POST',
    path: '/api/v1/files',
    status: 201,
    access: 'signed-in',
    body: 'multipart',
    tag: 'files',
    summary: '上传一个文件到企业文件库（multipart/form-data，字段名 file）',
    errors: ['NOT_FOUND', 'FILE_TOO_LARGE', 'UNSUPPORTED_FILE_TYPE', 'MALFORMED_MULTIPART', 'TOO_MANY_FIELDS'],
  },
  listOrgFiles: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/files',
    status: 200,
    access: 'signed-in',
    tag: 'files',
    summary: '企业文件库：每个文件及其用途和有效期',
    errors: [],
  },
  getFile: {
    method: 'GET',
    path: '/api/v1/files/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'files',
    summary: '文件信息',
    errors: [],
  },
  createFileLink: {
    method: 'POST',
    path: '/api/v1/files/{id}/link',
    status: 200,
    access: 'signed-in',
    tag: 'files',
    summary: '生成几分钟内有效的签名下载链接',
    errors: [],
  },
  getFileContent: {
    method: 'GET',
    path: '/api/v1/files/{id}/content',
    status: 200,
    access: 'public',
    response: 'file',
    tag: 'files',
    summary: '凭签名链接下载文件（签名即授权）',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },

  createApplication: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/applications',
    status: 201,
    access: 'signed-in',
    tag: 'applications',
    summary: '创建申报草稿（带当时的事实快照）',
    errors: ['CONFLICT', 'NO_EDITION'],
  },
  listApplications: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/applications',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '企业的申报（最新在前）',
    errors: [],
  },
  getApplication: {
    method: 'GET',
    path: '/api/v1/applications/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '申报详情',
    errors: [],
  },
  updateApplication: {
    method: 'PATCH',
    path: '/api/v1/applications/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '修改申报草稿的事实，或重新取企业当前的事实',
    errors: ['INVALID_TRANSITION'],
  },
  submitApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/submit',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '提交申报：在申报时间内、符合条件且必交材料齐全',
    errors: ['INVALID_TRANSITION', 'NOT_ELIGIBLE', 'OUTSIDE_WINDOW', 'MATERIALS_MISSING'],
  },
  withdrawApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/withdraw',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '撤回申报（作出决定之前）',
    errors: ['INVALID_TRANSITION'],
  },
  getApplicationHistory: {
    method: 'GET',
    path: '/api/v1/applications/{id}/history',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '申报的变更记录（最早在前，最多200条；操作人只显示角色）',
    errors: [],
  },

  listMaterials: {
    method: 'GET',
    path: '/api/v1/applications/{id}/materials',
    status: 200,
    access: 'signed-in',
    tag: 'materials',
    summary: '申报要求的材料及各材料的文件与审核情况',
    errors: [],
  },
  attachMaterial: {
    method: 'PUT',
    path: '/api/v1/applications/{id}/materials/{materialId}',
    status: 200,
    access: 'signed-in',
    tag: 'materials',
    summary: '把文件库中的文件放入材料（草稿，或被退回的材料）',
    errors: ['INVALID_TRANSITION', 'FILE_TOO_LARGE'],
  },
  reviewMaterial: {
    method: 'POST',
    path: '/api/v1/applications/{id}/materials/{materialId}/review',
    status: 200,
    access: 'signed-in',
    tag: 'materials',
    summary: '审核员通过或退回一项材料',
    errors: ['INVALID_TRANSITION'],
  },

  listRounds: {
    method: 'GET',
    path: '/api/v1/rounds',
    status: 200,
    access: 'public',
    tag: 'rounds',
    summary: '申报批次：各批次的申报时间、项目和资金池',
    errors: [],
  },
  getRound: {
    method: 'GET',
    path: '/api/v1/rounds/{id}',
    status: 200,
    access: 'public',
    tag: 'rounds',
    summary: '一个申报批次',
    errors: ['NOT_FOUND'],
  },
  createRound: {
    method: 'POST',
    path: '/api/v1/rounds',
    status: 201,
    access: 'signed-in',
    tag: 'rounds',
    summary: '发布申报批次（市级审核员、管理员）：申报时间、项目、各资金池额度及超额时的分配方式',
    errors: ['NO_EDITION', 'CONFLICT'],
  },
  allocatePool: {
    method: 'POST',
    path: '/api/v1/rounds/{id}/pools/{poolId}/allocate',
    status: 200,
    access: 'signed-in',
    tag: 'rounds',
    summary: '按比例分配资金池：本批次市级复审通过的奖补按同一比例核减（向下取整到分）',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT'],
  },
  getPoolLedger: {
    method: 'GET',
    path: '/api/v1/rounds/{id}/pools/{poolId}/ledger',
    status: 200,
    access: 'signed-in',
    tag: 'rounds',
    summary: '资金池台账：预留、确认、释放、拨付的每一笔及奖补清单，分页（每页20条）',
    errors: ['NOT_FOUND'],
  },
  exportPool: {
    method: 'GET',
    path: '/api/v1/rounds/{id}/pools/{poolId}/export',
    status: 200,
    access: 'signed-in',
    response: 'file',
    mediaTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    tag: 'rounds',
    summary: '导出资金池奖补清单（Excel 或 CSV），合计与台账一致',
    errors: ['NOT_FOUND'],
  },

  getReview: {
    method: 'GET',
    path: '/api/v1/applications/{id}/review',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '审核视图：逐条核实条件、核定金额上限、可进行的操作',
    errors: ['NOT_FOUND'],
  },
  verifyApplication: {
    method: 'PUT',
    path: '/api/v1/applications/{id}/verification',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '逐条核实条件：确认或按材料更正事实，审核认定的条件给出结论',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  approveApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/approve',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '审核通过本环节；市级复审核定金额（只能调低并说明理由），超过限额需第二人复核',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'NOT_VERIFIED', 'POOL_EXHAUSTED', 'CONFLICT'],
  },
  returnApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/return',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '退回补正：逐项写明原因和补正期限',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  rejectApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/reject',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '审核不通过（写明理由）；已预留的资金释放',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  recordPayment: {
    method: 'POST',
    path: '/api/v1/applications/{id}/payment',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '登记拨付（财政人员）：凭证号和拨付日期',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  closeApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/close',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '办结已拨付的申报',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  resubmitApplication: {
    method: 'POST',
    path: '/api/v1/applications/{id}/resubmit',
    status: 200,
    access: 'signed-in',
    tag: 'applications',
    summary: '补正后重新提交：回到退回它的审核环节',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION', 'NOT_ELIGIBLE', 'MATERIALS_MISSING'],
  },
  listReviewQueue: {
    method: 'GET',
    path: '/api/v1/review/queue',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '待办队列：按环节、县（市、区）、项目、批次、是否超期筛选，期限最早的在前',
    errors: [],
  },
  batchApprove: {
    method: 'POST',
    path: '/api/v1/review/batch-approve',
    status: 200,
    access: 'signed-in',
    tag: 'review',
    summary: '批量审核通过：逐件检查，各自成败',
    errors: [],
  },

  listPublicNotices: {
    method: 'GET',
    path: '/api/v1/public/notices',
    status: 200,
    access: 'public',
    tag: 'notices',
    summary: '公示名单（无需登录）：企业名称、项目、金额、公示期',
    errors: [],
  },
  fileObjection: {
    method: 'POST',
    path: '/api/v1/applications/{id}/objections',
    status: 201,
    access: 'signed-in',
    tag: 'notices',
    summary: '公示期内提出异议（实名，附依据）',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  ruleObjection: {
    method: 'POST',
    path: '/api/v1/objections/{id}/ruling',
    status: 200,
    access: 'signed-in',
    tag: 'notices',
    summary: '处理异议（市级审核员）：成立则退回复审，不成立写明理由',
    errors: ['NOT_FOUND', 'INVALID_TRANSITION'],
  },
  getDemoClock: {
    method: 'GET',
    path: '/api/v1/demo/clock',
    status: 200,
    access: 'public',
    tag: 'notices',
    summary: '演示时钟：接口的当前日期（演示环境可快进）',
    errors: [],
  },
  advanceDemoClock: {
    method: 'POST',
    path: '/api/v1/demo/clock',
    status: 200,
    access: 'signed-in',
    tag: 'notices',
    summary: '演示时钟快进（仅演示环境，系统管理员）：随后结束已期满的公示',
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },

  listNotifications: {
    method: 'GET',
    path: '/api/v1/me/notifications',
    status: 200,
    access: 'signed-in',
    tag: 'notifications',
    summary: '我的消息：申报进度、提醒、政策匹配，最新的在前，附未读数',
    errors: [],
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/v1/me/notifications/read',
    status: 200,
    access: 'signed-in',
    tag: 'notifications',
    summary: '标记消息为已读（指定的或全部）',
    errors: [],
  },
  getNotificationSettings: {
    method: 'GET',
    path: '/api/v1/me/notification-settings',
    status: 200,
    access: 'signed-in',
    tag: 'notifications',
    summary: '订阅消息额度与消息设置',
    errors: [],
  },
  putNotificationSettings: {
    method: 'PUT',
    path: '/api/v1/me/notification-settings',
    status: 200,
    access: 'signed-in',
    tag: 'notifications',
    summary: '修改消息设置（是否接收政策匹配提醒）',
    errors: [],
  },
  recordSubscriptions: {
    method: 'POST',
    path: '/api/v1/me/subscriptions',
    status: 200,
    access: 'signed-in',
    tag: 'notifications',
    summary: '记录用户在小程序中同意的订阅消息（每次同意可发送一条）',
    errors: [],
  },

  draftCommendations: {
    method: 'GET',
    path: '/api/v1/commendations/draft',
    status: 200,
    access: 'signed-in',
    tag: 'commendations',
    summary: '按已录入的月度数据和全省平均计算当年通报表扬名单（市级审核员、管理员；未发布）',
    errors: ['CONFLICT', 'NO_EDITION'],
  },
  publishCommendations: {
    method: 'POST',
    path: '/api/v1/commendations/publications',
    status: 201,
    access: 'signed-in',
    tag: 'commendations',
    summary: '发布当年通报表扬名单（市级审核员）：冻结计算所用数据与结果，新版本取代旧版本，旧版本保留',
    errors: ['CONFLICT', 'NO_EDITION'],
  },
  listPublishedCommendations: {
    method: 'GET',
    path: '/api/v1/commendations/publications',
    status: 200,
    access: 'public',
    tag: 'commendations',
    summary: '已发布通报表扬名单的年份（各年最新版本）',
    errors: [],
  },
  getPublishedCommendations: {
    method: 'GET',
    path: '/api/v1/commendations/publications/{year}',
    status: 200,
    access: 'public',
    tag: 'commendations',
    summary: '某年已发布的通报表扬名单（最新版本），及该年各版本',
    errors: ['NOT_FOUND'],
  },
  getTargets: {
    method: 'GET',
    path: '/api/v1/targets',
    status: 200,
    access: 'signed-in',
    tag: 'targets',
    summary: '2023年目标看板：各项目标与逐月累计的监测数据、录入的观测值（市、县审核员，管理员）',
    errors: [],
  },
  recordTargetObservation: {
    method: 'POST',
    path: '/api/v1/targets/observations',
    status: 201,
    access: 'signed-in',
    tag: 'targets',
    summary: '录入月度数据无法给出的目标指标（按日期的数量，市级审核员、管理员）',
    errors: [],
  },
  createLoanReferral: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/referrals/loan',
    status: 201,
    access: 'signed-in',
    tag: 'referrals',
    summary: '申请“齐鲁电商贷”转介（第十一条：单户10万元至1000万元），须同意向合作银行提供企业数据摘要',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  createCrossBorderReferral: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/referrals/cross-border',
    status: 201,
    access: 'signed-in',
    tag: 'referrals',
    summary: '申请跨境电商转介（第七条：纳入一类出口企业范围），填写出口情况与需求',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  listOrgReferrals: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/referrals',
    status: 200,
    access: 'signed-in',
    tag: 'referrals',
    summary: '本企业的转介申请及进度',
    errors: ['NOT_FOUND'],
  },
  getReferral: {
    method: 'GET',
    path: '/api/v1/referrals/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'referrals',
    summary: '一项转介申请（本企业成员、市级审核员、管理员）',
    errors: ['NOT_FOUND'],
  },
  withdrawReferral: {
    method: 'POST',
    path: '/api/v1/referrals/{id}/withdraw',
    status: 200,
    access: 'signed-in',
    tag: 'referrals',
    summary: '企业撤回转介申请（推荐之前；撤回后不再导出企业数据）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  listReferrals: {
    method: 'GET',
    path: '/api/v1/referrals',
    status: 200,
    access: 'signed-in',
    tag: 'referrals',
    summary: '转介跟踪：全市的贷款与跨境电商转介（市级审核员、管理员）',
    errors: [],
  },
  updateReferralStatus: {
    method: 'POST',
    path: '/api/v1/referrals/{id}/status',
    status: 200,
    access: 'signed-in',
    tag: 'referrals',
    summary: '更新转介进度：已受理 → 已推荐 → 已放款（已纳入）/ 未获批（须写明原因）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  exportReferral: {
    method: 'GET',
    path: '/api/v1/referrals/{id}/export',
    status: 200,
    access: 'signed-in',
    response: 'file',
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    tag: 'referrals',
    summary: '导出企业数据摘要（Excel，供合作银行；须企业同意且未撤回，导出记入审计日志）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },

  listParkEvaluations: {
    method: 'GET',
    path: '/api/v1/park-evaluations',
    status: 200,
    access: 'public',
    tag: 'parks',
    summary: '已公布园区综合评价的年度（从新到旧），无需登录',
    errors: [],
  },
  getParkEvaluation: {
    method: 'GET',
    path: '/api/v1/park-evaluations/{year}',
    status: 200,
    access: 'public',
    tag: 'parks',
    summary: '已公布的电商产业园区年度综合评价排名（第八条），无需登录',
    errors: ['NOT_FOUND'],
  },
  getParkEvaluationWorkspace: {
    method: 'GET',
    path: '/api/v1/park-evaluations/{year}/workspace',
    status: 200,
    access: 'signed-in',
    tag: 'parks',
    summary: '园区评价工作台：指标与权重、各园区得分、当前排名（市级审核员、管理员）',
    errors: [],
  },
  putParkCriteria: {
    method: 'PUT',
    path: '/api/v1/park-evaluations/{year}/criteria',
    status: 200,
    access: 'signed-in',
    tag: 'parks',
    summary: '设置年度评价指标和权重（管理员；权重合计10000基点，公布前可修改）',
    errors: ['CONFLICT'],
  },
  putParkScores: {
    method: 'PUT',
    path: '/api/v1/park-evaluations/{year}/parks/{orgId}/scores',
    status: 200,
    access: 'signed-in',
    tag: 'parks',
    summary: '录入园区各项指标得分（市级审核员；0–100分，公布前可修改）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  publishParkEvaluation: {
    method: 'POST',
    path: '/api/v1/park-evaluations/{year}/publish',
    status: 200,
    access: 'signed-in',
    tag: 'parks',
    summary: '公布年度园区综合评价排名（市级审核员）',
    errors: ['CONFLICT'],
  },

  listAudit: {
    method: 'GET',
    path: '/api/v1/audit',
    status: 200,
    access: 'signed-in',
    tag: 'audit',
    summary: '审计日志（系统管理员；个人信息已脱敏）',
    errors: [],
  },
  verifyAudit: {
    method: 'GET',
    path: '/api/v1/audit/verify',
    status: 200,
    access: 'signed-in',
    tag: 'audit',
    summary: '校验审计日志哈希链：完整，或第一处断开的记录',
    errors: [],
  },
  listOutbox: {
    method: 'GET',
    path: '/api/v1/outbox',
    status: 200,
    access: 'signed-in',
    tag: 'audit',
    summary: '变更事件（供通知投递），分页',
    errors: [],
  },

  registerRelocatedShop: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/relocated-shops',
    status: 201,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '登记迁入店铺（措施五）：平台、店铺ID或链接、所在县（市、区）、迁入日期；同一店铺全市只能登记一次',
    errors: ['CONFLICT'],
  },
  listOrgRelocatedShops: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/relocated-shops',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '本企业登记的迁入店铺及核实状态（最新在前）',
    errors: [],
  },
  listRelocatedShops: {
    method: 'GET',
    path: '/api/v1/relocated-shops',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary:
      '迁入店铺核实列表（县级审核员：本县；市级审核员、管理员：全部）：按县（市、区）、状态筛选，待核实在前，分页',
    errors: ['FORBIDDEN'],
  },
  getRelocatedShopsSummary: {
    method: 'GET',
    path: '/api/v1/relocated-shops/summary',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '已核实迁入店铺统计：各县（市、区）、各月数量，及措施五“回迁市内店铺超过180家”的目标',
    errors: ['FORBIDDEN'],
  },
  getRelocatedShop: {
    method: 'GET',
    path: '/api/v1/relocated-shops/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '一家迁入店铺的登记与核实情况',
    errors: ['NOT_FOUND'],
  },
  verifyRelocatedShop: {
    method: 'POST',
    path: '/api/v1/relocated-shops/{id}/verify',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '核实迁入店铺（店铺所在县（市、区）审核员）',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
  },
  refuseRelocatedShop: {
    method: 'POST',
    path: '/api/v1/relocated-shops/{id}/refuse',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '迁入店铺核实不通过（写明理由，企业可修改后重新提交）',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
  },
  resubmitRelocatedShop: {
    method: 'POST',
    path: '/api/v1/relocated-shops/{id}/resubmit',
    status: 200,
    access: 'signed-in',
    tag: 'relocated-shops',
    summary: '修改未通过核实的迁入店铺登记并重新提交',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  listMonthlyFigures: {
    method: 'GET',
    path: '/api/v1/statistics/figures',
    status: 200,
    access: 'signed-in',
    tag: 'statistics',
    summary: '运行监测（第十二条）：一年中各县（市、区）逐月数据与全省平均（县级审核员只见本县）',
    errors: ['FORBIDDEN'],
  },
  putMonthlyFigures: {
    method: 'PUT',
    path: '/api/v1/statistics/figures/{county}/{year}/{month}',
    status: 200,
    access: 'signed-in',
    tag: 'statistics',
    summary: '填报或修改一个县（市、区）某月的监测数据（修改须带 expectedVersion），留痕',
    errors: ['FORBIDDEN', 'CONFLICT'],
  },
  importMonthlyFigures: {
    method: 'POST',
    path: '/api/v1/statistics/import',
    status: 200,
    access: 'signed-in',
    body: 'multipart',
    tag: 'statistics',
    summary:
      '导入逐月监测数据（.xlsx 或 UTF-8/GBK 编码的 .csv，字段名 file）：有一行有误则全部不导入，逐行逐列列出问题',
    errors: ['FORBIDDEN', 'CONFLICT', 'IMPORT_INVALID', 'FILE_TOO_LARGE', 'MALFORMED_MULTIPART', 'TOO_MANY_FIELDS'],
  },
  getMonthlyFiguresTemplate: {
    method: 'GET',
    path: '/api/v1/statistics/template',
    status: 200,
    access: 'signed-in',
    response: 'file',
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    tag: 'statistics',
    summary: '下载逐月监测数据导入模板（Excel，含表头）',
    errors: ['FORBIDDEN'],
  },
  getMonthlyFeedback: {
    method: 'GET',
    path: '/api/v1/statistics/feedback',
    status: 200,
    access: 'signed-in',
    response: 'file',
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    tag: 'statistics',
    summary: '下载某县（市、区）某月的运行监测反馈表（Excel）：当月与本年累计、增幅与占比对比全省平均、全市排名与合计',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  putProvinceAverages: {
    method: 'PUT',
    path: '/api/v1/statistics/averages/{year}',
    status: 200,
    access: 'signed-in',
    tag: 'statistics',
    summary: '设置某年的全省平均（网络零售额增幅、实物商品网络零售额占比，单位基点），留痕',
    errors: ['FORBIDDEN'],
  },
  applyWhitelist: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/whitelist-applications',
    status: 201,
    access: 'signed-in',
    tag: 'whitelist',
    summary:
      '申请推荐入选全省电商生态链企业“白名单”（第八条）：简介、申请类别、无违法违规和不良信用记录的声明、佐证文件',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  listOrgWhitelistApplications: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/whitelist-applications',
    status: 200,
    access: 'signed-in',
    tag: 'whitelist',
    summary: '本企业的白名单推荐申请及审核结果',
    errors: ['NOT_FOUND'],
  },
  listWhitelistApplications: {
    method: 'GET',
    path: '/api/v1/whitelist/applications',
    status: 200,
    access: 'signed-in',
    tag: 'whitelist',
    summary: '白名单推荐申请（市级审核员、管理员），可按年度和状态筛选',
    errors: [],
  },
  getWhitelistApplication: {
    method: 'GET',
    path: '/api/v1/whitelist/applications/{id}',
    status: 200,
    access: 'signed-in',
    tag: 'whitelist',
    summary: '一份白名单推荐申请',
    errors: ['NOT_FOUND'],
  },
  reviewWhitelistApplication: {
    method: 'POST',
    path: '/api/v1/whitelist/applications/{id}/review',
    status: 200,
    access: 'signed-in',
    tag: 'whitelist',
    summary: '市级审核员推荐或不予推荐（须说明理由）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  listWhitelist: {
    method: 'GET',
    path: '/api/v1/whitelist',
    status: 200,
    access: 'public',
    tag: 'whitelist',
    summary: '某年度推荐入选白名单的企业（无需登录）：名称、类别、所在县区、年度',
    errors: [],
  },
  linkWhitelistFile: {
    method: 'POST',
    path: '/api/v1/whitelist/applications/{id}/files/{fileId}/link',
    status: 200,
    access: 'signed-in',
    tag: 'whitelist',
    summary: '白名单推荐申请的佐证文件：有效期数分钟的下载链接（企业成员、市级审核员、管理员）',
    errors: ['NOT_FOUND'],
  },

  getHireRoster: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/rosters/hires',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '电商人才就业名册（第九条，电商企业）：每人是否计入及原因、计入人数（身份证号已脱敏）',
    errors: ['NOT_FOUND'],
  },
  addHire: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/rosters/hires',
    status: 201,
    access: 'signed-in',
    tag: 'rosters',
    summary: '向电商人才就业名册添加一人（校验身份证号，同一人不能重复），人数随之更新',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  updateHire: {
    method: 'PUT',
    path: '/api/v1/orgs/{orgId}/rosters/hires/{rowId}',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '修改电商人才就业名册中的一人（不填身份证号则保持不变）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  removeHire: {
    method: 'DELETE',
    path: '/api/v1/orgs/{orgId}/rosters/hires/{rowId}',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '从电商人才就业名册删除一人，人数随之更新',
    errors: ['NOT_FOUND'],
  },
  getStreamerRoster: {
    method: 'GET',
    path: '/api/v1/orgs/{orgId}/rosters/streamers',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '主播培训名册（第九条，培训机构）：每人是否计入及原因、计入人数（身份证号已脱敏）',
    errors: ['NOT_FOUND'],
  },
  addStreamer: {
    method: 'POST',
    path: '/api/v1/orgs/{orgId}/rosters/streamers',
    status: 201,
    access: 'signed-in',
    tag: 'rosters',
    summary: '向主播培训名册添加一人（校验身份证号，同一人不能重复），人数随之更新',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  updateStreamer: {
    method: 'PUT',
    path: '/api/v1/orgs/{orgId}/rosters/streamers/{rowId}',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '修改主播培训名册中的一人（不填身份证号则保持不变）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  removeStreamer: {
    method: 'DELETE',
    path: '/api/v1/orgs/{orgId}/rosters/streamers/{rowId}',
    status: 200,
    access: 'signed-in',
    tag: 'rosters',
    summary: '从主播培训名册删除一人，人数随之更新',
    errors: ['NOT_FOUND'],
  },
} as const satisfies { readonly [K in OperationId]: OperationRoute };

/** What an operation takes, field by field (absent: it takes none). */
export type ParamsOf<K extends OperationId> = ApiOperations[K] extends { params: infer P } ? P : undefined;
export type QueryOf<K extends OperationId> = ApiOperations[K] extends { query: infer Q } ? Q : undefined;
export type BodyOf<K extends OperationId> = ApiOperations[K] extends { body: infer B } ? B : undefined;
/** What a success answers; undefined for 204. */
export type ResponseOf<K extends OperationId> = ApiOperations[K] extends { response: infer R } ? R : undefined;

type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ParamsAgree<K extends OperationId> = Same<
  PathParamNames<(typeof OPERATIONS)[K]['path']>,
  ParamsOf<K> extends undefined ? never : keyof ParamsOf<K>
>;
type BodyAgrees<K extends OperationId> = Same<
  (typeof OPERATIONS)[K] extends { body: 'multipart' } ? true : false,
  BodyOf<K> extends UploadFileRequest ? true : false
>;
// Fails to compile, naming the operation, when a path's `{name}`s and its `params` differ, or a
// multipart route's body is not a file.
const routesAgree: { [K in OperationId]: true } = {} as {
  [K in OperationId]: ParamsAgree<K> extends true ? BodyAgrees<K> : false;
};
void routesAgree;
