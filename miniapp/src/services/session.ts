import Taro from '@tarojs/taro';

/** What a sign-in answers (POST /api/v1/auth/wechat, /demo, /refresh). */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: number; role: string; county: string | null; displayName: string };
  /** Signed in through the demo sign-in (H5): the pages say 演示. */
  demo?: boolean;
}

/** Where the session lives between launches. */
export interface SessionStore {
  get(): Session | null;
  set(session: Session): void;
  clear(): void;
}

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

/** A session kept in memory only (a page that must not remember, and the tests). */
export const memorySessionStore = (initial: Session | null = null): SessionStore => {
  let current = initial;
  return {
    get: () => current,
    set: (session) => (current = session),
    clear: () => (current = null),
  };
};
