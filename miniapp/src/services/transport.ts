/** One HTTP exchange, as the request wrapper needs it: no cookies, JSON text in and out. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  /** The response text; the wrapper parses it. */
  text: string;
}

/** Sends a request; rejects only when no answer came (network down, timeout). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Why no answer came. */
export class TransportError extends Error {
  constructor(readonly reason: 'network' | 'timeout') {
    super(reason);
    this.name = 'TransportError';
  }
}

/** The browser's fetch: the H5 build (and the tests, which run it against a real server). */
export const fetchTransport: Transport = async (request) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      credentials: 'omit',
    });
    return { status: res.status, text: await res.text() };
  } catch {
    throw new TransportError(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
};
