import { fetchTransport, type Transport, TransportError } from '@huiqi/shared';
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
      void Taro.uploadFile({
        url: request.url,
        filePath: file.content,
        name: field,
        header: request.headers,
        timeout: request.timeoutMs,
        success: (res) => resolve({ status: res.statusCode, text: typeof res.data === 'string' ? res.data : '' }),
        fail: (err: { errMsg?: string }) => reject(failure(err)),
      });
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

export const defaultTransport = (): Transport => (process.env.TARO_ENV === 'h5' ? fetchTransport() : taroTransport);
