/**
 * WeChat subscribe messages (订阅消息): the access token (cached until five minutes before it
 * expires, fetched by one request at a time however many sends wait for it) and the send, with
 * WeChat's token errors answered by one refresh and one retry.
 */

export interface SubscribeClientOptions {
  /** `https://api.weixin.qq.com`, or the fake server; may carry a path prefix. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
  /** The clock for the token's expiry (tests move it). */
  now?: () => number;
}

export interface SubscribeMessageInput {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
}

/**
 * `sent`; `refused`: 43101, the user has no subscription left (the inbox has the message);
 * `failed` with `retryable`: WeChat did not take it (5xx, connection refused, -1 busy), a later try
 * may; without: it never will (a bad template, or a timeout, which may have been delivered: at
 * most once wins).
 */
export type SendOutcome =
  | { outcome: 'sent' }
  | { outcome: 'refused'; errcode: number }
  | { outcome: 'failed'; retryable: boolean; errcode: number | null; reason: string };

const TOKEN_MARGIN_MS = 5 * 60_000;
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);
const NO_SUBSCRIPTION = 43101;

interface CachedToken {
  token: string;
  expiresAt: number;
}

class HttpFailure extends Error {
  constructor(
    readonly retryable: boolean,
    reason: string,
  ) {
    super(reason);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class WechatSubscribeClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private cached: CachedToken | null = null;
  private inflight: Promise<CachedToken> | null = null;
  /** Tokens fetched (the benchmark and tests check a fetch happens once at a time). */
  tokenFetches = 0;

  constructor(private readonly options: SubscribeClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** The access token: the cached one while it has five minutes left, else one fetch shared by every caller. */
  async getAccessToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - TOKEN_MARGIN_MS) return this.cached.token;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return (await this.inflight).token;
  }

  /** Forgets the token, unless a newer one already replaced it. */
  private dropToken(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async fetchToken(): Promise<CachedToken> {
    this.tokenFetches += 1;
    const url = new URL(`${this.base}/cgi-bin/token`);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    const body = await this.request(url, undefined);
    const token = body['access_token'];
    const expiresIn = body['expires_in'];
    if (typeof token !== 'string' || typeof expiresIn !== 'number')
      throw new HttpFailure(true, `token: errcode ${String(body['errcode'])}`);
    const fresh = { token, expiresAt: this.now() + expiresIn * 1000 };
    this.cached = fresh;
    return fresh;
  }

  async sendSubscribeMessage(message: SubscribeMessageInput): Promise<SendOutcome> {
    try {
      for (let attempt = 0; ; attempt += 1) {
        const token = await this.getAccessToken();
        const url = new URL(`${this.base}/cgi-bin/message/subscribe/send`);
        url.searchParams.set('access_token', token);
        const body = await this.request(url, {
          touser: message.touser,
          template_id: message.templateId,
          ...(message.page ? { page: message.page } : {}),
          data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
        });
        const errcode = typeof body['errcode'] === 'number' ? body['errcode'] : 0;
        if (errcode === 0) return { outcome: 'sent' };
        if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
          this.dropToken(token);
          continue;
        }
        if (errcode === NO_SUBSCRIPTION) return { outcome: 'refused', errcode };
        // -1: system busy, and a token error again after a refresh: WeChat did not take it.
        const retryable = errcode === -1 || TOKEN_ERRORS.has(errcode);
        return { outcome: 'failed', retryable, errcode, reason: `errcode ${errcode}` };
      }
    } catch (error) {
      if (error instanceof HttpFailure)
        return { outcome: 'failed', retryable: error.retryable, errcode: null, reason: error.message };
      throw error;
    }
  }

  /** GET (no body) or POST JSON; the answer's JSON object. */
  private async request(url: URL, json: unknown): Promise<Record<string, unknown>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await fetch(url, {
        method: json === undefined ? 'GET' : 'POST',
        signal: controller.signal,
        headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw new HttpFailure(response.status >= 500 || response.status === 429, `HTTP ${response.status}`);
      }
      const body: unknown = JSON.parse(await response.text());
      if (!isRecord(body)) throw new HttpFailure(true, 'response is not a JSON object');
      return body;
    } catch (error) {
      if (error instanceof HttpFailure) throw error;
      // A timeout may have reached WeChat: not retried, so a message is never sent twice.
      if (controller.signal.aborted) throw new HttpFailure(false, `timeout after ${this.timeoutMs} ms`);
      if (error instanceof SyntaxError) throw new HttpFailure(true, 'response is not JSON');
      throw new HttpFailure(true, 'network error');
    } finally {
      clearTimeout(timer);
    }
  }
}
