import { type CountyId, type OrgType } from './catalogue';

/** A member's role in a firm: its administrator (who registered it or was made one) or a member. */
export type MemberRole = 'admin' | 'member';

/** A firm as the API shows it: its own members see everything, staff see personal data masked. */
export interface OrgView {
  id: number;
  uscc: string;
  name: string;
  county: CountyId;
  countyName: string;
  orgTypes: OrgType[];
  orgTypeNames: string[];
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  /** Seeded demo data (演示数据). */
  demo: boolean;
  /** The caller's role in the firm; null for staff looking from outside. */
  myRole: MemberRole | null;
}

/** `GET /api/v1/orgs`: the caller's firms. */
export interface OrgList {
  orgs: OrgView[];
}

/** `POST /api/v1/orgs`: register a firm by its credit code; the caller becomes its administrator. */
export interface CreateOrgRequest {
  /**
   * 统一社会信用代码 (GB 32100-2015), with its check character.
   * @pattern ^[0-9A-HJ-NPQRTUWXY]{18}$
   */
  uscc: string;
  /**
   * @minLength 2
   * @maxLength 128
   */
  name: string;
  county: CountyId;
  /**
   * At least one, no repeats.
   * @minItems 1
   * @uniqueItems true
   */
  orgTypes: OrgType[];
  /**
   * @minLength 2
   * @maxLength 64
   */
  legalRepresentative: string;
  /**
   * @minLength 2
   * @maxLength 64
   */
  contactName: string;
  /**
   * An 11-digit mobile number or a landline with its area code.
   * @pattern ^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$
   */
  contactPhone: string;
}

/** `PATCH /api/v1/orgs/:orgId`: the firm's administrator changes any of these (never the credit code). */
export type UpdateOrgRequest = Partial<Omit<CreateOrgRequest, 'uscc'>>;

/** `POST /api/v1/orgs/join`: an invite code from the firm's administrator. */
export interface JoinOrgRequest {
  /** @pattern ^[A-Z0-9]{8}$ */
  code: string;
}

/** `POST /api/v1/orgs/:orgId/invites`: a one-time code, shown once. */
export interface Invite {
  code: string;
  /** ISO 8601 date-time. */
  expiresAt: string;
}
