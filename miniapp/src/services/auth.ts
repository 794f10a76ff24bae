import { type ApiClient } from '@huiqi/shared';
import Taro from '@tarojs/taro';
import { ensurePrivacyAuthorized } from './privacy';
import { type Session } from './session';

/** WeChat sign-in: wx.login's one-time code, exchanged by the API for a session (the client keeps it). */
export const signInWithWechat = async (client: ApiClient): Promise<Session> => {
  await ensurePrivacyAuthorized();
  const { code } = await Taro.login();
  return client.wechatLogin({ body: { code } });
};
