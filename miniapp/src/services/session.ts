import { type ApiClient, type Session as WireSession, type TokenSource } from '@huiqi/shared';

/** A sign-in's session as the app keeps it: the API's answer, marked when it came from the demo sign-in. */
export type Session = WireSession & {
  /** Signed in through the demo sign-in (H5): the pages say 演示. */
  demo?: boolean;
};

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

/** The session as the typed client's token source, and as the pages read it. */
export interface AppSessionSource extends TokenSource {
  /** The session signed in now, if any. */
  session(): Session | null;
  /** Marks the session just opened as a demo one (the demo sign-in). */
  markDemo(): void;
}

/**
 * Keeps the typed client's sessions in a store: a refresh keeps the demo mark of the session it
 * replaces (the same user), and every change (sign-in, refresh, sign-out, a refused refresh) is told.
 */
export const sessionSource = (
  store: SessionStore,
  onChange: (session: Session | null) => void = () => undefined,
): AppSessionSource => ({
  current: () => store.get(),
  session: () => store.get(),
  save: (next) => {
    if (!next) {
      const had = store.get() !== null;
      store.clear();
      if (had) onChange(null);
      return;
    }
    const previous = store.get();
    const demo = previous?.demo === true && previous.user.id === next.user.id;
    const session: Session = demo ? { ...next, demo } : { ...next };
    store.set(session);
    onChange(session);
  },
  markDemo: () => {
    const session = store.get();
    if (!session || session.demo) return;
    const marked = { ...session, demo: true };
    store.set(marked);
    onChange(marked);
  },
});

/**
 * The demo sign-in (H5, and only where the API runs with AUTH_DEMO=1): a new applicant each time,
 * marked 演示 everywhere it shows.
 */
export const signInDemo = async (client: ApiClient, sessions: AppSessionSource): Promise<Session> => {
  const session = await client.demoLogin({ body: { role: 'applicant' } });
  sessions.markDemo();
  return { ...session, demo: true };
};

/**
 * Signs out at once on this device, then revokes the refresh token on the server (best effort:
 * offline, it expires on its own).
 */
export const signOut = async (client: ApiClient, sessions: AppSessionSource): Promise<void> => {
  const session = sessions.session();
  await sessions.save(null);
  if (session) await client.logout({ body: { refreshToken: session.refreshToken } }).catch(() => undefined);
};
