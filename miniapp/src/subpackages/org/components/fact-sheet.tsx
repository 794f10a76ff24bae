import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type FactChangeView,
  type FactName,
  type Facts,
  type FactsView,
  type OrgView,
  type Provenance,
} from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { fieldOf, type FieldValue, type Inputs, inputsFromFacts } from '../../../calculator/form';
import { busyProps } from '../../../components/busy';
import { DemoBanner } from '../../../components/demo-banner';
import { FactField } from '../../../components/fact-field';
import { Notice } from '../../../components/notice';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { clearDraft, isRecord, loadDraft, saveDraft } from '../../../org/drafts';
import {
  changesByFact,
  claimYearsOf,
  defaultClaimYear,
  factChanges,
  fieldErrorsOf,
  PROVENANCE,
} from '../../../org/facts-view';
import { formatFactValue } from '../../../facts/values';
import { formatDateTimeZh, shanghaiToday } from '../../../services/shanghai-time';
import '../org.scss';
import './fact-sheet.scss';

interface Props {
  orgId: number | null;
  /** The facts this sheet shows and edits, in the catalogue's order. */
  names: readonly FactName[];
  /** Draft key part, so 企业档案 and 场地登记 keep separate drafts. */
  scope: string;
  /** Shown above the facts, once the firm is loaded (场地登记: which programs count them). */
  intro?: ReactNode;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'no-edition' }
  | { kind: 'ready'; org: OrgView; years: number[]; year: number };

type Facts$ =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; view: FactsView; history: FactChangeView[] };

const draftKey = (scope: string, orgId: number, year: number) => `huiqi.facts-draft.v1.${scope}.${orgId}.${year}`;
const isInputs = (value: unknown): value is Inputs => isRecord(value);

export const ProvenanceTag = ({ provenance, demo }: { provenance: Provenance; demo: boolean }) => (
  <Text className={`provenance provenance--${provenance}`}>
    <Text aria-hidden>{PROVENANCE[provenance].sign} </Text>
    {PROVENANCE[provenance].word}
    {demo ? '（演示数据）' : ''}
  </Text>
);

const History = ({ name, changes, demo }: { name: FactName; changes: FactChangeView[]; demo: boolean }) => (
  <View className="fact-sheet__history">
    {changes.map((change, i) => (
      <View key={`${change.changedAt}-${i}`} className="fact-sheet__change">
        <Text className="fact-sheet__change-when">{formatDateTimeZh(change.changedAt)}</Text>
        <Text className="fact-sheet__change-what">
          {formatFactValue(name, change.before) ?? '未填写'} → {formatFactValue(name, change.after) ?? '已清除'}
        </Text>
        <ProvenanceTag provenance={change.provenance} demo={demo} />
      </View>
    ))}
  </View>
);

/**
 * A firm's facts for one claim year: each with its value, where it came from and when, its
 * history; edited with the calculator's fields (derived from the fact catalogue) and saved
 * through putFacts. What is typed is kept on the device until the API accepts it.
 */
export const FactSheet = ({ orgId, names, scope, intro }: Props) => {
  const session = useSession();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [facts, setFacts] = useState<Facts$>({ kind: 'loading' });
  const [inputs, setInputs] = useState<Inputs | null>(null);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<FactName | null>(null);
  const fields = useMemo(() => names.map(fieldOf), [names]);

  const loadOrg = useCallback(async () => {
    if (orgId === null || !session) return;
    setState({ kind: 'loading' });
    try {
      const [org, editions, rounds] = await Promise.all([
        api.getOrg({ params: { orgId } }),
        api.listEditions(),
        // The open rounds only choose the year to show first: without them the editions decide.
        api.listRounds({ query: { open: 'true' } }).catch(() => ({ rounds: [] })),
      ]);
      const years = claimYearsOf(editions.editions);
      const year = defaultClaimYear(
        editions.editions,
        shanghaiToday(),
        rounds.rounds.map((r) => r.claimYear),
      );
      setState(year === null ? { kind: 'no-edition' } : { kind: 'ready', org, years, year });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [orgId, session]);

  useEffect(() => void loadOrg(), [loadOrg]);

  const year = state.kind === 'ready' ? state.year : null;
  const loadFacts = useCallback(async () => {
    if (orgId === null || year === null) return;
    setFacts({ kind: 'loading' });
    try {
      const [view, history] = await Promise.all([
        api.getFacts({ params: { orgId }, query: { year } }),
        api.getFactHistory({ params: { orgId }, query: { year } }),
      ]);
      setFacts({ kind: 'ready', view, history: history.changes });
      // An unsaved edit of this year comes back as it was left.
      setInputs(loadDraft(draftKey(scope, orgId, year), isInputs));
    } catch (error) {
      setFacts({ kind: 'error', message: messageOf(error) });
    }
  }, [orgId, year, scope]);

  useEffect(() => void loadFacts(), [loadFacts]);

  if (!session)
    return (
      <Empty
        title="请先登录"
        hint="登录后才能查看和填写企业的经营情况。"
        action={
          <Button className="org-button" onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}>
            去登录
          </Button>
        }
      />
    );
  if (orgId === null)
    return (
      <Empty
        title="还没有选择企业"
        hint="请先在“我的企业”中登记企业、加入企业，或选择当前企业。"
        action={
          <Button className="org-button" onClick={() => void Taro.redirectTo({ url: '/subpackages/org/index/index' })}>
            去我的企业
          </Button>
        }
      />
    );
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void loadOrg()} />;
  if (state.kind === 'no-edition')
    return <Empty title="暂无可填报的年度" hint="政策版本发布后，就可以按申报年度填写企业情况。" />;

  const { org, years } = state;
  const chosen = state.year;
  const stored: Facts = facts.kind === 'ready' ? facts.view.facts : {};
  const storedRecord = stored as Record<string, unknown>;
  const provenance = facts.kind === 'ready' ? facts.view.provenance : {};
  // 第九条: a count a talent roster derives is changed in the roster, never typed here.
  const editable = fields.filter((field) => provenance[field.name] !== 'roster');
  const history = facts.kind === 'ready' ? changesByFact(facts.history) : new Map<FactName, FactChangeView[]>();
  const editing = inputs !== null;

  const startEditing = () => {
    const picked = Object.fromEntries(
      names.filter((n) => storedRecord[n] !== undefined).map((n) => [n, storedRecord[n]]),
    );
    setInputs(inputsFromFacts(picked as Facts));
    setErrors({});
    setSaveError(null);
  };

  const setInput = (name: FactName, value: FieldValue | undefined) =>
    setInputs((current) => {
      const rest = Object.fromEntries(Object.entries(current ?? {}).filter(([key]) => key !== name)) as Inputs;
      const next = value === undefined ? rest : { ...rest, [name]: value };
      saveDraft(draftKey(scope, org.id, chosen), next);
      return next;
    });

  const cancel = () => {
    clearDraft(draftKey(scope, org.id, chosen));
    setInputs(null);
    setErrors({});
    setSaveError(null);
  };

  const save = async () => {
    if (!inputs || facts.kind !== 'ready') return;
    const changes = factChanges(inputs, editable, stored);
    setErrors(changes.errors);
    setSaveError(null);
    if (Object.keys(changes.errors).length > 0) return;
    if (Object.keys(changes.facts).length === 0) {
      cancel();
      void Taro.showToast({ title: '没有修改', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const view = await api.putFacts({
        params: { orgId: org.id },
        query: { year: chosen },
        body: { facts: changes.facts as Facts },
      });
      const history = await api
        .getFactHistory({ params: { orgId: org.id }, query: { year: chosen } })
        .then((h) => h.changes)
        .catch(() => facts.history);
      setFacts({ kind: 'ready', view, history });
      clearDraft(draftKey(scope, org.id, chosen));
      setInputs(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      // What was typed stays on screen and on the device; the API's words say what to fix.
      setErrors(fieldErrorsOf(error, 'facts.'));
      setSaveError(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const yearIndex = Math.max(years.indexOf(chosen), 0);

  return (
    <View className="fact-sheet">
      {org.demo || session.demo ? (
        <DemoBanner
          text={org.demo ? '这是演示企业，档案中的数据为演示数据' : '您正在使用演示账号，填写的数据仅供体验'}
        />
      ) : null}
      <View className="card">
        <Text className="card-title">{org.name}</Text>
        <Text className="muted org-note">
          统一社会信用代码 {org.uscc} · {org.countyName}（企业登记信息，在“我的企业”中查看）
        </Text>
        <View className="fact-sheet__year">
          <Text className="fact-sheet__year-label">申报年度</Text>
          <Picker
            mode="selector"
            range={years.map((y) => `${y}年度`)}
            value={yearIndex}
            onChange={(e) => {
              const next = years[Number(e.detail.value)];
              if (next !== undefined && next !== chosen) {
                setInputs(null);
                setState({ ...state, year: next });
              }
            }}
          >
            <View className="fact-sheet__picker tap" data-testid="year-picker">
              {chosen}年度 <Text aria-hidden>▾</Text>
            </View>
          </Picker>
        </View>
        {intro}
      </View>

      {facts.kind === 'loading' ? <Loading /> : null}
      {facts.kind === 'error' ? <ErrorState message={facts.message} onRetry={() => void loadFacts()} /> : null}

      {facts.kind === 'ready' && !editing ? (
        <View className="card">
          {facts.view.updatedAt === null ? (
            <Notice text={`${chosen}年度还没有填写任何情况。点击下方“填写”开始，不清楚的可以先空着。`} />
          ) : null}
          {names.map((name) => {
            const value = formatFactValue(name, storedRecord[name]);
            const changes = history.get(name) ?? [];
            const from = provenance[name];
            const latest = changes[0];
            return (
              <View key={name} className="fact-sheet__row" data-fact={name}>
                <Text className="fact-sheet__label">{fieldOf(name).label}</Text>
                <Text className={`fact-sheet__value ${value === null ? 'fact-sheet__value--empty' : ''}`}>
                  {value ?? '未填写'}
                </Text>
                {value !== null && from ? (
                  <View className="fact-sheet__meta">
                    <ProvenanceTag provenance={from} demo={org.demo} />
                    {latest ? <Text className="muted"> · {formatDateTimeZh(latest.changedAt)}</Text> : null}
                  </View>
                ) : null}
                {from === 'roster' ? (
                  <Text
                    className="link tap fact-sheet__toggle"
                    data-roster-link={name}
                    onClick={() => void Taro.navigateTo({ url: `/subpackages/roster/index/index?orgId=${org.id}` })}
                  >
                    由人才名册计算，去名册修改
                  </Text>
                ) : null}
                {changes.length > 0 ? (
                  <Text className="link tap fact-sheet__toggle" onClick={() => setOpen(open === name ? null : name)}>
                    {open === name ? '收起修改记录' : `修改记录（${changes.length}条）`}
                  </Text>
                ) : null}
                {open === name ? <History name={name} changes={changes} demo={org.demo} /> : null}
              </View>
            );
          })}
          <Button className="org-button" onClick={startEditing}>
            填写 / 修改
          </Button>
        </View>
      ) : null}

      {facts.kind === 'ready' && inputs !== null ? (
        <View className="card fact-sheet__form">
          <Text className="card-title org-title">填写{chosen}年度情况</Text>
          <Text className="muted org-note">金额按元填写，可精确到分；不清楚的可以空着，清空一项即删除该项。</Text>
          {editable.map((field) => (
            <FactField
              key={field.name}
              field={field}
              value={inputs[field.name]}
              error={errors[field.name]}
              onChange={(value) => setInput(field.name, value)}
            />
          ))}
          {saveError ? (
            <View className="fact-sheet__error" role="alert">
              ✕ {saveError}
            </View>
          ) : null}
          <Button className="org-button" {...busyProps(busy)} onClick={() => void save()}>
            保存
          </Button>
          <Button className="org-button org-button--plain" onClick={cancel}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  );
};
