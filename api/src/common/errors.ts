import { type FieldError } from '@huiqi/shared';

/**
 * Every error the API answers with has one shape: `{ code, message, details }`, `message` in
 * Chinese for the user, `details` naming each offending field. Codes are a closed union, mapped
 * to HTTP in one exhaustive switch (httpStatusOf), so a new code cannot ship without a status.
 */
export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'NO_EDITION'
  | 'UNAUTHENTICATED'
  | 'TOKEN_EXPIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'WECHAT_CODE_INVALID'
  | 'WECHAT_RATE_LIMITED'
  | 'WECHAT_USER_BLOCKED'
  | 'WECHAT_BUSY'
  | 'WECHAT_UNAVAILABLE'
  | 'NOT_ELIGIBLE'
  | 'OUTSIDE_WINDOW'
  | 'INVALID_TRANSITION'
  | 'MATERIALS_MISSING'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_FILE_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'MALFORMED_MULTIPART'
  | 'TOO_MANY_FIELDS'
  | 'INTERNAL';

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
      return 409;
    case 'NO_EDITION':
    case 'NOT_ELIGIBLE':
    case 'OUTSIDE_WINDOW':
    case 'MATERIALS_MISSING':
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

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Chinese, shown to the user. */
    message: string,
    readonly details: FieldError[] | Record<string, unknown> = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A record the caller may not see answers exactly like one that does not exist. */
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在或无权访问`);

export const invalid = (field: string, message: string): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${field}`, [{ field, message }]);
