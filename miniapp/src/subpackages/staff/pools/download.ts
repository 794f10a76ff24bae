import { ApiError, type ApiClient, type ErrorCode, type PoolExportQuery, type TokenSource } from '@huiqi/shared';
import { fileNameOf } from '../../../workbench/pools';

/** A file the API sent: its bytes as they came, its type and the name it gave. */
export interface DownloadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

interface Answer {
  status: number;
  type: string;
  disposition: string | null;
  bytes: Uint8Array;
}

const get = (url: string, token: string | null): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'arraybuffer';
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        type: xhr.getResponseHeader('content-type') ?? 'application/octet-stream',
        disposition: xhr.getResponseHeader('content-disposition'),
        bytes: new Uint8Array(xhr.response as ArrayBuffer),
      });
    xhr.onerror = () => reject(new ApiError('NETWORK', '网络连接失败，请检查网络后重试', 0, [], null));
    xhr.ontimeout = () => reject(new ApiError('TIMEOUT', '服务器响应超时，请稍后重试', 0, [], null));
    xhr.timeout = 60_000;
    xhr.send();
  });

/** UTF-8 bytes as text (by percent-decoding, where TextDecoder is missing: older WebViews, jsdom). */
const utf8 = (bytes: Uint8Array): string =>
  typeof TextDecoder === 'function'
    ? new TextDecoder().decode(bytes)
    : decodeURIComponent(Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

/** The API's refusal, in its own words. */
const refusalOf = (answer: Answer): ApiError => {
  try {
    const body = JSON.parse(utf8(answer.bytes)) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string')
      return new ApiError(body.code as ErrorCode, body.message, answer.status, [] as never, null);
  } catch {
    // Not the house shape (a proxy's page): the words below.
  }
  return new ApiError('BAD_RESPONSE', '导出失败，请稍后重试', answer.status, [], null);
};

/** A pool's export as the API sent it (the typed client reads JSON only, and an export is a file behind the session). */
export const fetchPoolExport = (
  client: ApiClient,
  tokens: TokenSource,
  params: { id: number; poolId: string },
  format: PoolExportQuery['format'],
): Promise<DownloadedFile> =>
  fetchExport(client, tokens, client.urlOf('exportPool', { params, query: { format } }), `奖补清单.${format}`);

/**
 * A file route's answer (an export) fetched with the session's token; an expired token is
 * refreshed once through the client (any signed-in call does it) and the file asked again.
 */
export const fetchExport = async (
  client: ApiClient,
  tokens: TokenSource,
  url: string,
  fallbackName: string,
): Promise<DownloadedFile> => {
  let answer = await get(url, (await tokens.current())?.accessToken ?? null);
  if (answer.status === 401 && refusalOf(answer).code === 'TOKEN_EXPIRED') {
    await client.getMe();
    answer = await get(url, (await tokens.current())?.accessToken ?? null);
  }
  if (answer.status !== 200) throw refusalOf(answer);
  return { name: fileNameOf(answer.disposition, fallbackName), type: answer.type, bytes: answer.bytes };
};

/** Hands a file to the browser as a download under its name. */
export const saveFile = (file: DownloadedFile): void => {
  const url = URL.createObjectURL(new Blob([new Uint8Array(file.bytes)], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};
