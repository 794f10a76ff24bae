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

/** A session kept in memory only (a page that must not remember, and the tests). */
export const memorySessionStore = (initial: Session | null = null): SessionStore => {
  let current = initial;
  return {
    get: () => current,
    set: (session) => (current = session),
    clear: () => (current = null),
  };
};
