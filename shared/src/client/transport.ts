import { type FilePart } from '../contracts/files';
import { type HttpMethod } from '../contracts/operations';

/** One HTTP exchange, as the client hands it over: no cookies, JSON text or one file in, text out. */
export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** JSON text (the content type is in `headers`). */
  body?: string;
  /** A multipart upload of one file: the transport encodes it (FormData, or wx.uploadFile's filePath). */
  form?: { field: string; file: FilePart };
  timeoutMs: number;
  /**
   * For an upload (`form`): told the bytes sent so far and the total as the body goes out, for a
   * progress bar. A transport that cannot see its upload's progress (fetch) never calls it.
   */
  onUploadProgress?: UploadProgress;
}

/** Bytes of an upload's body sent so far, and its total size in bytes. */
export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

export interface TransportResponse {
  status: number;
  /** The response's text; the client parses it. */
  text: string;
}

/** Sends a request; rejects (with a TransportError) only when no answer came. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Why no answer came. */
export class TransportError extends Error {
  constructor(readonly reason: 'network' | 'timeout') {
    super(reason);
    this.name = 'TransportError';
  }
}

/** An upload's body as browsers send it (fetch, XMLHttpRequest): one file part under its field name. */
export const formDataOf = ({ field, file }: NonNullable<TransportRequest['form']>): FormData => {
  const form = new FormData();
  const content = typeof file.content === 'string' ? file.content : new Uint8Array(file.content);
  form.append(field, new Blob([content], file.type ? { type: file.type } : {}), file.name);
  return form;
};

/**
 * A transport over the standard `fetch` (browsers, the H5 build, Node 18+): `fetchTransport()`,
 * or over another fetch (a test's). The mini-program's own transport wraps wx.request and
 * wx.uploadFile the same way. fetch cannot report an upload's progress (`onUploadProgress` is
 * not called); the H5 build sends uploads through XMLHttpRequest for that.
 */
export const fetchTransport =
  (fetcher: typeof fetch = (input, init) => fetch(input, init)): Transport =>
  async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    const body: string | FormData | undefined = request.form ? formDataOf(request.form) : request.body;
    try {
      const res = await fetcher(request.url, {
        method: request.method,
        headers: request.headers,
        body,
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
