import { type ErrorCode, type ErrorDetailsByCode, type FieldError } from '@huiqi/shared';

export { type ErrorCode } from '@huiqi/shared';

/**
 * Every error the API answers with has one shape: `{ code, message, details, requestId }`
 * (ErrorBody in @huiqi/shared), `message` in Chinese for the user, `details` naming each
 * offending field or carrying what the user needs. Codes are a closed union, in the shared
 * contract with each code's details; here they are mapped to HTTP in one exhaustive switch
 * (httpStatusOf), so a new code cannot ship without a status.
 */
export const httpStatusOf = (code: ErrorCode): number => {
  switch (code) {
    case 'INVALID_REQUEST':
    case 'MALFORMED_MULTIPART':
    case 'TOO_MANY_FIELDS':
      return 400;
    case 'UNAUTHENTICATED':
    case 'TOKEN_EXPIRED':
    case 'WECHAT_CODE_INVALID':
      return 401;
    case 'FORBIDDEN':
    case 'WECHAT_USER_BLOCKED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'INVALID_TRANSITION':
    case 'POOL_EXHAUSTED':
      return 409;
    case 'NO_EDITION':
    case 'NOT_ELIGIBLE':
    case 'OUTSIDE_WINDOW':
    case 'MATERIALS_MISSING':
    case 'NOT_VERIFIED':
    case 'IMPORT_INVALID':
      return 422;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'FILE_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'URI_TOO_LONG':
      return 414;
    case 'UNSUPPORTED_FILE_TYPE':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'RATE_LIMITED':
    case 'WECHAT_RATE_LIMITED':
      return 429;
    case 'WECHAT_BUSY':
    case 'WECHAT_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
};

/** The details argument of a code: optional where an empty field list will do. */
type DetailsArgument<C extends ErrorCode> = FieldError[] extends ErrorDetailsByCode[C]
  ? [details?: ErrorDetailsByCode[C]]
  : [details: ErrorDetailsByCode[C]];

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details: ErrorDetailsByCode[C];

  constructor(
    readonly code: C,
    /** Chinese, shown to the user. */
    message: string,
    ...[details]: DetailsArgument<C>
  ) {
    super(message);
    this.name = 'AppError';
    // Only codes whose details are a field list may leave them out (DetailsArgument).
    this.details = (details ?? []) as ErrorDetailsByCode[C];
  }
}

/** A record the caller may not see answers exactly like one that does not exist. */
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在或无权访问`);

export const invalid = (field: string, message: string): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${field}`, [{ field, message }]);
