import { type ApplicationStatus } from './applications';
import { type FactName } from './facts';

/** One offending field: a dotted path into the request and what to fix, in Chinese. */
export interface FieldError {
  field: string;
  message: string;
}

export type PolicyErrorCode = 'INVALID_REQUEST' | 'INVALID_EDITION' | 'NO_EDITION';

/**
 * The one error shape of the policy package: `code` for programs, `message` for people
 * (Chinese), `details` naming each offending field. The API maps codes to HTTP
 * (INVALID_REQUEST 400, NO_EDITION 422); the command line exits with 2.
 */
export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'PolicyError';
  }

  toJSON(): { code: PolicyErrorCode; message: string; details: FieldError[] } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export const invalidRequest = (details: FieldError[]): PolicyError =>
  new PolicyError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

export const invalidEdition = (details: FieldError[]): PolicyError =>
  new PolicyError('INVALID_EDITION', `政策版本数据有误：${details.map((d) => d.field).join('、')}`, details);

export const noEdition = (year: number): PolicyError =>
  new PolicyError('NO_EDITION', `${year}年度没有施行中的政策版本（no edition in force for ${year}），无法评估`, [
    { field: 'claimYear', message: `${year}年度没有施行中的政策版本` },
  ]);

/** Why submission was refused by the rules: the conditions to fix, with their clauses. */
export interface NotEligibleDetails {
  status: 'ineligible' | 'undetermined';
  conditions: {
    condition: string;
    status: 'unmet' | 'unknown';
    clause: string;
    explanation: string;
    facts: readonly FactName[];
  }[];
  missingFacts: readonly FactName[];
}

/** The application window a submission fell outside of; null dates: no round is open. */
export interface OutsideWindowDetails {
  opens: string | null;
  closes: string | null;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
}

/** A move the application's status does not allow; `to` when the move is a transition. */
export interface InvalidTransitionDetails {
  from: ApplicationStatus;
  to?: ApplicationStatus;
}

/** The required materials still without a file. */
export interface MaterialsMissingDetails {
  materials: { id: string; name: string; shows: string }[];
}

/** A pool that cannot hold an award: what it holds and what is left (fen). */
export interface PoolExhaustedDetails {
  roundId: number;
  poolId: string;
  capFen: number;
  reservedFen: number;
  committedFen: number;
  availableFen: number;
  requestedFen: number;
}

/** The conditions a reviewer has not yet verified (or found unmet), which approval needs. */
export interface NotVerifiedDetails {
  conditions: { id: string; clause: string; problem: 'unverified' | 'unmet' }[];
}

/** The application already in the way (an active one, or the one-off award's). */
export interface ExistingApplicationDetails {
  applicationId: number;
}

/** WeChat's own error number (null when it did not answer) and its reason, with no secret in it. */
export interface WechatErrorDetails {
  errcode: number | null;
  reason: string;
}

/**
 * One problem of a refused import (十二's monthly figures): the file's row (1 is the header; null
 * for the file as a whole) and column header (null for a whole row), with `field` saying both in
 * words (`第5行“网络零售额（万元）”`) and `message` what to fix, in Chinese.
 */
export interface ImportProblem extends FieldError {
  /** The row number in the file (a whole number). */
  row: number | null;
  column: string | null;
}

/**
 * Every error code the API answers with, and what its `details` carry: the offending fields
 * (`[{ field, message }]`, empty when no field is at fault) or what the user needs to act. The
 * union is closed; the API maps each code to its HTTP status in one exhaustive switch.
 */
export interface ErrorDetailsByCode {
  INVALID_REQUEST: FieldError[];
  NO_EDITION: FieldError[];
  UNAUTHENTICATED: FieldError[];
  TOKEN_EXPIRED: FieldError[];
  FORBIDDEN: FieldError[];
  NOT_FOUND: FieldError[];
  CONFLICT: FieldError[] | ExistingApplicationDetails;
  RATE_LIMITED: { retryAfterSeconds: number };
  WECHAT_CODE_INVALID: WechatErrorDetails;
  WECHAT_RATE_LIMITED: WechatErrorDetails;
  WECHAT_USER_BLOCKED: WechatErrorDetails;
  WECHAT_BUSY: WechatErrorDetails;
  WECHAT_UNAVAILABLE: WechatErrorDetails;
  NOT_ELIGIBLE: NotEligibleDetails;
  OUTSIDE_WINDOW: OutsideWindowDetails;
  INVALID_TRANSITION: InvalidTransitionDetails;
  MATERIALS_MISSING: MaterialsMissingDetails;
  POOL_EXHAUSTED: PoolExhaustedDetails;
  NOT_VERIFIED: NotVerifiedDetails;
  FILE_TOO_LARGE: FieldError[];
  UNSUPPORTED_FILE_TYPE: FieldError[];
  /** The route's limit in bytes. */
  PAYLOAD_TOO_LARGE: { maxBytes: number };
  UNSUPPORTED_MEDIA_TYPE: FieldError[];
  URI_TOO_LONG: FieldError[];
  HEADERS_TOO_LARGE: FieldError[];
  REQUEST_TIMEOUT: FieldError[];
  MALFORMED_MULTIPART: FieldError[];
  TOO_MANY_FIELDS: FieldError[];
  INTERNAL: FieldError[];
  /** An import refused as a whole (nothing written): every problem of the file. */
  IMPORT_INVALID: ImportProblem[];
}

export type ErrorCode = keyof ErrorDetailsByCode;

/** Every code, for code that needs them at run time. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'NO_EDITION',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'WECHAT_CODE_INVALID',
  'WECHAT_RATE_LIMITED',
  'WECHAT_USER_BLOCKED',
  'WECHAT_BUSY',
  'WECHAT_UNAVAILABLE',
  'NOT_ELIGIBLE',
  'OUTSIDE_WINDOW',
  'INVALID_TRANSITION',
  'MATERIALS_MISSING',
  'POOL_EXHAUSTED',
  'NOT_VERIFIED',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FILE_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'MALFORMED_MULTIPART',
  'TOO_MANY_FIELDS',
  'INTERNAL',
  'IMPORT_INVALID',
] as const satisfies readonly ErrorCode[];

// Fails to compile while a code of ErrorDetailsByCode is missing from ERROR_CODES.
const everyCodeListed: Exclude<ErrorCode, (typeof ERROR_CODES)[number]> extends never ? true : never = true;
void everyCodeListed;

/** One error code's answer. */
export interface ErrorBodyOf<C extends ErrorCode> {
  code: C;
  /** Chinese, for the user, naming what to fix. */
  message: string;
  details: ErrorDetailsByCode[C];
  /** The request's id (also the `x-request-id` header): what support asks for. */
  requestId: string;
}

/** Every error the API answers, in one shape: `{ code, message, details, requestId }`. */
export type ErrorBody = { [C in ErrorCode]: ErrorBodyOf<C> }[ErrorCode];
