import { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { api } from '../services/api';
import { refreshUnread, showUnread } from '../services/unread-badge';
import { useSession } from './use-session';

/**
 * Keeps the 消息 tab's unread badge current on a tab page: read when the page opens and whenever
 * it shows again (a message may have come meanwhile); none while signed out.
 */
export const useUnreadBadge = (): void => {
  const session = useSession();
  const signedIn = session !== null;
  useEffect(() => {
    void (signedIn ? refreshUnread(api) : showUnread(0));
  }, [signedIn]);
  useDidShow(() => {
    if (signedIn) void refreshUnread(api);
  });
};
