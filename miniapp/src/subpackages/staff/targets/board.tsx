import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  ApiError,
  CITY_TARGETS_YEAR,
  OBSERVATION_INDICATORS,
  OBSERVATION_LABELS,
  type ObservationIndicator,
  type Role,
  type TargetsDashboard,
  type TargetView,
} from '@huiqi/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Chart } from '../../../charts/chart';
import { targetChartOption } from '../../../charts/options';
import { messageOf } from '../../../services/errors';
import { Done, Refused } from '../components/outcome';

const VERDICT = (reached: boolean | null): { text: string; tone: string } =>
  reached === null
    ? { text: '无法判断', tone: 'unknown' }
    : reached
      ? { text: '已达到', tone: 'reached' }
      : { text: '未达到', tone: 'short' };

const TargetCard = ({ target }: { target: TargetView }) => {
  const option = useMemo(() => targetChartOption(target), [target]);
  const verdict = VERDICT(target.reached);
  return (
    <View className="target wb-card" data-target={target.id} data-reached={String(target.reached)}>
      <View className="target__head">
        <Text className="target__title">
          第{target.measure}条 · {target.title}
        </Text>
        <Text className={`target__verdict target__verdict--${verdict.tone}`}>{verdict.text}</Text>
      </View>
      <Text className="target__clause">原文：{target.clause}</Text>
      <Text>目标：{target.goalLabel}</Text>
      <Text className="target__current">
        当前：{target.currentLabel}
        {target.asOf ? `（${target.asOf}）` : ''}
      </Text>
      <Text className="muted">{target.note}</Text>
      {target.series.length > 0 ? (
        <Chart id={`target-chart-${target.id}`} option={option} height={220} label={`${target.title}逐月累计图`} />
      ) : null}
    </View>
  );
};

interface ObservationDraft {
  indicator: ObservationIndicator;
  observedOn: string;
  value: string;
  source: string;
}

/** What the form's fields say is wrong, before anything is sent. */
export const observationProblems = (draft: ObservationDraft): Partial<Record<keyof ObservationDraft, string>> => {
  const out: Partial<Record<keyof ObservationDraft, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.observedOn)) out.observedOn = '请按YYYY-MM-DD填写观测日期，例如2023-06-30';
  if (!/^\d{1,8}$/.test(draft.value.trim())) out.value = '请填写不小于0的整数';
  if (draft.source.trim().length === 0) out.source = '请填写数据来源，例如 市统计局2023年6月通报';
  return out;
};

const ObservationForm = ({ client, onSaved }: { client: ApiClient; onSaved: (text: string) => void }) => {
  const [draft, setDraft] = useState<ObservationDraft>({
    indicator: 'firms-over-100m',
    observedOn: '',
    value: '',
    source: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof ObservationDraft, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof ObservationDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const send = async () => {
    const found = observationProblems(draft);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const saved = await client.recordTargetObservation({
        body: {
          indicator: draft.indicator,
          observedOn: draft.observedOn,
          value: Number(draft.value.trim()),
          source: draft.source.trim(),
        },
      });
      setDraft((d) => ({ ...d, value: '', source: '' }));
      onSaved(`已录入：${saved.label} ${saved.value}（${saved.observedOn}）`);
    } catch (error) {
      if (error instanceof ApiError && error.is('INVALID_REQUEST')) {
        const byField: Partial<Record<keyof ObservationDraft, string>> = {};
        for (const d of error.details) byField[d.field as keyof ObservationDraft] = d.message;
        setErrors(byField);
      }
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'observedOn' | 'value' | 'source', label: string, placeholder: string) => (
    <View className="wb-field">
      <Text className="wb-field__label">{label}</Text>
      <Input
        className="wb-field__input"
        aria-label={label}
        value={draft[name]}
        placeholder={placeholder}
        onInput={(e) => set(name, e.detail.value)}
      />
      {errors[name] ? (
        <View className="wb-field__error" role="alert">
          {errors[name]}
        </View>
      ) : null}
    </View>
  );
  return (
    <View className="observation-form wb-card">
      <Text className="card-title">录入月度数据无法给出的指标</Text>
      <Picker
        mode="selector"
        range={OBSERVATION_INDICATORS.map((i) => OBSERVATION_LABELS[i])}
        value={OBSERVATION_INDICATORS.indexOf(draft.indicator)}
        onChange={(e) => set('indicator', OBSERVATION_INDICATORS[Number(e.detail.value)] ?? 'firms-over-100m')}
      >
        <View className="wb-button" data-indicator={draft.indicator}>
          指标：{OBSERVATION_LABELS[draft.indicator]} ▾
        </View>
      </Picker>
      {field('observedOn', '观测日期', '例如 2023-06-30')}
      {field('value', '数量', '整数')}
      {field('source', '数据来源', '例如 市统计局2023年6月通报')}
      <Refused text={failure} />
      <Button className="wb-button wb-button--primary" disabled={busy} onClick={() => void send()}>
        录入
      </Button>
    </View>
  );
};

/**
 * 目标看板: the 2023 targets of the text against the monthly figures (the year so far, month by
 * month, with charts) and the counts city staff enter; city staff enter those counts here.
 */
export const TargetsBoard = ({ client, role }: { client: ApiClient; role: Role }) => {
  const [dashboard, setDashboard] = useState<TargetsDashboard | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    client
      .getTargets({ query: { year: CITY_TARGETS_YEAR } })
      .then((answer) => live && setDashboard(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, reload]);

  const canObserve = role === 'city-reviewer' || role === 'admin';
  return (
    <View className="targets-board">
      <Done text={done} />
      <Refused text={failure} />
      {!dashboard ? (
        failure ? null : (
          <Text className="muted">加载中…</Text>
        )
      ) : (
        <View>
          <Text className="targets-board__coverage" data-coverage>
            {dashboard.year}年底目标 · 月度数据：{dashboard.coverage}
          </Text>
          <View className="targets-board__grid">
            {dashboard.targets.map((t) => (
              <TargetCard key={t.id} target={t} />
            ))}
          </View>
          {canObserve ? (
            <ObservationForm
              client={client}
              onSaved={(text) => {
                setDone(text);
                refresh();
              }}
            />
          ) : null}
          <View className="observations wb-card">
            <Text className="card-title">已录入的指标</Text>
            {dashboard.observations.length === 0 ? (
              <Text className="muted">尚未录入</Text>
            ) : (
              dashboard.observations.map((o) => (
                <View key={o.id} className="observations__row" data-observation={o.id}>
                  <Text>{o.observedOn}</Text>
                  <Text className="observations__label">{o.label}</Text>
                  <Text>{o.value}</Text>
                  <Text className="muted">{o.source}</Text>
                </View>
              ))
            )}
          </View>
        </View>
      )}
    </View>
  );
};
