import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { onSessionChange, sessions } from '../services/api';
import { type Session } from '../services/session';

/** The signed-in session, kept current across pages (a tab page is not re-mounted when shown). */
export const useSession = (): Session | null => {
  const [session, setSession] = useState<Session | null>(() => sessions.session());
  useEffect(() => onSessionChange(setSession), []);
  useDidShow(() => setSession(sessions.session()));
  return session;
};
