import Taro from '@tarojs/taro';
import { fetchTransport, type Transport, TransportError } from './transport';

/** wx.request through Taro: the mini-program. `dataType: '其他'` keeps the body as text. */
export const taroTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    void Taro.request({
      url: request.url,
      method: request.method,
      header: request.headers,
      data: request.body,
      timeout: request.timeoutMs,
      dataType: '其他',
      responseType: 'text',
      success: (res) => resolve({ status: res.statusCode, text: typeof res.data === 'string' ? res.data : '' }),
      fail: (err: { errMsg?: string }) =>
        reject(new TransportError(/timeout/i.test(err.errMsg ?? '') ? 'timeout' : 'network')),
    });
  });

export const defaultTransport = (): Transport => (process.env.TARO_ENV === 'h5' ? fetchTransport : taroTransport);
