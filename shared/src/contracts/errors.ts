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
