import { createApiClient } from './request';
import { deviceSessionStore } from './device-session';
import { type Session } from './session';
import { defaultTransport } from './taro-transport';

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

/** Pages that show the sign-in state listen here (hooks/use-session.ts). */
export const onSessionChange = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The app's one API client. */
export const api = createApiClient({
  baseUrl: API_BASE,
  transport: defaultTransport(),
  store: deviceSessionStore,
  onSessionChange: (session) => listeners.forEach((listener) => listener(session)),
});
