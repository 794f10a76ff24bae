import { createApiClient } from '@huiqi/shared';
import { deviceSessionStore } from './device-session';
import { type Session, sessionSource } from './session';
import { defaultTransport } from './taro-transport';

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

/** Pages that show the sign-in state listen here (hooks/use-session.ts). */
export const onSessionChange = (listener: Listener): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The signed-in session, kept on the device. */
export const sessions = sessionSource(deviceSessionStore, (session) =>
  listeners.forEach((listener) => listener(session)),
);

/** The app's one API client: the shared typed client over wx.request (weapp) or XMLHttpRequest (H5). */
export const api = createApiClient({ baseUrl: API_BASE, transport: defaultTransport(), tokens: sessions });
