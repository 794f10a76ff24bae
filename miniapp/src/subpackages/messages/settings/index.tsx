import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { type ApiClient, type NotificationSettings } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import './index.scss';

type State =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; settings: NotificationSettings };

/** Each template's purpose with the messages WeChat still lets us send for it (0 for one never granted). */
export const creditsByPurpose = (settings: NotificationSettings): { purpose: string; remaining: number }[] => {
  const remaining = new Map<string, number>();
  for (const t of settings.templates) remaining.set(t.purpose, remaining.get(t.purpose) ?? 0);
  for (const c of settings.credits) remaining.set(c.purpose, (remaining.get(c.purpose) ?? 0) + c.remaining);
  return [...remaining].map(([purpose, count]) => ({ purpose, remaining: count }));
};

/** 消息设置: proactive matches on or off, and the WeChat subscription credits left. */
export const NotificationSettingsView = ({ client = api }: { client?: ApiClient }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      setState({ kind: 'ready', settings: await client.getNotificationSettings() });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client]);
  useEffect(() => void load(), [load]);
  // Credits change when a submission grants some: read again when the page is back.
  useDidShow(() => void load());

  const toggle = async (proactiveMatches: boolean) => {
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      setState({ kind: 'ready', settings: await client.putNotificationSettings({ body: { proactiveMatches } }) });
    } catch (error) {
      setSaveError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  const { settings } = state;
  const on = settings.proactiveMatches;
  const credits = creditsByPurpose(settings);
  return (
    <View>
      <View className="card">
        <View
          className="settings__switch tap"
          role="switch"
          aria-checked={on}
          aria-busy={saving}
          data-setting="proactiveMatches"
          onClick={() => void toggle(!on)}
        >
          <Text className="settings__label">政策匹配提醒</Text>
          <Text className={`settings__state ${on ? 'settings__state--on' : ''}`}>{on ? '● 已开启' : '○ 已关闭'}</Text>
        </View>
        <Text className="muted settings__hint">
          开启后，有新的申报批次、且您的企业看起来符合（或只差一项信息）时，会发消息告诉您可以申报的项目、最高金额和截止日期。
        </Text>
        {saveError ? (
          <View role="alert">
            <Text className="settings__error">✕ {saveError}</Text>
          </View>
        ) : null}
      </View>
      <View className="card" data-credits>
        <Text className="card-title">微信订阅消息</Text>
        <Text className="muted settings__hint">
          提交申报或重新提交时，微信会询问是否接收通知；每同意一次，可以收到一条该类微信消息。站内消息不受影响，始终都会发送。
        </Text>
        {credits.length === 0 ? (
          <Text className="settings__line">暂未提供微信订阅消息</Text>
        ) : (
          credits.map((c) => (
            <View key={c.purpose} className="settings__row" data-purpose={c.purpose}>
              <Text>{c.purpose}</Text>
              <Text className="settings__count">{c.remaining > 0 ? `还可接收 ${c.remaining} 条` : '未订阅'}</Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
};

function NotificationSettingsPage() {
  const session = useSession();
  return (
    <View className="page settings">
      {session ? <NotificationSettingsView /> : <Empty title="登录后设置消息" hint="请先在“我的”页面登录。" />}
    </View>
  );
}

export default NotificationSettingsPage;
