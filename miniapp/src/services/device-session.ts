import Taro from '@tarojs/taro';
import { type Session, type SessionStore } from './session';

const isSession = (value: unknown): value is Session => {
  const s = value as Partial<Session> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.user === 'object' &&
    s.user !== null
  );
};

const KEY = 'huiqi.session.v1';

/** The device's storage (wx storage, or localStorage on H5). */
export const deviceSessionStore: SessionStore = {
  get: () => {
    try {
      const value: unknown = Taro.getStorageSync(KEY);
      return isSession(value) ? value : null;
    } catch {
      return null;
    }
  },
  set: (session) => Taro.setStorageSync(KEY, session),
  clear: () => Taro.removeStorageSync(KEY),
};
