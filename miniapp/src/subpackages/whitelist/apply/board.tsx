import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  ApiError,
  type ApiClient,
  type LibraryEntry,
  orgTypeName,
  type OrgView,
  WHITELIST_CLAUSE,
  WHITELIST_DECLARATIONS,
  WHITELIST_LIMITS,
  type WhitelistApplicationView,
  type WhitelistOrgType,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import {
  categoriesFor,
  emptyDraft,
  formFieldOf,
  validateWhitelist,
  type WhitelistDraft,
  type WhitelistErrors,
} from '../../../whitelist/form';

export const PUBLIC_WHITELIST_PATH = '/subpackages/whitelist/public/index';

type Loaded = { org: OrgView; applications: WhitelistApplicationView[]; files: LibraryEntry[] };
type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: Loaded };

const Toggle = ({
  checked,
  label,
  field,
  onChange,
}: {
  checked: boolean;
  label: string;
  field: string;
  onChange: (checked: boolean) => void;
}) => (
  <View
    className={`wl-toggle tap ${checked ? 'wl-toggle--on' : ''}`}
    role="checkbox"
    aria-checked={checked}
    data-toggle={field}
    onClick={() => onChange(!checked)}
  >
    <Text className="wl-toggle__box" aria-hidden>
      {checked ? '☑' : '☐'}
    </Text>
    <Text>{label}</Text>
  </View>
);

const FieldError = ({ message }: { message: string | undefined }) =>
  message ? (
    <View className="wl-form__error" role="alert">
      <Text>✕ {message}</Text>
    </View>
  ) : null;

/** One application's outcome, as the firm reads it. */
const Outcome = ({ application }: { application: WhitelistApplicationView }) => (
  <View className={`card wl-status wl-status--${application.status}`} data-application={application.id}>
    <Text className="card-title">{application.year}年度白名单推荐申请</Text>
    <Text className="wl-status__label" data-status={application.status}>
      {application.statusLabel}
    </Text>
    <Text className="wl-line">申请类别：{application.categoryNames.join('、')}</Text>
    <Text className="wl-line">提交时间：{formatDateTimeZh(application.submittedAt)}</Text>
    {application.decidedAt ? (
      <Text className="wl-line">审核时间：{formatDateTimeZh(application.decidedAt)}</Text>
    ) : null}
    {application.status === 'recommended' ? (
      <Text className="wl-line">市商务投资促进局已推荐本企业申报全省电商生态链企业“白名单”，并在推荐名单中公布。</Text>
    ) : null}
    {application.reason ? <Text className="wl-status__reason">未推荐的理由：{application.reason}</Text> : null}
    {application.files.length > 0 ? (
      <Text className="wl-line">佐证文件：{application.files.map((f) => f.name).join('、')}</Text>
    ) : null}
  </View>
);

/** The application form: description, kinds, the two declarations of 第八条, files from the library. */
const ApplyForm = ({
  client,
  data,
  year,
  onDone,
}: {
  client: ApiClient;
  data: Loaded;
  year: number;
  onDone: (application: WhitelistApplicationView) => void;
}) => {
  const kinds = categoriesFor(data.org.orgTypes);
  const [draft, setDraft] = useState<WhitelistDraft>(() => emptyDraft(data.org.orgTypes));
  const [errors, setErrors] = useState<WhitelistErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof WhitelistDraft>(field: K, value: WhitelistDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const toggleKind = (kind: WhitelistOrgType) =>
    change(
      'categories',
      draft.categories.includes(kind) ? draft.categories.filter((k) => k !== kind) : [...draft.categories, kind],
    );
  const toggleFile = (id: number) =>
    change('fileIds', draft.fileIds.includes(id) ? draft.fileIds.filter((f) => f !== id) : [...draft.fileIds, id]);

  const send = async () => {
    const { request, errors: found } = validateWhitelist(draft, year);
    setErrors(found);
    setFailure(null);
    if (!request) return setFailure('有填写不正确的地方，请按提示修改');
    setBusy(true);
    try {
      onDone(await client.applyWhitelist({ params: { orgId: data.org.id }, body: request }));
    } catch (error) {
      if (error instanceof ApiError && error.is('INVALID_REQUEST')) {
        const byField: WhitelistErrors = {};
        for (const d of error.details) {
          const field = formFieldOf(d.field);
          if (field) byField[field] = d.message;
        }
        setErrors(byField);
      }
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (kinds.length === 0)
    return (
      <Empty
        title="本企业登记的类型不在第八条所列范围内"
        hint="白名单面向电商产业园区、MCN机构、人才培训机构、供应链企业以及代运营、内容制作等专业服务企业。如企业类型登记有误，请在“我的企业”中修改。"
      />
    );

  return (
    <View className="card wl-form" data-form="whitelist">
      <Text className="card-title">申请{year}年度白名单推荐</Text>
      <View className="wl-form__field" data-field="categories">
        <Text className="wl-form__label">申请类别</Text>
        {kinds.map((kind) => (
          <Toggle
            key={kind}
            field={`category-${kind}`}
            checked={draft.categories.includes(kind)}
            label={orgTypeName(kind)}
            onChange={() => toggleKind(kind)}
          />
        ))}
        <FieldError message={errors.categories} />
      </View>
      <View className="wl-form__field" data-field="description">
        <Text className="wl-form__label">企业简介（实力和知名度）</Text>
        <Textarea
          className="wl-form__input"
          value={draft.description}
          placeholder={`企业规模、服务内容、业绩和荣誉等，${WHITELIST_LIMITS.descriptionMin}至${WHITELIST_LIMITS.descriptionMax}字`}
          maxlength={WHITELIST_LIMITS.descriptionMax}
          autoHeight
          onInput={(e) => change('description', e.detail.value)}
        />
        <FieldError message={errors.description} />
      </View>
      <View className="wl-form__field" data-field="declarations">
        <Text className="wl-form__label">声明</Text>
        <Toggle
          field="noViolations"
          checked={draft.noViolations}
          label={WHITELIST_DECLARATIONS.noViolations}
          onChange={(v) => change('noViolations', v)}
        />
        <FieldError message={errors.noViolations} />
        <Toggle
          field="noBadCredit"
          checked={draft.noBadCredit}
          label={WHITELIST_DECLARATIONS.noBadCredit}
          onChange={(v) => change('noBadCredit', v)}
        />
        <FieldError message={errors.noBadCredit} />
      </View>
      <View className="wl-form__field" data-field="fileIds">
        <Text className="wl-form__label">佐证文件（可选，从企业文件库中选择，最多{WHITELIST_LIMITS.files}个）</Text>
        {data.files.length === 0 ? (
          <Text className="muted">文件库中还没有文件：可在申报材料中上传后再选择。</Text>
        ) : (
          data.files.map((file) => (
            <Toggle
              key={file.id}
              field={`file-${file.id}`}
              checked={draft.fileIds.includes(file.id)}
              label={file.name}
              onChange={() => toggleFile(file.id)}
            />
          ))
        )}
        <FieldError message={errors.fileIds} />
      </View>
      {failure ? (
        <View className="wl-form__failure" role="alert">
          <Text>✕ {failure}</Text>
        </View>
      ) : null}
      <Button className="wl-primary" {...busyProps(busy)} onClick={() => void send()}>
        提交申请
      </Button>
    </View>
  );
};

/**
 * 白名单推荐 for the firm: the clause, its applications and their outcomes, and the form when it
 * may apply for the year (none yet, or the last one refused).
 */
export const WhitelistBoard = ({ client, orgId, year }: { client: ApiClient; orgId: number; year: number }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const [org, list, library] = await Promise.all([
        client.getOrg({ params: { orgId } }),
        client.listOrgWhitelistApplications({ params: { orgId } }),
        client.listOrgFiles({ params: { orgId } }),
      ]);
      setState({ kind: 'ready', data: { org, applications: list.applications, files: library.files } });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client, orgId]);
  useEffect(() => void load(), [load]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  const { data } = state;
  const thisYear = data.applications.find((a) => a.year === year);
  const mayApply = !thisYear || thisYear.status === 'refused';
  return (
    <View>
      <View className="card">
        <Text className="card-title">电商生态链企业“白名单”推荐</Text>
        <Text className="wl-line">{WHITELIST_CLAUSE}</Text>
        <Text className="wl-line">由市商务投资促进局审核后推荐；{data.org.name}</Text>
      </View>
      {data.applications.map((application) => (
        <Outcome key={application.id} application={application} />
      ))}
      {mayApply ? (
        <ApplyForm key={thisYear?.id ?? 'new'} client={client} data={data} year={year} onDone={() => void load()} />
      ) : null}
      <View
        className="card wl-link tap"
        role="link"
        onClick={() => void Taro.navigateTo({ url: PUBLIC_WHITELIST_PATH })}
      >
        <Text>查看推荐名单（无需登录）</Text>
      </View>
    </View>
  );
};
