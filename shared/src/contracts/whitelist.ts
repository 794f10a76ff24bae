// 第八条: the city recommends firms to the provincial 电商生态链企业“白名单” (issue 13, part 5).
import { type CountyId, type OrgType } from './catalogue';

/**
 * 八、……筛选一批具有一定实力和知名度、无违法违规和不良信用记录的电商产业园区、MCN机构、人才培训机构、
 * 供应链企业以及代运营、内容制作等专业服务企业，申报全省电商生态链企业“白名单”……
 *
 * The kinds the sentence names, as ORG_TYPES: every one has its own id. 直播电商基地（园区） is not
 * named (it is a park of measure 四, and 等 does not say which others) and is left out: such a base
 * registered as an 电商产业园区 applies under that kind.
 */
export const WHITELIST_ORG_TYPES = [
  'ecommerce-park',
  'mcn',
  'training-institution',
  'supply-chain',
  'agency-operation',
  'content-production',
] as const satisfies readonly OrgType[];

export type WhitelistOrgType = (typeof WHITELIST_ORG_TYPES)[number];

export const isWhitelistOrgType = (value: string): value is WhitelistOrgType =>
  (WHITELIST_ORG_TYPES as readonly string[]).includes(value);

/** The clause's words the declarations repeat, shown beside each box the firm ticks. */
export const WHITELIST_CLAUSE =
  '第八条：筛选一批具有一定实力和知名度、无违法违规和不良信用记录的电商产业园区、MCN机构、人才培训机构、供应链企业以及代运营、内容制作等专业服务企业，申报全省电商生态链企业“白名单”。';

export const WHITELIST_DECLARATIONS = {
  noViolations: '本企业无违法违规记录（第八条）',
  noBadCredit: '本企业无不良信用记录（第八条）',
} as const;

/** The limits of an application's fields (the API and the form read the same numbers). */
export const WHITELIST_LIMITS = {
  descriptionMin: 20,
  descriptionMax: 1000,
  reasonMax: 500,
  files: 10,
} as const;

export type WhitelistStatus = 'submitted' | 'recommended' | 'refused';

export const WHITELIST_STATUS_LABELS: Readonly<Record<WhitelistStatus, string>> = {
  submitted: '待市级审核',
  recommended: '已推荐',
  refused: '未推荐',
};

/** `POST /api/v1/orgs/:orgId/whitelist-applications`: a firm applies for a year's recommendation. */
export interface WhitelistApplyRequest {
  /**
   * The year of the whitelist applied for.
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year: number;
  /**
   * The firm's strength and standing (实力和知名度), its services and results.
   * @maxLength 1000
   */
  description: string;
  /**
   * The kinds applied under: kinds the firm is registered as, among WHITELIST_ORG_TYPES.
   * @minItems 1
   * @maxItems 6
   */
  categories: WhitelistOrgType[];
  /** 无违法违规记录: must be true. */
  noViolations: boolean;
  /** 无不良信用记录: must be true. */
  noBadCredit: boolean;
  /**
   * Supporting files from the firm's own library (optional).
   * @maxItems 10
   */
  fileIds?: number[];
}

/** `POST /api/v1/whitelist/applications/:id/review`: the city's decision. */
export interface WhitelistReviewRequest {
  decision: 'recommend' | 'refuse';
  /**
   * Required to refuse: what the firm reads.
   * @maxLength 500
   */
  reason?: string;
}

/** A supporting file as an application names it. */
export interface WhitelistFileRef {
  id: number;
  name: string;
}

/** One application, as the firm and the city read it. */
export interface WhitelistApplicationView {
  id: number;
  orgId: number;
  orgName: string;
  uscc: string;
  county: CountyId;
  countyName: string;
  year: number;
  description: string;
  categories: WhitelistOrgType[];
  categoryNames: string[];
  noViolations: boolean;
  noBadCredit: boolean;
  files: WhitelistFileRef[];
  status: WhitelistStatus;
  statusLabel: string;
  /** The city's reason when it refused; null otherwise. */
  reason: string | null;
  /** ISO 8601 date-times. */
  submittedAt: string;
  decidedAt: string | null;
}

/** `GET /api/v1/orgs/:orgId/whitelist-applications`: the firm's applications, newest year first. */
export interface WhitelistApplicationList {
  applications: WhitelistApplicationView[];
}

/** `GET /api/v1/whitelist/applications?…` (city reviewers, administrators). */
export interface WhitelistQueueQuery {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year?: number;
  status?: WhitelistStatus;
}

/** One firm of a year's recommended list, as anyone reads it. */
export interface WhitelistEntry {
  orgName: string;
  /** The kinds it was recommended under. */
  categories: WhitelistOrgType[];
  categoryNames: string[];
  county: CountyId;
  countyName: string;
  year: number;
}

/** `GET /api/v1/whitelist?year=`: no sign-in. */
export interface PublicWhitelist {
  year: number;
  entries: WhitelistEntry[];
}

/** A file an application names, in a path. */
export interface WhitelistFileParams {
  /**
   * @asType integer
   * @minimum 1
   */
  id: number;
  /**
   * @asType integer
   * @minimum 1
   */
  fileId: number;
}
