import { type WechatErrorDetails } from '@huiqi/shared';
import { AppError, type ErrorCode } from '../common/errors.js';

export type WechatClientOptions = {
  /** `https://api.weixin.qq.com` in production; may carry a path prefix (a proxy) and a trailing slash. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
};

export type WechatSession = { openid: string; unionid?: string };

export type WechatErrorCode = Extract<ErrorCode, `WECHAT_${string}`>;

/** `errcode` is null when WeChat never answered with one (HTTP error, timeout, garbage). */
export { type WechatErrorDetails };

const DEFAULT_TIMEOUT_MS = 5000;

const MESSAGES: Record<WechatErrorCode, string> = {
  WECHAT_CODE_INVALID: '微信登录凭证无效或已被使用，请重新打开小程序登录',
  WECHAT_RATE_LIMITED: '微信登录过于频繁，请一分钟后再试',
  WECHAT_USER_BLOCKED: '微信判定本次登录存在安全风险并已拦截，请联系客服处理',
  WECHAT_BUSY: '微信系统繁忙，请稍后重试',
  WECHAT_UNAVAILABLE: '暂时无法连接微信服务，请稍后再试；如一直失败，请联系客服',
};

/**
 * The one table from WeChat's errcode to ours. 40013/40125 (wrong appid/secret) are our own
 * misconfiguration, so they land in WECHAT_UNAVAILABLE with everything unknown: the user can
 * do nothing about them but wait.
 */
export const parseWechatError = (errcode: number): { code: WechatErrorCode; message: string } => {
  const code = ((): WechatErrorCode => {
    switch (errcode) {
      case 40029:
      case 40163:
        return 'WECHAT_CODE_INVALID';
      case 45011:
        return 'WECHAT_RATE_LIMITED';
      case 40226:
        return 'WECHAT_USER_BLOCKED';
      case -1:
        return 'WECHAT_BUSY';
      default:
        return 'WECHAT_UNAVAILABLE';
    }
  })();
  return { code, message: MESSAGES[code] };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the errno-style code: undici's messages may one day quote the URL, and the URL holds the secret. */
const networkErrorCode = (error: unknown): string => {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = isRecord(cause) ? cause['code'] : undefined;
  return typeof code === 'string' ? code : 'unknown';
};

export class WechatClient {
  private readonly endpoint: URL;
  private readonly appId: string;
  private readonly appSecret: string;
  private readonly timeoutMs: number;

  constructor(options: WechatClientOptions) {
    const base = new URL(options.baseUrl);
    base.pathname = `${base.pathname.replace(/\/+$/, '')}/sns/jscode2session`;
    this.endpoint = base;
    this.appId = options.appId;
    this.appSecret = options.appSecret;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new RangeError(`WechatClient timeoutMs must be a positive number, got ${this.timeoutMs}`);
    }
  }

  /** Exchanges a wx.login code for the user's openid; session_key is dropped, we never need it. */
  async code2Session(code: string): Promise<WechatSession> {
    const url = new URL(this.endpoint);
    url.searchParams.set('appid', this.appId);
    url.searchParams.set('secret', this.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let text: string;
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw this.failure(null, `HTTP ${response.status}`);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.failure(
        null,
        controller.signal.aborted ? `timeout after ${this.timeoutMs} ms` : `network error ${networkErrorCode(error)}`,
      );
    } finally {
      clearTimeout(timer);
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw this.failure(null, 'response is not JSON');
    }
    if (!isRecord(body)) throw this.failure(null, 'response is not a JSON object');

    // A success carries no errcode nowadays; older answers said errcode 0.
    const errcode = body['errcode'];
    if (typeof errcode === 'number' && errcode !== 0) {
      const errmsg = body['errmsg'];
      throw this.failure(errcode, typeof errmsg === 'string' ? errmsg : `errcode ${errcode}`);
    }

    const { openid, unionid } = body;
    if (typeof openid !== 'string' || openid === '') throw this.failure(null, 'response without openid');
    return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
  }

  private failure(errcode: number | null, reason: string): AppError {
    const { code, message } =
      errcode === null
        ? { code: 'WECHAT_UNAVAILABLE' as const, message: MESSAGES.WECHAT_UNAVAILABLE }
        : parseWechatError(errcode);
    const details: WechatErrorDetails = { errcode, reason: this.scrub(reason) };
    return new AppError(code, message, details);
  }

  /** WeChat's errmsg is not ours to trust: make sure no echo of the secret reaches logs or clients. */
  private scrub(text: string): string {
    return this.appSecret ? text.replaceAll(this.appSecret, '***') : text;
  }
}
