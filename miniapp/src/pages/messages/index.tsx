import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { type ApiClient, type NotificationView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../components/busy';
import { DemoBanner } from '../../components/demo-banner';
import { Empty, ErrorState, Loading } from '../../components/page-state';
import { useSession } from '../../hooks/use-session';
import { api } from '../../services/api';
import { setCurrentOrgId } from '../../services/current-org';
import { messageOf } from '../../services/errors';
import { formatDateTimeZh } from '../../services/shanghai-time';
import { showUnread } from '../../services/unread-badge';
import './index.scss';

/** The page a message opens: its application's 申报详情, for a proactive match the wizard on its program, for a referral 融资与跨境. */
/** What the link under a message says, for the kinds that are not about an application. */
const MORE_LABELS: Partial<Record<NotificationView['kind'], string>> = {
  referral: '查看转介 ›',
  'relocated-shop': '查看迁入店铺 ›',
  whitelist: '查看白名单推荐 ›',
};

export const messageUrl = (n: NotificationView): string | null => {
  if (n.kind === 'referral') return '/subpackages/finance/index/index';
  if (n.kind === 'relocated-shop') return n.orgId === null ? null : `/subpackages/shops/index/index?orgId=${n.orgId}`;
  if (n.kind === 'whitelist') return n.orgId === null ? null : `/subpackages/whitelist/apply/index?orgId=${n.orgId}`;
  if (n.programId !== null && n.applicationId === null) return `/subpackages/apply/new/index?programId=${n.programId}`;
  if (n.applicationId !== null) return `/subpackages/apply/detail/index?id=${n.applicationId}`;
  return null;
};

type Navigate = (url: string) => void;
const navigateTo: Navigate = (url) => void Taro.navigateTo({ url });

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; notifications: NotificationView[]; unread: number; next: number | null };

/** One message: unread marked with a dot and the word 未读 (never colour alone), title, body, when. */
const MessageItem = ({ message: n, onOpen }: { message: NotificationView; onOpen: () => void }) => {
  const unread = n.readAt === null;
  const url = messageUrl(n);
  return (
    <View
      className={`card messages__item tap ${unread ? 'messages__item--unread' : ''}`}
      role="link"
      data-notification={n.id}
      data-read={unread ? 'false' : 'true'}
      onClick={onOpen}
    >
      <View className="messages__head">
        <Text className="card-title messages__title">{n.title}</Text>
        {unread ? <Text className="messages__unread">● 未读</Text> : null}
      </View>
      <Text className="messages__body">{n.body}</Text>
      <Text className="messages__line muted">{formatDateTimeZh(n.createdAt)}</Text>
      {url ? (
        <Text className="messages__more">
          {MORE_LABELS[n.kind] ?? (n.applicationId === null ? '去申报 ›' : '查看申报 ›')}
        </Text>
      ) : null}
    </View>
  );
};

/**
 * The signed-in user's messages, newest first, a page at a time; opening one marks it read and
 * opens what it is about; the tab's badge follows the unread count.
 */
export const Inbox = ({ client = api, navigate = navigateTo }: { client?: ApiClient; navigate?: Navigate }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [allBusy, setAllBusy] = useState(false);

  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const list = await client.listNotifications({ query: {} });
      setState({ kind: 'ready', ...list });
      void showUnread(list.unread);
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client]);
  useEffect(() => void load(), [load]);
  // A tab page stays mounted: new messages show whenever the tab does.
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const loadMore = async (before: number) => {
    setMore({ busy: true, error: null });
    try {
      const page = await client.listNotifications({ query: { before } });
      setState((s) =>
        s.kind === 'ready'
          ? {
              kind: 'ready',
              // A message that arrived meanwhile can shift a page: keep each id once.
              notifications: [
                ...s.notifications,
                ...page.notifications.filter((n) => !s.notifications.some((o) => o.id === n.id)),
              ],
              unread: page.unread,
              next: page.next,
            }
          : s,
      );
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: messageOf(error) });
    }
  };

  const markRead = (ids: number[] | undefined, unread: number) => {
    const now = new Date().toISOString();
    setState((s) =>
      s.kind === 'ready'
        ? {
            ...s,
            unread,
            notifications: s.notifications.map((n) =>
              n.readAt === null && (ids === undefined || ids.includes(n.id)) ? { ...n, readAt: now } : n,
            ),
          }
        : s,
    );
    void showUnread(unread);
  };

  const open = (n: NotificationView) => {
    if (n.readAt === null && state.kind === 'ready') {
      markRead([n.id], Math.max(0, state.unread - 1));
      client.markNotificationsRead({ body: { ids: [n.id] } }).then(
        (result) => markRead([n.id], result.unread),
        // Read on the page already; the server marks it the next time it is opened.
        (error: unknown) => console.warn('message not marked read', error),
      );
    }
    const url = messageUrl(n);
    // A match is for one of the user's firms: the wizard applies as that firm.
    if (n.applicationId === null && n.orgId !== null) setCurrentOrgId(n.orgId);
    if (url) navigate(url);
  };

  const readAll = async () => {
    setAllBusy(true);
    try {
      markRead(undefined, (await client.markNotificationsRead({ body: {} })).unread);
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    } finally {
      setAllBusy(false);
    }
  };

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  if (state.notifications.length === 0)
    return (
      <Empty
        title="还没有消息"
        hint="申报提交、退回补正、审核通过、公示和拨付时，以及有适合您企业的政策时，都会在这里通知您。"
      />
    );
  const { next } = state;
  return (
    <View>
      <View className="messages__bar">
        <Text className="messages__count" data-unread={state.unread}>
          {state.unread > 0 ? `${state.unread} 条未读` : '消息都已读'}
        </Text>
        {state.unread > 0 ? (
          <Button className="messages__all" {...busyProps(allBusy)} onClick={() => void readAll()}>
            全部已读
          </Button>
        ) : null}
      </View>
      {state.notifications.map((n) => (
        <MessageItem key={n.id} message={n} onOpen={() => open(n)} />
      ))}
      {more.error ? <ErrorState message={more.error} /> : null}
      {next !== null ? (
        <Button className="messages__more-button" {...busyProps(more.busy)} onClick={() => void loadMore(next)}>
          加载更早的消息
        </Button>
      ) : (
        <Text className="messages__end muted">没有更早的消息了</Text>
      )}
    </View>
  );
};

function MessagesPage() {
  const session = useSession();
  useEffect(() => {
    if (!session) void showUnread(0);
  }, [session]);
  return (
    <View className="page messages">
      {session?.demo ? <DemoBanner text="演示账号：这里的消息只是演示" /> : null}
      {session ? (
        <Inbox />
      ) : (
        <Empty
          title="登录后查看消息"
          hint="申报的审核进度、退回补正和拨付通知都会发到这里。"
          action={
            <Button
              className="messages__action"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
            >
              去登录
            </Button>
          }
        />
      )}
    </View>
  );
}

export default MessagesPage;
