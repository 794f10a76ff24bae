import { type CountyId } from './catalogue';

/** Who a signed-in account is: an applicant (a firm's user) or staff of one of the four roles. */
export type Role = 'applicant' | 'county-reviewer' | 'city-reviewer' | 'finance' | 'admin';
export const ROLES: readonly Role[] = ['applicant', 'county-reviewer', 'city-reviewer', 'finance', 'admin'];
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  applicant: '申报企业用户',
  'county-reviewer': '县级审核员',
  'city-reviewer': '市级审核员',
  finance: '财政人员',
  admin: '系统管理员',
};
/** The roles of staff accounts (every role but the firms' own). */
export type StaffRole = Exclude<Role, 'applicant'>;
export const STAFF_ROLES: readonly StaffRole[] = ['county-reviewer', 'city-reviewer', 'finance', 'admin'];
export const isStaffRole = (role: Role): role is StaffRole => role !== 'applicant';

/** The signed-in account, as `GET /api/v1/me` and every sign-in answer it. */
export interface SessionUser {
  id: number;
  role: Role;
  /** The county a county reviewer works for; null for everyone else. */
  county: CountyId | null;
  displayName: string;
}

/** What a sign-in answers (`POST /api/v1/auth/wechat`, `/staff`, `/demo`, `/refresh`). */
export interface Session {
  /** Sent as `Authorization: Bearer …`; lives `expiresIn` seconds. */
  accessToken: string;
  /** Exchanged once for a new session (`/auth/refresh`); a second use ends the whole session. */
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** `POST /api/v1/auth/wechat`: wx.login's one-time code. */
export interface WechatLoginRequest {
  /**
   * @minLength 1
   * @maxLength 128
   */
  code: string;
}

/** `POST /api/v1/auth/staff`. */
export interface StaffLoginRequest {
  /**
   * @minLength 1
   * @maxLength 64
   */
  username: string;
  /**
   * @minLength 1
   * @maxLength 256
   */
  password: string;
}

/** `POST /api/v1/auth/refresh` and `/logout`: the session's refresh token. */
export interface RefreshRequest {
  /** @maxLength 128 */
  refreshToken: string;
}

/** `POST /api/v1/auth/demo` (only with AUTH_DEMO=1): a demo account of any role. */
export interface DemoLoginRequest {
  role: Role;
  /** Required for a county reviewer. */
  county?: CountyId;
  /**
   * Another demo account of the same role (one per openid).
   * @pattern ^[A-Za-z0-9_-]{1,48}$
   */
  openid?: string;
}

/** A staff account as the administrator manages it (`GET /api/v1/staff`). */
export interface StaffAccountView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** A county reviewer's county; null for everyone else. */
  county: CountyId | null;
  /** ISO 8601 date-time it was disabled; null while it may sign in. */
  disabledAt: string | null;
  /** ISO 8601 date-time. */
  createdAt: string;
}

/** `GET /api/v1/staff` query: 20 accounts a page, oldest first. */
export interface StaffListQuery {
  role?: StaffRole;
  county?: CountyId;
  /** `true`: only disabled accounts; `false`: only those that may sign in. */
  disabled?: 'true' | 'false';
  /**
   * @asType integer
   * @minimum 1
   * @maximum 100000
   */
  page?: number;
}

/** `GET /api/v1/staff`: one page of staff accounts. */
export interface StaffList {
  accounts: StaffAccountView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * `POST /api/v1/staff`: a new staff account, checked by the same rules as `npm run staff -- create`
 * (every problem at once, each naming its field).
 */
export interface CreateStaffRequest {
  /**
   * 3 to 32 characters: a lower-case letter, then lower-case letters, digits, `_`, `.` or `-`.
   * @maxLength 64
   */
  username: string;
  /**
   * Shown to colleagues; the username when left out.
   * @maxLength 64
   */
  displayName?: string;
  role: Role;
  /** Required for a county reviewer, refused for every other role. */
  county?: CountyId;
  /**
   * The first password: at least 10 characters, with letters and digits.
   * @maxLength 256
   */
  password: string;
}

/**
 * `POST /api/v1/staff/{id}/password`: the API made a new password and answers it this once (it
 * is stored only as a hash); every session of the account was ended.
 */
export interface StaffPasswordReset {
  account: StaffAccountView;
  password: string;
}
