import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError, COUNTIES, ORG_TYPES, type OrgType } from '@huiqi/shared';
import { useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { DemoBanner } from '../../../components/demo-banner';
import { Empty } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { clearDraft, isRecord, loadDraft, saveDraft } from '../../../org/drafts';
import { fieldErrorsOf } from '../../../org/facts-view';
import {
  EMPTY_ORG_DRAFT,
  type OrgDraft,
  type OrgErrors,
  type OrgField,
  usccAsTyped,
  usccHint,
  validateOrgDraft,
} from '../../../org/register-form';
import { api } from '../../../services/api';
import { setCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import '../../../components/fact-field.scss';
import '../org.scss';
import './index.scss';

const DRAFT_KEY = 'huiqi.org-register.v1';

const restore = (): OrgDraft => {
  const saved = loadDraft(DRAFT_KEY, isRecord);
  if (!saved) return EMPTY_ORG_DRAFT;
  const text = (key: OrgField) => (typeof saved[key] === 'string' ? (saved[key] as string) : '');
  const county = COUNTIES.find((c) => c.id === saved['county'])?.id ?? '';
  const types = Array.isArray(saved['orgTypes'])
    ? ORG_TYPES.filter((t) => (saved['orgTypes'] as unknown[]).includes(t.id)).map((t) => t.id)
    : [];
  return {
    uscc: text('uscc'),
    name: text('name'),
    county,
    orgTypes: types,
    legalRepresentative: text('legalRepresentative'),
    contactName: text('contactName'),
    contactPhone: text('contactPhone'),
  };
};

const FieldError = ({ text }: { text: string | undefined }) =>
  text ? (
    <View className="org-form__error" role="alert">
      ✕ {text}
    </View>
  ) : null;

const TextField = ({
  field,
  label,
  value,
  error,
  placeholder,
  type = 'text',
  maxlength,
  onInput,
}: {
  field: OrgField;
  label: string;
  value: string;
  error: string | undefined;
  placeholder: string;
  type?: 'text' | 'number';
  maxlength: number;
  onInput: (value: string) => void;
}) => (
  <View className={`org-form__field ${error ? 'org-form__field--error' : ''}`} data-field={field}>
    <Text className="org-form__label">{label}</Text>
    <Input
      className="org-form__input"
      type={type}
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      onInput={(e) => onInput(e.detail.value)}
    />
    <FieldError text={error} />
  </View>
);

/** 登记企业: by the credit code on the business licence; the registrant becomes its administrator. */
function RegisterPage() {
  const session = useSession();
  const [draft, setDraft] = useState<OrgDraft>(restore);
  const [errors, setErrors] = useState<OrgErrors>({});
  const [failure, setFailure] = useState<{ message: string; taken: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  // What is typed stays on the device until the firm is registered.
  useEffect(() => saveDraft(DRAFT_KEY, draft), [draft]);

  const set = <K extends OrgField>(key: K, value: OrgDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const toggleType = (id: OrgType) =>
    set('orgTypes', draft.orgTypes.includes(id) ? draft.orgTypes.filter((t) => t !== id) : [...draft.orgTypes, id]);

  const submit = async () => {
    const checked = validateOrgDraft(draft);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.request) {
      void Taro.showToast({ title: '请按提示修改标红的内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const org = await api.createOrg({ body: checked.request });
      clearDraft(DRAFT_KEY);
      setCurrentOrgId(org.id);
      void Taro.showToast({ title: '登记成功', icon: 'success' });
      await Taro.redirectTo({ url: `/subpackages/org/profile/index?orgId=${org.id}` });
    } catch (error) {
      setErrors(fieldErrorsOf(error) as OrgErrors);
      const taken = error instanceof ApiError && error.code === 'CONFLICT';
      setFailure({ message: messageOf(error), taken });
    } finally {
      setBusy(false);
    }
  };

  if (!session)
    return (
      <View className="page org-register">
        <Empty
          title="请先登录"
          hint="登录后才能登记企业。"
          action={
            <Button
              className="org-button"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
            >
              去登录
            </Button>
          }
        />
      </View>
    );

  const hint = usccHint(usccAsTyped(draft.uscc));
  const countyIndex = COUNTIES.findIndex((c) => c.id === draft.county);

  return (
    <View className="page org-register">
      {session.demo ? <DemoBanner text="您正在使用演示账号，登记的企业仅供体验" /> : null}
      <View className="card">
        <Text className="card-title org-title">登记企业</Text>
        <Text className="muted org-note">请对照营业执照填写。登记人成为企业管理员，可以邀请同事加入。</Text>

        <View className={`org-form__field ${errors.uscc ? 'org-form__field--error' : ''}`} data-field="uscc">
          <Text className="org-form__label">统一社会信用代码</Text>
          <Input
            className="org-form__input register__uscc"
            type="text"
            value={draft.uscc}
            placeholder="营业执照上的18位代码"
            maxlength={24}
            onInput={(e) => set('uscc', usccAsTyped(e.detail.value))}
          />
          {errors.uscc ? null : hint ? (
            <View
              className={`org-form__hint ${hint.tone === 'ok' ? 'org-form__hint--ok' : ''} ${hint.tone === 'error' ? 'org-form__error' : ''}`}
              role={hint.tone === 'error' ? 'alert' : undefined}
            >
              {hint.tone === 'ok' ? '✓ ' : hint.tone === 'error' ? '✕ ' : ''}
              {hint.text}
            </View>
          ) : null}
          <FieldError text={errors.uscc} />
        </View>

        <TextField
          field="name"
          label="企业名称"
          value={draft.name}
          error={errors.name}
          placeholder="与营业执照一致"
          maxlength={128}
          onInput={(v) => set('name', v)}
        />

        <View className={`org-form__field ${errors.county ? 'org-form__field--error' : ''}`} data-field="county">
          <Text className="org-form__label">所在县（市、区）</Text>
          <Picker
            mode="selector"
            range={COUNTIES.map((c) => c.name)}
            value={Math.max(countyIndex, 0)}
            onChange={(e) => {
              const county = COUNTIES[Number(e.detail.value)];
              if (county) set('county', county.id);
            }}
          >
            <View className="org-form__picker tap">
              {countyIndex >= 0 ? COUNTIES[countyIndex]?.name : '请选择'} <Text aria-hidden>▾</Text>
            </View>
          </Picker>
          <FieldError text={errors.county} />
        </View>

        <View className={`org-form__field ${errors.orgTypes ? 'org-form__field--error' : ''}`} data-field="orgTypes">
          <Text className="org-form__label">主体类型（可多选）</Text>
          <View className="fact-field__choices">
            {ORG_TYPES.map((type) => {
              const on = draft.orgTypes.includes(type.id);
              return (
                <View
                  key={type.id}
                  role="checkbox"
                  aria-checked={on}
                  className={`chip ${on ? 'chip--on' : ''}`}
                  onClick={() => toggleType(type.id)}
                >
                  {on ? '☑ ' : '☐ '}
                  {type.name}
                </View>
              );
            })}
          </View>
          <FieldError text={errors.orgTypes} />
        </View>

        <TextField
          field="legalRepresentative"
          label="法定代表人"
          value={draft.legalRepresentative}
          error={errors.legalRepresentative}
          placeholder="法定代表人姓名"
          maxlength={64}
          onInput={(v) => set('legalRepresentative', v)}
        />
        <TextField
          field="contactName"
          label="联系人"
          value={draft.contactName}
          error={errors.contactName}
          placeholder="负责申报的联系人姓名"
          maxlength={64}
          onInput={(v) => set('contactName', v)}
        />
        <TextField
          field="contactPhone"
          label="联系电话"
          value={draft.contactPhone}
          error={errors.contactPhone}
          placeholder="手机号，或带区号的固定电话"
          type="number"
          maxlength={13}
          onInput={(v) => set('contactPhone', v)}
        />

        {failure ? (
          <View className="register__failure" role="alert">
            <Text className="register__failure-text">✕ {failure.message}</Text>
            {failure.taken ? (
              <Text className="link tap" onClick={() => void Taro.redirectTo({ url: '/subpackages/org/join/index' })}>
                已有邀请码？去加入企业
              </Text>
            ) : null}
          </View>
        ) : null}

        <Button className="org-button register__submit" {...busyProps(busy)} onClick={() => void submit()}>
          提交登记
        </Button>
      </View>
    </View>
  );
}

export default RegisterPage;
