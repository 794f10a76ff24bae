import { Button, Text, View } from '@tarojs/components';
import {
  type ApproveRequest,
  formatFen,
  type MaterialView,
  type ObjectionView,
  type PaymentRequest,
  type ReturnRequest,
  ROLE_LABELS,
  type ReviewView,
} from '@huiqi/shared';
import { useState } from 'react';
import { fenToYuanText } from '../../../calculator/numbers';
import { fieldOf } from '../../../calculator/form';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import {
  buildPayment,
  buildReturn,
  checkAward,
  checkReason,
  type ReturnChoice,
  returnKey,
} from '../../../workbench/review';
import { Check, TextField } from './fields';

/** The decision forms; each hands a checked request to the page, which confirms it and sends it. */
export type PanelId = 'approve' | 'confirm' | 'return' | 'reject' | 'pay';

const Buttons = ({
  onCancel,
  onSubmit,
  submit,
  danger,
}: {
  onCancel: () => void;
  onSubmit: () => void;
  submit: string;
  danger?: boolean;
}) => (
  <View className="ar-buttons">
    <Button className="wb-button" onClick={onCancel}>
      取消<Text className="wb-kbd">Esc</Text>
    </Button>
    <Button className={`wb-button ${danger ? 'wb-button--danger' : 'wb-button--primary'}`} onClick={onSubmit}>
      {submit}
    </Button>
  </View>
);

/**
 * 通过 / 核定: at the city the award, prefilled with the maximum and typed in yuan; lower needs a
 * reason, higher is refused here; elsewhere the stage passes as it is.
 */
export const ApprovePanel = ({
  review,
  onCancel,
  onSubmit,
}: {
  review: ReviewView;
  onCancel: () => void;
  onSubmit: (body: ApproveRequest, check: { awardFen: number | null; needsSecondApprover: boolean }) => void;
}) => {
  const city = review.application.status === 'city-review';
  const max = review.maxAwardFen ?? 0;
  const [yuan, setYuan] = useState(fenToYuanText(max));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    if (!city) return onSubmit({}, { awardFen: null, needsSecondApprover: false });
    const checked = checkAward({ yuan, reason }, max, review.secondApprovalAboveFen);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    onSubmit(checked.body, { awardFen: checked.awardFen, needsSecondApprover: checked.needsSecondApprover });
  };
  return (
    <View className="wb-card ar-panel" data-panel="approve">
      <Text className="ar-title">{city ? '审核通过并核定金额' : '审核通过'}</Text>
      {city ? (
        <View>
          <Text className="ar-muted">
            按核实后的数据，可核定金额上限为 {formatFen(max)}；超过 {formatFen(review.secondApprovalAboveFen)}{' '}
            须另一位市级审核人员复核确认。
          </Text>
          <TextField name="award" label="核定金额" unit="元" value={yuan} error={errors['award']} onChange={setYuan} />
          <TextField
            name="award-reason"
            label="核减理由（低于上限时必填）"
            value={reason}
            error={errors['reason']}
            multiline
            onChange={setReason}
          />
        </View>
      ) : (
        <Text className="ar-muted">本环节审核通过后转入下一环节。</Text>
      )}
      <Buttons onCancel={onCancel} onSubmit={submit} submit="审核通过…" />
    </View>
  );
};

/** 确认核定: the second city reviewer sees the first approval and confirms it. */
export const ConfirmPanel = ({
  review,
  onCancel,
  onSubmit,
}: {
  review: ReviewView;
  onCancel: () => void;
  onSubmit: () => void;
}) => {
  const pending = review.pendingApproval;
  if (!pending) return null;
  return (
    <View className="wb-card ar-panel" data-panel="confirm">
      <Text className="ar-title">复核确认核定金额</Text>
      <Text>核定金额：{formatFen(pending.awardFen)}</Text>
      <Text>核减理由：{pending.reason ?? '无（按上限核定）'}</Text>
      <Text>
        初审：{ROLE_LABELS[pending.byRole]} · {formatDateTimeZh(pending.at)}
      </Text>
      {pending.byCaller ? (
        <View className="wb-alert" role="alert">
          该金额由您本人审核通过，不能由您复核确认，请由另一位市级审核人员确认。
        </View>
      ) : (
        <Buttons onCancel={onCancel} onSubmit={onSubmit} submit="确认核定…" />
      )}
    </View>
  );
};

/** 退回补正: conditions, materials and facts picked one by one, each with its reason, and a deadline. */
export const ReturnPanel = ({
  review,
  materials,
  today,
  onCancel,
  onSubmit,
}: {
  review: ReviewView;
  materials: readonly MaterialView[];
  today: string;
  onCancel: () => void;
  onSubmit: (body: ReturnRequest, choices: ReturnChoice[]) => void;
}) => {
  const [chosen, setChosen] = useState<ReturnChoice[]>([]);
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const facts = [...new Set(review.conditions.flatMap((c) => c.facts))];
  const options: Omit<ReturnChoice, 'reason'>[] = [
    ...review.conditions.map((c) => ({ kind: 'condition' as const, id: c.id, label: c.clause })),
    ...materials.map((m) => ({ kind: 'material' as const, id: m.id, label: m.name })),
    ...facts.map((name) => ({ kind: 'fact' as const, id: name, label: fieldOf(name).label })),
  ];
  const toggle = (option: Omit<ReturnChoice, 'reason'>) =>
    setChosen((current) =>
      current.some((c) => returnKey(c) === returnKey(option))
        ? current.filter((c) => returnKey(c) !== returnKey(option))
        : [...current, { ...option, reason: '' }],
    );
  const submit = () => {
    const built = buildReturn(chosen, deadline, today);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    onSubmit(built.body, chosen);
  };
  const group = (kind: ReturnChoice['kind'], title: string) => (
    <View className="ar-return__group" data-return-group={kind}>
      <Text className="wb-field__label">{title}</Text>
      {options
        .filter((o) => o.kind === kind)
        .map((o) => {
          const picked = chosen.find((c) => returnKey(c) === returnKey(o));
          return (
            <View key={returnKey(o)} className="ar-return__item" data-return-item={returnKey(o)}>
              <Check on={picked !== undefined} label={o.label} onToggle={() => toggle(o)} />
              {picked ? (
                <TextField
                  name={`return-${returnKey(o)}`}
                  label="需要补正什么"
                  value={picked.reason}
                  error={errors[returnKey(o)]}
                  onChange={(reason) =>
                    setChosen((current) => current.map((c) => (returnKey(c) === returnKey(o) ? { ...c, reason } : c)))
                  }
                />
              ) : null}
            </View>
          );
        })}
    </View>
  );
  return (
    <View className="wb-card ar-panel" data-panel="return">
      <Text className="ar-title">退回补正</Text>
      {errors['items'] ? <Text className="wb-field__error">✕ {errors['items']}</Text> : null}
      {group('condition', '条件')}
      {group('material', '材料')}
      {group('fact', '数据')}
      <TextField
        name="deadline"
        label="补正期限（留空则按政策规定的补正工作日）"
        placeholder="例如 2026-07-10"
        value={deadline}
        error={errors['deadline']}
        onChange={setDeadline}
      />
      <Buttons onCancel={onCancel} onSubmit={submit} submit="退回补正…" />
    </View>
  );
};

/** 不予通过 with its reason, shown to the applicant as written. */
export const RejectPanel = ({ onCancel, onSubmit }: { onCancel: () => void; onSubmit: (reason: string) => void }) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const checked = checkReason(reason, '不予通过的理由');
    if (!checked.ok) return setError(checked.errors['reason']);
    setError(undefined);
    onSubmit(checked.reason);
  };
  return (
    <View className="wb-card ar-panel" data-panel="reject">
      <Text className="ar-title">不予通过</Text>
      <TextField
        name="reject-reason"
        label="理由（申报企业将看到）"
        value={reason}
        error={error}
        multiline
        onChange={setReason}
      />
      <Buttons onCancel={onCancel} onSubmit={submit} submit="不予通过…" danger />
    </View>
  );
};

/** 拨付 (finance): the voucher's number and the day paid. */
export const PayPanel = ({
  today,
  onCancel,
  onSubmit,
}: {
  today: string;
  onCancel: () => void;
  onSubmit: (body: PaymentRequest) => void;
}) => {
  const [voucher, setVoucher] = useState('');
  const [day, setDay] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const built = buildPayment(voucher, day, today);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    onSubmit(built.body);
  };
  return (
    <View className="wb-card ar-panel" data-panel="pay">
      <Text className="ar-title">登记拨付</Text>
      <TextField name="voucher" label="拨付凭证号" value={voucher} error={errors['voucherNo']} onChange={setVoucher} />
      <TextField name="paid-on" label="拨付日期" value={day} error={errors['paidOn']} onChange={setDay} />
      <Buttons onCancel={onCancel} onSubmit={submit} submit="登记拨付…" />
    </View>
  );
};

/** An objection with its evidence; the city rules 成立 / 不成立 with a reason. */
export const ObjectionCard = ({
  objection,
  canRule,
  onRule,
}: {
  objection: ObjectionView;
  canRule: boolean;
  onRule: (outcome: 'upheld' | 'dismissed', reason: string) => void;
}) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const rule = (outcome: 'upheld' | 'dismissed') => {
    const checked = checkReason(reason, '裁定理由');
    if (!checked.ok) return setError(checked.errors['reason']);
    setError(undefined);
    onRule(outcome, checked.reason);
  };
  return (
    <View className="wb-card" data-objection={objection.id}>
      <Text className="ar-title">
        异议 #{objection.id} · {objection.statusLabel}
      </Text>
      <Text>
        提出人：{objection.name ?? '—'} {objection.phone ?? ''} · {formatDateTimeZh(objection.filedAt)}
      </Text>
      <Text>异议理由：{objection.reason}</Text>
      <Text>证据：{objection.evidence}</Text>
      {objection.ruling ? (
        <Text>
          裁定理由：{objection.ruling.reason} · {formatDateTimeZh(objection.ruling.at)}
        </Text>
      ) : null}
      {canRule && objection.status === 'open' ? (
        <View>
          <TextField
            name={`ruling-${objection.id}`}
            label="裁定理由"
            value={reason}
            error={error}
            multiline
            onChange={setReason}
          />
          <View className="ar-buttons">
            <Button className="wb-button wb-button--danger" onClick={() => rule('upheld')}>
              异议成立…
            </Button>
            <Button className="wb-button wb-button--primary" onClick={() => rule('dismissed')}>
              异议不成立…
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
};
