import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorDetailsByCode, PolicyError } from '@huiqi/shared';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, httpStatusOf } from './errors.js';
import { fromFrameworkError } from './framework-errors.js';

/**
 * An error answer before its request id (ErrorBody in @huiqi/shared). Each code's details are
 * checked where the error is made (AppError's constructor), so here they are any code's.
 */
interface Answer {
  code: ErrorCode;
  message: string;
  details: ErrorDetailsByCode[ErrorCode];
}

const fromHttpException = (e: HttpException): Answer & { status: number } => {
  const status = e.getStatus();
  if (status === 404) return { status, code: 'NOT_FOUND', message: '请求的地址不存在', details: [] };
  if (status === 401) return { status, code: 'UNAUTHENTICATED', message: '请先登录', details: [] };
  if (status === 403) return { status, code: 'FORBIDDEN', message: '没有权限进行此操作', details: [] };
  if (status === 413) return { status, code: 'INVALID_REQUEST', message: '请求内容过大', details: [] };
  if (status >= 400 && status < 500)
    return { status, code: 'INVALID_REQUEST', message: '请求格式有误，请检查后重试', details: [] };
  return { status: 500, code: 'INTERNAL', message: '服务暂时出错，请稍后再试', details: [] };
};

/**
 * The one place errors become HTTP: every error answers `{ code, message, details, requestId }`,
 * `message` in Chinese for the user. Unexpected errors are logged with the request id and
 * answered without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const exception = fromFrameworkError(thrown, request) ?? thrown;
    const requestId = String(request.id);
    let status: number;
    let body: Answer;

    if (exception instanceof AppError) {
      status = httpStatusOf(exception.code);
      body = { code: exception.code, message: exception.message, details: exception.details };
    } else if (exception instanceof PolicyError) {
      const code: ErrorCode = exception.code === 'NO_EDITION' ? 'NO_EDITION' : 'INVALID_REQUEST';
      status = httpStatusOf(code);
      body = { code, message: exception.message, details: exception.details };
    } else if (exception instanceof HttpException) {
      const mapped = fromHttpException(exception);
      status = mapped.status;
      body = { code: mapped.code, message: mapped.message, details: mapped.details };
    } else if (isFastifyClientError(exception)) {
      status = exception.statusCode;
      body = {
        code: status === 413 ? 'FILE_TOO_LARGE' : 'INVALID_REQUEST',
        message: clientErrorMessage(exception),
        details: [],
      };
    } else {
      status = 500;
      body = { code: 'INTERNAL', message: '服务暂时出错，请稍后再试', details: [] };
      request.log.error({ err: exception, requestId }, 'unhandled error');
      if (!request.log) this.logger.error(exception);
    }
    void reply
      .status(status)
      .header('x-request-id', requestId)
      .send({ ...body, requestId });
  }
}

/** Fastify's and its multipart plugin's own refusals, in the words a user reads. */
const clientErrorMessage = (e: { statusCode: number; code: string }): string => {
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return '请求体必须是 JSON（Content-Type: application/json）';
  if (e.code.includes('JSON')) return '请求不是有效的 JSON，请检查格式';
  if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT')
    return '一次只能上传一个文件';
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return '请以 multipart/form-data 上传文件（字段名 file）';
  if (e.statusCode === 413) return '请求内容过大，请压缩后再上传';
  return '请求格式有误，请检查后重试';
};

/** Fastify's own 4xx errors (bad JSON, wrong content type, body too large) before Nest sees the request. */
const isFastifyClientError = (e: unknown): e is { statusCode: number; code: string } =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { statusCode?: unknown }).statusCode === 'number' &&
  (e as { statusCode: number }).statusCode >= 400 &&
  (e as { statusCode: number }).statusCode < 500 &&
  typeof (e as { code?: unknown }).code === 'string';
