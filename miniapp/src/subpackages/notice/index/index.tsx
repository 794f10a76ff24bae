import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import {
  ApiError,
  type ApiClient,
  formatDateZh,
  formatFen,
  type PublicNotice,
  type PublicNoticeList,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import {
  EMPTY_OBJECTION,
  type ObjectionDraft,
  type ObjectionErrors,
  type ObjectionField,
  validateObjection,
} from '../../../notice/objection-form';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; list: PublicNoticeList };

const FIELDS: { field: ObjectionField; label: string; placeholder: string; multiline: boolean; max: number }[] = [
  { field: 'name', label: '姓名（实名）', placeholder: '您的真实姓名', multiline: false, max: 50 },
  { field: 'phone', label: '联系电话', placeholder: '手机号或带区号的固定电话', multiline: false, max: 20 },
  { field: 'reason', label: '异议理由', placeholder: '认为这项奖励不应发放的理由', multiline: true, max: 500 },
  { field: 'evidence', label: '证据或线索', placeholder: '能说明问题的事实、材料及出处', multiline: true, max: 2000 },
];

/** 异议: named, with a phone, a reason and evidence; each field checked before it is sent. */
export const ObjectionForm = ({
  client,
  notice,
  onDone,
  onCancel,
}: {
  client: ApiClient;
  notice: PublicNotice;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const [draft, setDraft] = useState<ObjectionDraft>(EMPTY_OBJECTION);
  const [errors, setErrors] = useState<ObjectionErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: ObjectionField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const send = async () => {
    const { request, errors: found } = validateObjection(draft);
    setErrors(found);
    setFailure(null);
    if (!request) return setFailure('有填写不正确的地方，请按提示修改');
    setBusy(true);
    try {
      await client.fileObjection({ params: { id: notice.applicationId }, body: request });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.is('INVALID_REQUEST')) {
        const byField: ObjectionErrors = {};
        for (const d of error.details) byField[d.field as ObjectionField] = d.message;
        setErrors(byField);
      }
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="objection" data-objection={notice.applicationId}>
      <Text className="card-title">对“{notice.firmName}”提出异议</Text>
      <Text className="muted">异议须实名，您的姓名和电话只提供给审核部门，不会公开。</Text>
      {FIELDS.map(({ field, label, placeholder, multiline, max }) => (
        <View
          key={field}
          className={`notice-form__field ${errors[field] ? 'notice-form__field--error' : ''}`}
          data-field={field}
        >
          <Text className="notice-form__label">{label}</Text>
          {multiline ? (
            <Textarea
              className="notice-form__input notice-form__input--multi"
              value={draft[field]}
              placeholder={placeholder}
              maxlength={max}
              autoHeight
              onInput={(e) => set(field, e.detail.value)}
            />
          ) : (
            <Input
              className="notice-form__input"
              type={field === 'phone' ? 'number' : 'text'}
              value={draft[field]}
              placeholder={placeholder}
              maxlength={max}
              onInput={(e) => set(field, e.detail.value)}
            />
          )}
          {errors[field] ? (
            <View className="notice-form__error" role="alert">
              <Text>✕ {errors[field]}</Text>
            </View>
          ) : null}
        </View>
      ))}
      {failure ? (
        <View className="notice-form__failure" role="alert">
          <Text>✕ {failure}</Text>
        </View>
      ) : null}
      <Button className="notice__primary" {...busyProps(busy)} onClick={() => void send()}>
        提交异议
      </Button>
      <Button className="notice__secondary" onClick={onCancel}>
        取消
      </Button>
    </View>
  );
};

const NoticeItem = ({
  client,
  notice,
  signedIn,
  onFiled,
}: {
  client: ApiClient;
  notice: PublicNotice;
  signedIn: boolean;
  onFiled: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const [filed, setFiled] = useState(false);
  return (
    <View className="card notice-item" data-notice={notice.applicationId}>
      <Text className="card-title">{notice.firmName}</Text>
      <Text className="notice-item__line">
        第{notice.measure}条 {notice.programTitle}（{notice.claimYear}年度）
      </Text>
      <Text className="notice-item__amount">拟奖励 {formatFen(notice.amountFen)}</Text>
      <Text className="notice-item__line">
        公示期：{formatDateZh(notice.starts)} 至 {formatDateZh(notice.ends)}
      </Text>
      <Text className={`notice-item__state ${notice.open ? 'notice-item__state--open' : ''}`}>
        {notice.open ? '● 公示中，可以提出异议' : '○ 公示期已结束，不再受理异议'}
      </Text>
      {filed ? <Text className="notice-item__done">✓ 异议已提交，审核部门会依法核实处理</Text> : null}
      {notice.open && !filed && !open ? (
        signedIn ? (
          <Button className="notice__secondary" onClick={() => setOpen(true)}>
            提出异议
          </Button>
        ) : (
          <Button
            className="notice__secondary"
            onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
          >
            登录后提出异议
          </Button>
        )
      ) : null}
      {open ? (
        <ObjectionForm
          client={client}
          notice={notice}
          onCancel={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setFiled(true);
            onFiled();
          }}
        />
      ) : null}
    </View>
  );
};

/** The public notice list (no sign-in), with 异议 for a signed-in reader. */
export const NoticeBoard = ({ client, signedIn }: { client: ApiClient; signedIn: boolean }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      setState({ kind: 'ready', list: await client.listPublicNotices({ query: {} }) });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client]);
  useEffect(() => void load(), [load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  return (
    <View>
      <View className="card">
        <Text className="card-title">奖补资金公示</Text>
        <Text className="notice-item__line">
          公示期内，任何单位和个人对公示的企业及金额有异议的，可以实名提出并附证据或线索。
        </Text>
        {state.list.objectionsTo ? (
          <Text className="notice-item__line">受理单位：{state.list.objectionsTo}</Text>
        ) : null}
      </View>
      {state.list.notices.length === 0 ? (
        <Empty title="目前没有正在公示的项目" hint="市级复审通过的奖补会在这里公示。" />
      ) : (
        state.list.notices.map((notice) => (
          <NoticeItem
            key={notice.applicationId}
            client={client}
            notice={notice}
            signedIn={signedIn}
            onFiled={() => void load()}
          />
        ))
      )}
    </View>
  );
};

function NoticePage() {
  const session = useSession();
  return (
    <View className="page notice-page">
      <NoticeBoard client={api} signedIn={session !== null} />
    </View>
  );
}

export default NoticePage;
