import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { HttpException } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { bodyLimitOf, unsupportedBodyMessage } from './body.js';
import { AppError, httpStatusOf } from './errors.js';

/** The longest URL answered normally; browsers and proxies agree on about this much. */
export const MAX_URL_LENGTH = 2048;

const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Fastify's own refusals (router, body parsing) in the house words, or null for any other
 * error. Nest wraps the ones from body parsing in an HttpException whose `cause` is Fastify's.
 * Fastify's messages quote the path or the body: none of them is passed on.
 */
export const fromFrameworkError = (exception: unknown, request: FastifyRequest): AppError | null => {
  const error = exception instanceof HttpException ? exception.cause : exception;
  switch (codeOf(error)) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const kb = Math.floor(bodyLimitOf(request) / 1024);
      return new AppError('PAYLOAD_TOO_LARGE', `请求内容过大：此接口最多接受 ${kb} KB，请精简后重试`, {
        maxBytes: bodyLimitOf(request),
      });
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const message = unsupportedBodyMessage(request);
      return new AppError('UNSUPPORTED_MEDIA_TYPE', message, [{ field: 'Content-Type', message }]);
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('INVALID_REQUEST', '请求体长度与 Content-Length 不符，请重新发送');
    case 'FST_ERR_BAD_URL':
      return new AppError('INVALID_REQUEST', '网址中有无效的百分号编码（%），请检查链接');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('URI_TOO_LONG', '网址中的编号或名称过长，请检查链接');
    default:
      return null;
  }
};

const send = (reply: FastifyReply, requestId: string, error: AppError): void => {
  void reply
    .status(httpStatusOf(error.code))
    .header('x-request-id', requestId)
    .header('x-content-type-options', 'nosniff')
    .send({ code: error.code, message: error.message, details: error.details, requestId });
};

/**
 * Fastify's `frameworkErrors`: what the router refuses (malformed percent-encoding, an
 * over-long route parameter) before any hook or Nest filter runs.
 */
export const answerFrameworkError = (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
  // Nothing reads the body of a request the router refused (see installBodyParsing's onSend).
  if (!request.raw.complete) void reply.header('connection', 'close');
  send(
    reply,
    String(request.id),
    fromFrameworkError(error, request) ?? new AppError('INTERNAL', '服务暂时出错，请稍后再试'),
  );
};

/** An `onRequest` hook: a URL longer than MAX_URL_LENGTH answers 414 before any work. */
export const refuseLongUrls = async (request: FastifyRequest): Promise<void> => {
  if (request.url.length > MAX_URL_LENGTH)
    throw new AppError('URI_TOO_LONG', `网址过长（最多 ${MAX_URL_LENGTH} 个字符），请检查链接`);
};

/**
 * Fastify's `clientErrorHandler`: Node refuses a request it cannot parse (headers or URL over
 * its 16 KB, a timeout, malformed HTTP) before Fastify has a request or a reply, so the answer
 * is written to the socket, still in the house shape.
 */
export const answerClientError = (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new AppError('REQUEST_TIMEOUT', '请求超时，请重试')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new AppError('HEADERS_TOO_LARGE', '请求头或网址过长，请缩短后重试')
        : new AppError('INVALID_REQUEST', '请求格式有误，请检查后重试');
  const status = httpStatusOf(refusal.code);
  const requestId = randomUUID();
  const body = JSON.stringify({ code: refusal.code, message: refusal.message, details: [], requestId });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
};
