import { Button, Input, Text, View } from '@tarojs/components';
import {
  ApiError,
  type ApiClient,
  HIRE_TRAINING_LABELS,
  type HireRoster,
  type HireRowView,
  type HireTrainingKind,
  ROSTER_LABELS,
  type RosterKind,
  type StreamerRoster,
  type StreamerRowView,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { ErrorState, Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';
import {
  COUNT_NEEDED,
  EMPTY_HIRE,
  EMPTY_STREAMER,
  type Errors,
  hireDraftOf,
  type HireDraft,
  streamerDraftOf,
  type StreamerDraft,
  validateHire,
  validateStreamer,
} from '../../../roster/form';

type Roster = HireRoster | StreamerRoster;
type Row = HireRowView | StreamerRowView;
type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; roster: Roster };

interface FieldSpec {
  field: string;
  label: string;
  placeholder: string;
  type?: 'text' | 'number' | 'idcard';
}

const HIRE_FIELDS: FieldSpec[] = [
  { field: 'name', label: '姓名', placeholder: '真实姓名' },
  { field: 'residentId', label: '身份证号码', placeholder: '18位身份证号码', type: 'idcard' },
  { field: 'hireDate', label: '入职日期', placeholder: '例如 2026-03-01' },
  { field: 'socialInsuranceMonths', label: '连续缴纳社保月数', placeholder: '例如 6', type: 'number' },
];
const INSTITUTION_FIELD: FieldSpec = {
  field: 'institutionUscc',
  label: '培训机构统一社会信用代码',
  placeholder: '白名单培训机构的18位代码',
};
const COLLEGE_FIELD: FieldSpec = { field: 'collegeName', label: '院校名称', placeholder: '开展“专业+实训”培训的院校' };

const STREAMER_FIELDS: FieldSpec[] = [
  { field: 'name', label: '姓名', placeholder: '真实姓名' },
  { field: 'residentId', label: '身份证号码', placeholder: '18位身份证号码', type: 'idcard' },
  { field: 'followers', label: '粉丝数', placeholder: '例如 120000', type: 'number' },
  { field: 'contractFirmName', label: '签约的我市企业', placeholder: '签订直播带货业务合同的企业名称' },
  { field: 'contractFirmUscc', label: '签约企业统一社会信用代码', placeholder: '18位代码' },
  { field: 'contractMonths', label: '合同期限（月）', placeholder: '例如 12', type: 'number' },
  { field: 'socialInsuranceMonths', label: '连续缴纳社保月数', placeholder: '例如 6', type: 'number' },
];

const TextField = ({
  spec,
  value,
  error,
  editing,
  onInput,
}: {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  editing: boolean;
  onInput: (value: string) => void;
}) => (
  <View className={`roster-form__field ${error ? 'roster-form__field--error' : ''}`} data-field={spec.field}>
    <Text className="roster-form__label">{spec.label}</Text>
    <Input
      className="roster-form__input"
      type={spec.type === 'number' ? 'number' : spec.type === 'idcard' ? 'idcard' : 'text'}
      value={value}
      placeholder={editing && spec.field === 'residentId' ? '不修改请留空' : spec.placeholder}
      onInput={(e) => onInput(e.detail.value)}
    />
    {error ? (
      <View className="roster-form__error" role="alert">
        <Text>✕ {error}</Text>
      </View>
    ) : null}
  </View>
);

/** Adds a person, or changes one (`row`): each field checked before it is sent, the API's words after. */
const RowForm = ({
  client,
  kind,
  orgId,
  year,
  today,
  row,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  kind: RosterKind;
  orgId: number;
  year: number;
  today: string;
  row: Row | null;
  onSaved: (roster: Roster) => void;
  onCancel: () => void;
}) => {
  const [hire, setHire] = useState<HireDraft>(() =>
    kind === 'hires' && row ? hireDraftOf(row as HireRowView) : EMPTY_HIRE,
  );
  const [streamer, setStreamer] = useState<StreamerDraft>(() =>
    kind === 'streamers' && row ? streamerDraftOf(row as StreamerRowView) : EMPTY_STREAMER,
  );
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = row !== null;

  const valueOf = (field: string): string =>
    kind === 'hires' ? String(hire[field as keyof HireDraft]) : String(streamer[field as keyof StreamerDraft]);
  const set = (field: string, value: string) => {
    if (kind === 'hires') setHire((d) => ({ ...d, [field]: value }));
    else setStreamer((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: '' }));
  };

  const send = async () => {
    setFailure(null);
    const checked = kind === 'hires' ? validateHire(hire, editing, today) : validateStreamer(streamer, editing, today);
    setErrors(checked.errors);
    if (!checked.request) return setFailure('有填写不正确的地方，请按提示修改');
    setBusy(true);
    try {
      const body = checked.request as never;
      let saved: Roster;
      if (kind === 'hires')
        saved = row
          ? await client.updateHire({ params: { orgId, rowId: row.id }, body })
          : await client.addHire({ params: { orgId }, query: { year }, body });
      else
        saved = row
          ? await client.updateStreamer({ params: { orgId, rowId: row.id }, body })
          : await client.addStreamer({ params: { orgId }, query: { year }, body });
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && (error.is('INVALID_REQUEST') || error.is('CONFLICT'))) {
        const byField: Errors = {};
        for (const d of error.details as { field: string; message: string }[]) byField[d.field] = d.message;
        setErrors(byField);
      }
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const fields =
    kind === 'hires'
      ? [...HIRE_FIELDS, hire.trainingKind === 'college' ? COLLEGE_FIELD : INSTITUTION_FIELD]
      : STREAMER_FIELDS;
  return (
    <View className="card roster-form" data-form={kind}>
      <Text className="card-title">{editing ? `修改：${row.name}` : `添加到${ROSTER_LABELS[kind]}`}</Text>
      {kind === 'hires' ? (
        <View className="roster-form__field" data-field="trainingKind">
          <Text className="roster-form__label">培训方式</Text>
          {(Object.keys(HIRE_TRAINING_LABELS) as HireTrainingKind[]).map((k) => (
            <View
              key={k}
              className={`roster-choice tap ${hire.trainingKind === k ? 'roster-choice--on' : ''}`}
              role="radio"
              aria-checked={hire.trainingKind === k}
              data-training={k}
              onClick={() => setHire((d) => ({ ...d, trainingKind: k }))}
            >
              <Text aria-hidden>{hire.trainingKind === k ? '◉ ' : '○ '}</Text>
              <Text>{HIRE_TRAINING_LABELS[k]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {fields.map((spec) => (
        <TextField
          key={spec.field}
          spec={spec}
          value={valueOf(spec.field)}
          error={errors[spec.field] || undefined}
          editing={editing}
          onInput={(v) => set(spec.field, v)}
        />
      ))}
      {failure ? (
        <View className="roster-form__failure" role="alert">
          <Text>✕ {failure}</Text>
        </View>
      ) : null}
      <Button className="roster-primary" {...busyProps(busy)} onClick={() => void send()}>
        保存
      </Button>
      <Button className="roster-secondary" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
};

const rowDetails = (kind: RosterKind, row: Row): string[] => {
  if (kind === 'hires') {
    const r = row as HireRowView;
    return [
      `${HIRE_TRAINING_LABELS[r.trainingKind]}：${r.trainingKind === 'college' ? (r.collegeName ?? '') : (r.institutionUscc ?? '')}`,
      `入职日期：${r.hireDate}；连续缴纳社保${r.socialInsuranceMonths}个月`,
    ];
  }
  const r = row as StreamerRowView;
  return [
    `粉丝${r.followers.toLocaleString('en-US')}；签约企业：${r.contractFirmName}（${r.contractFirmUscc}）`,
    `合同${r.contractMonths}个月；连续缴纳社保${r.socialInsuranceMonths}个月`,
  ];
};

/** One person: masked ID, details, counted or not and each part of the clause with why. */
const RowCard = ({
  kind,
  row,
  onEdit,
  onRemove,
}: {
  kind: RosterKind;
  row: Row;
  onEdit: () => void;
  onRemove: () => Promise<void>;
}) => {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <View className={`card roster-row ${row.counts ? 'roster-row--counts' : ''}`} data-row={row.id}>
      <Text className="card-title">
        {row.name}
        <Text className="roster-row__id"> {row.residentId}</Text>
      </Text>
      <Text className={`roster-row__verdict ${row.counts ? 'roster-row__verdict--yes' : ''}`} data-counts={row.counts}>
        {row.counts ? '✓ 计入人数' : '✕ 不计入人数'}
      </Text>
      {rowDetails(kind, row).map((line) => (
        <Text key={line} className="roster-line">
          {line}
        </Text>
      ))}
      {row.checks.map((check) => (
        <Text
          key={check.id}
          className={`roster-check ${check.ok ? 'roster-check--ok' : 'roster-check--no'}`}
          data-check={check.id}
        >
          {check.ok ? '✓ ' : '✕ '}
          {check.text}
        </Text>
      ))}
      <View className="roster-row__buttons">
        <Button className="roster-secondary" onClick={onEdit}>
          修改
        </Button>
        {confirming ? (
          <Button
            className="roster-danger"
            {...busyProps(busy)}
            onClick={() => {
              setBusy(true);
              void onRemove().finally(() => setBusy(false));
            }}
          >
            确定删除
          </Button>
        ) : (
          <Button className="roster-secondary" onClick={() => setConfirming(true)}>
            删除
          </Button>
        )}
      </View>
    </View>
  );
};

/** 人才名册 (第九条) of a firm and year: the roster's rows, its count, and adding, changing, removing people. */
export const RosterBoard = ({
  client,
  orgId,
  kind,
  year,
  today,
}: {
  client: ApiClient;
  orgId: number;
  kind: RosterKind;
  year: number;
  today: string;
}) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [form, setForm] = useState<{ row: Row | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const roster =
        kind === 'hires'
          ? await client.getHireRoster({ params: { orgId }, query: { year } })
          : await client.getStreamerRoster({ params: { orgId }, query: { year } });
      setState({ kind: 'ready', roster });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client, orgId, kind, year]);
  useEffect(() => void load(), [load]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  const { roster } = state;

  const remove = async (row: Row) => {
    setFailure(null);
    try {
      const next =
        kind === 'hires'
          ? await client.removeHire({ params: { orgId, rowId: row.id } })
          : await client.removeStreamer({ params: { orgId, rowId: row.id } });
      setState({ kind: 'ready', roster: next });
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  return (
    <View>
      <View className="card roster-summary" data-roster={kind}>
        <Text className="card-title">
          {year}年度{ROSTER_LABELS[kind]}
        </Text>
        <Text className="roster-count" data-count={roster.count}>
          计入人数：{roster.count} 人（共登记 {roster.rows.length} 人；{COUNT_NEEDED[kind]}）
        </Text>
        <Text className="roster-line">{roster.clause}</Text>
        <Text className="roster-line">
          名册有人员时，该人数由名册自动计算并用于申报，不能另行填写。身份证号码仅用于核对，页面只显示部分号码。
        </Text>
      </View>
      {failure ? (
        <View className="roster-form__failure" role="alert">
          <Text>✕ {failure}</Text>
        </View>
      ) : null}
      {form ? (
        <RowForm
          key={form.row?.id ?? 'new'}
          client={client}
          kind={kind}
          orgId={orgId}
          year={year}
          today={today}
          row={form.row}
          onSaved={(next) => {
            setState({ kind: 'ready', roster: next });
            setForm(null);
          }}
          onCancel={() => setForm(null)}
        />
      ) : (
        <Button className="roster-primary" onClick={() => setForm({ row: null })}>
          添加人员
        </Button>
      )}
      {roster.rows.map((row) => (
        <RowCard key={row.id} kind={kind} row={row} onEdit={() => setForm({ row })} onRemove={() => remove(row)} />
      ))}
    </View>
  );
};
