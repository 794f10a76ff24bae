import { Button, Input, Text, View } from '@tarojs/components';
import { type ApiClient, type DemoClockView } from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';
import { shanghaiToday } from '../../../services/shanghai-time';
import { useConfirm } from './confirm';

/**
 * The API's today (`getDemoClock`): what a payment's day, a return's deadline and working days left
 * are measured against. It is the browser's own day except in a demo whose clock was moved forward
 * (演示时钟); offline, the browser's day stands in.
 */
export const useApiClock = (client: ApiClient): [DemoClockView | null, () => void] => {
  const [clock, setClock] = useState<DemoClockView | null>(null);
  const load = useCallback(() => {
    client
      .getDemoClock()
      .then(setClock)
      .catch(() => setClock({ enabled: false, now: new Date().toISOString(), today: shanghaiToday(), offsetDays: 0 }));
  }, [client]);
  useEffect(load, [load]);
  return [clock, load];
};

/** Renders `children(today)` once the API's today is known. */
export const WithApiToday = ({ client, children }: { client: ApiClient; children: (today: string) => ReactNode }) => {
  const [clock] = useApiClock(client);
  return clock ? <>{children(clock.today)}</> : <Loading />;
};

/**
 * 演示时钟 (a demo under `npm start`, the administrator): moves the API's days forward so a notice
 * period ends now, with what will happen said first. Shows nothing where the clock is real.
 */
export const DemoClockCard = ({
  client,
  clock,
  onMoved,
}: {
  client: ApiClient;
  clock: DemoClockView;
  onMoved: () => void;
}) => {
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { dialog, ask } = useConfirm();
  if (!clock.enabled) return null;

  const move = async () => {
    const n = Number(days);
    if (!/^\d{1,2}$/.test(days.trim()) || n < 1 || n > 30) {
      setResult({ ok: false, text: '快进天数请填写1到30之间的整数' });
      return;
    }
    const sure = await ask({
      title: '快进演示时钟',
      body: (
        <Text>
          接口日期将从 {clock.today} 快进 {n}{' '}
          天。公示期已满且没有未处理异议的申报将结束公示、转为“已核定”，可以登记拨付。 此功能只在演示环境（npm
          start）中存在，所有工作人员看到的日期都会随之改变。
        </Text>
      ),
      confirmText: `快进 ${n} 天`,
    });
    if (!sure) return;
    setBusy(true);
    try {
      const moved = await client.advanceDemoClock({ body: { days: n } });
      setResult({
        ok: true,
        text: `已快进到 ${moved.today}（共快进 ${moved.offsetDays} 天），结束公示 ${moved.concluded.length} 件。`,
      });
      onMoved();
    } catch (error) {
      setResult({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card" data-demo-clock={clock.today}>
      <Text className="card-title">演示时钟</Text>
      <Text className="muted">
        {' '}
        接口日期 {clock.today}
        {clock.offsetDays > 0 ? `（已快进 ${clock.offsetDays} 天）` : ''}
        ：演示环境可以快进日期，让公示期（5个工作日）立即届满。
      </Text>
      {result ? (
        <View className={`wb-alert${result.ok ? ' wb-alert--ok' : ''}`} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </View>
      ) : null}
      <View className="wb-field">
        <Text className="wb-field__label">快进天数（1–30）</Text>
        <Input
          className="wb-field__input"
          type="number"
          value={days}
          placeholder="快进天数"
          onInput={(e) => setDays(e.detail.value)}
        />
      </View>
      <Button className="wb-button" {...busyProps(busy)} onClick={() => void move()}>
        快进
      </Button>
      {dialog}
    </View>
  );
};
