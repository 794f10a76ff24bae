import Taro from '@tarojs/taro';
import { ensurePrivacyAuthorized } from './privacy';
import { type ApiClient } from './request';
import { type Session } from './session';

/** WeChat sign-in: wx.login's one-time code, exchanged by the API for a session. */
export const signInWithWechat = async (client: ApiClient): Promise<Session> => {
  await ensurePrivacyAuthorized();
  const { code } = await Taro.login();
  const session = await client.post<Session>('/api/v1/auth/wechat', { code }, { anonymous: true });
  client.signedIn(session);
  return session;
};

/**
 * The demo sign-in (H5, and only where the API runs with AUTH_DEMO=1): a new applicant each time,
 * marked 演示 everywhere it shows.
 */
export const signInDemo = async (client: ApiClient): Promise<Session> => {
  const answer = await client.post<Session>('/api/v1/auth/demo', { role: 'applicant' }, { anonymous: true });
  const session: Session = { ...answer, demo: true };
  client.signedIn(session);
  return session;
};
