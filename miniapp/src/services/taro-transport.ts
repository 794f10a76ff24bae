import { formDataOf, type Transport, TransportError } from '@huiqi/shared';
import Taro from '@tarojs/taro';

const failure = (err: { errMsg?: string }): TransportError =>
  new TransportError(/timeout/i.test(err.errMsg ?? '') ? 'timeout' : 'network');

/**
 * wx.request and wx.uploadFile through Taro: the mini-program. `dataType: '其他'` keeps the body as
 * text for the typed client to parse; an upload's file is the local path the picker answered.
 */
export const taroTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    if (request.form) {
      const { field, file } = request.form;
      if (typeof file.content !== 'string') {
        reject(new TransportError('network'));
        return;
      }
      const task = Taro.uploadFile({
        url: request.url,
        filePath: file.content,
        name: field,
        header: request.headers,
        timeout: request.timeoutMs,
        success: (res) => resolve({ status: res.statusCode, text: typeof res.data === 'string' ? res.data : '' }),
        fail: (err: { errMsg?: string }) => reject(failure(err)),
      });
      const listen = request.onUploadProgress;
      if (listen) task.onProgressUpdate((p) => listen(p.totalBytesSent, p.totalBytesExpectedToSend));
      return;
    }
    void Taro.request({
      url: request.url,
      method: request.method,
      header: request.headers,
      data: request.body,
      timeout: request.timeoutMs,
      dataType: '其他',
      responseType: 'text',
      success: (res) => resolve({ status: res.statusCode, text: typeof res.data === 'string' ? res.data : '' }),
      fail: (err: { errMsg?: string }) => reject(failure(err)),
    });
  });

/**
 * XMLHttpRequest: the browser's transport (H5), since it is the one browser API that reports an
 * upload's progress (fetch has none). JSON as text, a file as the same FormData fetch would send.
 */
export const xhrTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    const body: string | FormData | null = request.form ? formDataOf(request.form) : (request.body ?? null);
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.timeout = request.timeoutMs;
    xhr.responseType = 'text';
    const listen = request.onUploadProgress;
    // Listened to before sending: a browser reports upload progress only to listeners present then.
    if (listen && request.form) {
      const content = request.form.file.content;
      const fileBytes = typeof content === 'string' ? content.length : content.byteLength;
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) listen(e.loaded, e.total);
      });
      // Sent whole. Where the length of the body is not known (jsdom), the file's size stands for it.
      xhr.upload.addEventListener('load', (e) => {
        const total = e.lengthComputable && e.total > 0 ? e.total : fileBytes;
        listen(total, total);
      });
    }
    xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
    xhr.addEventListener('error', () => reject(new TransportError('network')));
    xhr.addEventListener('abort', () => reject(new TransportError('network')));
    xhr.addEventListener('timeout', () => reject(new TransportError('timeout')));
    xhr.send(body);
  });

export const defaultTransport = (): Transport => (process.env.TARO_ENV === 'h5' ? xhrTransport : taroTransport);
