import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  EXPORT_MODE_LABELS,
  EXPORT_MODES,
  formatFen,
  LOAN_CONSENT,
  type ReferralKind,
  type ReferralView,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import {
  checkCrossBorderDraft,
  checkLoanDraft,
  CROSS_BORDER_CLAUSE,
  EMPTY_CROSS_BORDER,
  EMPTY_LOAN,
  LOAN_CLAUSE,
} from '../../../finance/referrals';
import { useSession } from '../../../hooks/use-session';
import { fieldErrorsOf } from '../../../org/facts-view';
import { api } from '../../../services/api';
import { useCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import './index.scss';

const FieldError = ({ text }: { text: string | undefined }) =>
  text ? (
    <View className="finance-form__error" role="alert">
      ✕ {text}
    </View>
  ) : null;

const Field = ({
  field,
  label,
  error,
  children,
}: {
  field: string;
  label: string;
  error: string | undefined;
  children: React.ReactNode;
}) => (
  <View className={`finance-form__field ${error ? 'finance-form__field--error' : ''}`} data-field={field}>
    <Text className="finance-form__label">{label}</Text>
    {children}
    <FieldError text={error} />
  </View>
);

/** 第十一条 or 第七条, quoted, with who leads it. */
const Guidance = ({ kind }: { kind: ReferralKind }) => {
  const clause = kind === 'loan' ? LOAN_CLAUSE : CROSS_BORDER_CLAUSE;
  return (
    <View className="finance-guide" data-guide={kind}>
      <Text className="finance-guide__title">{clause.clause}</Text>
      <Text className="finance-guide__quote">“{clause.text}”</Text>
      <Text className="finance-guide__dept">{clause.departments}</Text>
      {kind === 'cross-border' ? (
        <View className="finance-guide__offers">
          {CROSS_BORDER_CLAUSE.offers.map((o) => (
            <Text key={o} className="finance-guide__offer">
              · {o}
            </Text>
          ))}
        </View>
      ) : (
        <Text className="finance-guide__offer">
          平台根据贵企业的申请和同意，将企业数据摘要推荐给“齐鲁电商贷”合作银行；贷款是否发放、额度和利率由银行和担保公司审查决定。
        </Text>
      )}
    </View>
  );
};

/**
 * A referral request's form: the draft, each field's problem (the page's check first, then the
 * API's), the refusal, and sending. Cleared and `onDone` once the API has taken it.
 */
const useReferralForm = <D, R>(
  empty: D,
  check: (draft: D) => { request: R | null; errors: Partial<Record<string, string>> },
  send: (request: R) => Promise<unknown>,
  onDone: () => void,
) => {
  const [draft, setDraft] = useState<D>(empty);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const submit = async () => {
    const checked = check(draft);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.request) return;
    setBusy(true);
    try {
      await send(checked.request);
      setDraft(empty);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      onDone();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { draft, set, errors, failure, busy, submit };
};

const LoanForm = ({ orgId, onDone }: { orgId: number; onDone: () => void }) => {
  const { draft, set, errors, failure, busy, submit } = useReferralForm(
    EMPTY_LOAN,
    checkLoanDraft,
    (body) => api.createLoanReferral({ params: { orgId }, body }),
    onDone,
  );
  return (
    <View className="finance-form" data-form="loan">
      <Field field="amountYuan" label="贷款金额（元，10万元至1000万元）" error={errors['amountYuan']}>
        <Input
          className="finance-form__input"
          type="digit"
          value={draft.amountYuan}
          placeholder="例如 500000"
          maxlength={20}
          onInput={(e) => set('amountYuan', e.detail.value)}
        />
      </Field>
      <Field field="purpose" label="贷款用途" error={errors['purpose']}>
        <Textarea
          className="finance-form__textarea"
          value={draft.purpose}
          placeholder="例如 采购备货、支付平台推广费用"
          maxlength={500}
          onInput={(e) => set('purpose', e.detail.value)}
        />
      </Field>
      <Field field="consent" label="数据提供同意" error={errors['consent']}>
        <View
          role="checkbox"
          aria-checked={draft.consent}
          className={`finance-consent ${draft.consent ? 'finance-consent--on' : ''}`}
          onClick={() => set('consent', !draft.consent)}
        >
          <Text className="finance-consent__box">{draft.consent ? '☑' : '☐'}</Text>
          <Text className="finance-consent__text">{LOAN_CONSENT.text}</Text>
        </View>
      </Field>
      {failure ? (
        <View className="finance-form__failure" role="alert">
          {failure}
        </View>
      ) : null}
      <Button className="finance-button" {...busyProps(busy)} onClick={() => void submit()}>
        同意并申请转介
      </Button>
    </View>
  );
};

const CrossBorderForm = ({ orgId, onDone }: { orgId: number; onDone: () => void }) => {
  const { draft, set, errors, failure, busy, submit } = useReferralForm(
    EMPTY_CROSS_BORDER,
    checkCrossBorderDraft,
    (body) => api.createCrossBorderReferral({ params: { orgId }, body }),
    onDone,
  );
  const modeIndex = draft.exportMode === '' ? -1 : EXPORT_MODES.indexOf(draft.exportMode);
  return (
    <View className="finance-form" data-form="cross-border">
      <Field field="exportMode" label="目前的出口方式" error={errors['exportMode']}>
        <Picker
          mode="selector"
          range={EXPORT_MODES.map((m) => EXPORT_MODE_LABELS[m])}
          value={Math.max(0, modeIndex)}
          onChange={(e) => set('exportMode', EXPORT_MODES[Number(e.detail.value)] ?? '')}
        >
          <View className="finance-form__picker">
            {modeIndex >= 0 ? EXPORT_MODE_LABELS[EXPORT_MODES[modeIndex] ?? 'none'] : '请选择'}
          </View>
        </Picker>
      </Field>
      <Field field="annualExportYuan" label="上年出口额（元）" error={errors['annualExportYuan']}>
        <Input
          className="finance-form__input"
          type="digit"
          value={draft.annualExportYuan}
          placeholder="没有出口的填 0"
          maxlength={20}
          onInput={(e) => set('annualExportYuan', e.detail.value)}
        />
      </Field>
      <Field field="markets" label="目标市场" error={errors['markets']}>
        <Input
          className="finance-form__input"
          value={draft.markets}
          placeholder="例如 东南亚、欧美"
          maxlength={200}
          onInput={(e) => set('markets', e.detail.value)}
        />
      </Field>
      <Field field="needs" label="需求" error={errors['needs']}>
        <Textarea
          className="finance-form__textarea"
          value={draft.needs}
          placeholder="例如 希望了解一类出口企业认定条件、海外仓布局支持"
          maxlength={500}
          onInput={(e) => set('needs', e.detail.value)}
        />
      </Field>
      {failure ? (
        <View className="finance-form__failure" role="alert">
          {failure}
        </View>
      ) : null}
      <Button className="finance-button" {...busyProps(busy)} onClick={() => void submit()}>
        提交跨境电商转介申请
      </Button>
    </View>
  );
};

/** One request and where it stands, with 撤回 while it is not yet referred. */
const ReferralCard = ({ referral, onChanged }: { referral: ReferralView; onChanged: () => void }) => {
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content:
        referral.kind === 'loan' ? '撤回后，平台不再向银行提供本企业的数据摘要。确定撤回吗？' : '确定撤回这项申请吗？',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.withdrawReferral({ params: { id: referral.id } });
      onChanged();
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="finance-card" data-referral={referral.id}>
      <View className="finance-card__head">
        <Text className="finance-card__title">
          {referral.kindLabel}
          {referral.amountFen !== null ? ` · ${formatFen(referral.amountFen)}` : ''}
        </Text>
        <Text className={`finance-card__status finance-card__status--${referral.status}`}>{referral.statusLabel}</Text>
      </View>
      {referral.steps.map((s, i) => (
        <Text key={i} className="finance-card__step">
          {formatDateTimeZh(s.at)} {s.label}
          {s.note ? `：${s.note}` : ''}
        </Text>
      ))}
      {referral.withdrawable ? (
        <Button className="finance-button finance-button--plain" {...busyProps(busy)} onClick={() => void withdraw()}>
          撤回申请
        </Button>
      ) : null}
    </View>
  );
};

/** 融资与跨境: 齐鲁电商贷 (第十一条) and cross-border (第七条): guidance, the request, its status. */
function FinancePage() {
  const router = useRouter();
  const session = useSession();
  const orgId = useCurrentOrgId();
  const [kind, setKind] = useState<ReferralKind>(router.params['kind'] === 'cross-border' ? 'cross-border' : 'loan');
  const [list, setList] = useState<ReferralView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (orgId === null) return;
    setFailure(null);
    try {
      setList((await api.listOrgReferrals({ params: { orgId } })).referrals);
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [orgId]);
  useEffect(() => void load(), [load]);

  if (!session)
    return (
      <View className="page finance">
        <Guidance kind={kind} />
        <Empty title="请先登录" hint="登录并登记企业后即可申请转介。" />
      </View>
    );
  if (orgId === null)
    return (
      <View className="page finance">
        <Guidance kind={kind} />
        <Empty
          title="请先登记或选择企业"
          action={
            <Button
              className="finance-button"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/org/index/index' })}
            >
              去登记企业
            </Button>
          }
        />
      </View>
    );

  const mine = (list ?? []).filter((r) => r.kind === kind);
  const open = mine.some((r) => r.status === 'accepted');
  return (
    <View className="page finance">
      <View className="finance-tabs">
        {(['loan', 'cross-border'] as const).map((k) => (
          <View
            key={k}
            role="tab"
            aria-selected={k === kind}
            className={`finance-tabs__tab ${k === kind ? 'finance-tabs__tab--active' : ''}`}
            onClick={() => setKind(k)}
          >
            {k === 'loan' ? '齐鲁电商贷' : '跨境电商'}
          </View>
        ))}
      </View>
      <Guidance kind={kind} />
      <View className="finance-section">
        <Text className="finance-section__title">我的申请</Text>
        {failure ? (
          <ErrorState message={failure} onRetry={() => void load()} />
        ) : list === null ? (
          <Loading />
        ) : mine.length === 0 ? (
          <Text className="muted">还没有申请。</Text>
        ) : (
          mine.map((r) => <ReferralCard key={r.id} referral={r} onChanged={() => void load()} />)
        )}
      </View>
      {list !== null && !open ? (
        <View className="finance-section">
          <Text className="finance-section__title">{kind === 'loan' ? '申请齐鲁电商贷转介' : '申请跨境电商转介'}</Text>
          {kind === 'loan' ? (
            <LoanForm orgId={orgId} onDone={() => void load()} />
          ) : (
            <CrossBorderForm orgId={orgId} onDone={() => void load()} />
          )}
        </View>
      ) : null}
    </View>
  );
}

export default FinancePage;
