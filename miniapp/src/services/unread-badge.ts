import Taro from '@tarojs/taro';
import { type ApiClient } from '@huiqi/shared';
import { MESSAGES_TAB_INDEX } from './tabs';

/** The badge's text: the count, or 99+ (a tab badge has room for three characters). */
export const badgeText = (unread: number): string => (unread > 99 ? '99+' : String(unread));

/**
 * Shows `unread` on the 消息 tab, or no badge at 0. Off a tab page (a subpackage page on H5) the
 * call fails; the next tab page to show sets it again, so the failure is only logged.
 */
export const showUnread = async (unread: number): Promise<void> => {
  try {
    if (unread > 0) await Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: badgeText(unread) });
    else await Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX });
  } catch (error) {
    console.warn('tab badge not set', error);
  }
};

/** Reads the caller's unread count (one message's page is enough: the list carries the count) and shows it. */
export const refreshUnread = async (client: ApiClient): Promise<number | null> => {
  try {
    const { unread } = await client.listNotifications({ query: { limit: 1 } });
    await showUnread(unread);
    return unread;
  } catch (error) {
    // The badge is a hint: a failed read leaves the last one in place rather than troubling the page.
    console.warn('unread count not read', error);
    return null;
  }
};
