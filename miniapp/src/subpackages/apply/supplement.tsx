import { Button, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  ApiError,
  type ApplicationView,
  type FactName,
  formatDateZh,
  type UpdateApplicationRequest,
} from '@huiqi/shared';
import { useEffect, useMemo, useState } from 'react';
import { type Field, type FieldValue, type Inputs, inputsFromFacts, readInputs } from '../../calculator/form';
import { busyProps } from '../../components/busy';
import { FactField } from '../../components/fact-field';
import { ErrorState, Loading } from '../../components/page-state';
import { messageOf } from '../../services/errors';
import { askToSubscribe, prefetchTemplates } from '../../services/subscribe';
import { formatDayZh } from '../../services/shanghai-time';
import { changedFacts } from '../../facts/values';
import { draftFields } from './draft';

/** The material ids a `returned` application may replace: only those the reviewer sent back. */
export const returnedMaterialIds = (application: ApplicationView): ReadonlySet<string> =>
  new Set(
    application.status === 'returned'
      ? (application.progress.returned?.items ?? []).filter((i) => i.kind === 'material').map((i) => i.id)
      : [],
  );

const returnedFactNames = (application: ApplicationView): ReadonlySet<string> =>
  new Set((application.progress.returned?.items ?? []).filter((i) => i.kind === 'fact').map((i) => i.id));

type Refusal = { message: string; items: string[] };

/** A refusal of 重新提交 in the applicant's words: what the rules or the checklist still miss. */
export const refusalOf = (error: unknown): Refusal => {
  if (!(error instanceof ApiError)) return { message: messageOf(error), items: [] };
  return refusalOfApi(error);
};

const refusalOfApi = (error: ApiError): Refusal => {
  if (error.is('NOT_ELIGIBLE'))
    return {
      message: error.message,
      items: error.details.conditions.map((c) => `${c.explanation}（政策原文：“${c.clause}”）`),
    };
  if (error.is('MATERIALS_MISSING'))
    return { message: error.message, items: error.details.materials.map((m) => `${m.name}：${m.shows}`) };
  return { message: messageOf(error), items: [] };
};

/**
 * 退回补正: what was returned, why and by when; the returned facts to correct (only those); the
 * materials are replaced in the checklist below (only the returned slots); then 重新提交.
 */
export const Supplement = ({
  client,
  application,
  onChanged,
}: {
  client: ApiClient;
  application: ApplicationView;
  onChanged: (application: ApplicationView) => void;
}) => {
  const returned = application.progress.returned;
  const factNames = useMemo(() => returnedFactNames(application), [application]);
  const [fields, setFields] = useState<Field[] | null>(factNames.size === 0 ? [] : null);
  const [fieldsError, setFieldsError] = useState<string | null>(null);
  const [inputs, setInputs] = useState<Inputs>(() => inputsFromFacts(application.factsSnapshot));
  const [apiErrors, setApiErrors] = useState<Partial<Record<FactName, string>>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const loadFields = () => {
    if (factNames.size === 0) return;
    setFieldsError(null);
    draftFields(client, application).then(
      (all) => setFields(all.filter((f) => factNames.has(f.name))),
      (error: unknown) => setFieldsError(messageOf(error)),
    );
  };
  useEffect(loadFields, [application.id, factNames]);
  useEffect(() => void prefetchTemplates(client), [client]);

  const read = useMemo(() => readInputs(inputs, fields ?? []), [inputs, fields]);

  const setInput = (name: FactName, value: FieldValue | undefined) => {
    setSaved(false);
    setApiErrors((e) => ({ ...e, [name]: undefined }));
    setInputs((current) => {
      const next = Object.fromEntries(Object.entries(current).filter(([key]) => key !== name)) as Inputs;
      if (value !== undefined) next[name] = value;
      return next;
    });
  };

  /** Saves the returned facts that changed (the API takes no others); the application as saved. */
  const saveFacts = async (): Promise<ApplicationView | null> => {
    if (!fields || fields.length === 0) return application;
    if (Object.keys(read.errors).length > 0) {
      setRefusal({ message: '有填写不正确的地方，请按提示修改', items: [] });
      return null;
    }
    const facts = changedFacts(application.factsSnapshot, read.facts, fields, read.errors) as NonNullable<
      UpdateApplicationRequest['facts']
    >;
    if (Object.keys(facts).length === 0) return application;
    try {
      const next = await client.updateApplication({ params: { id: application.id }, body: { facts } });
      setSaved(true);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.is('INVALID_REQUEST')) {
        const byField: Partial<Record<FactName, string>> = {};
        for (const d of error.details) byField[d.field.replace(/^facts\./, '').split('.')[0] as FactName] = d.message;
        setApiErrors(byField);
      }
      setRefusal(refusalOf(error));
      return null;
    }
  };

  const save = async () => {
    setBusy(true);
    setRefusal(null);
    const next = await saveFacts();
    if (next && next !== application) onChanged(next);
    setBusy(false);
  };

  const resubmit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      // WeChat's subscription prompt first, while the tap still counts as the user's gesture.
      await askToSubscribe(client);
      const next = await saveFacts();
      if (!next) return;
      onChanged(await client.resubmitApplication({ params: { id: application.id } }));
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (!returned) return null;
  return (
    <View className="card supplement" data-supplement={application.id}>
      <Text className="card-title">退回补正</Text>
      <Text className={`apply__line ${returned.overdue ? 'progress__overdue' : ''}`} data-deadline={returned.deadline}>
        {returned.fromLabel}于 {formatDayZh(returned.at)} 退回，请在 {formatDateZh(returned.deadline)} 前补正并重新提交
        {returned.overdue ? '（⚠ 已超过补正期限）' : ''}。只需修改下面列出的内容。
      </Text>
      {returned.items.map((item) => (
        <Text key={`${item.kind}:${item.id}`} className="supplement__item" data-returned={`${item.kind}:${item.id}`}>
          {item.kind === 'material' ? '材料' : item.kind === 'fact' ? '信息' : '条件'}“{item.label}”：{item.reason}
        </Text>
      ))}
      {fieldsError ? <ErrorState message={fieldsError} onRetry={loadFields} /> : null}
      {factNames.size > 0 && !fields && !fieldsError ? <Loading text="正在读取需补正的信息…" /> : null}
      {fields && fields.length > 0 ? (
        <View className="supplement__facts">
          <Text className="apply__line apply__value">需要更正的信息</Text>
          {fields.map((field) => (
            <View key={field.name} data-fact={field.name}>
              <FactField
                field={field}
                value={inputs[field.name]}
                error={read.errors[field.name] ?? apiErrors[field.name]}
                onChange={(value) => setInput(field.name, value)}
              />
            </View>
          ))}
          <Button className="apply__secondary" {...busyProps(busy)} onClick={() => void save()}>
            保存更正
          </Button>
          {saved ? <Text className="apply__line muted">✓ 已保存</Text> : null}
        </View>
      ) : null}
      {returnedMaterialIds(application).size > 0 ? (
        <Text className="apply__line muted">退回的材料请在下面的“申报材料”中点“替换”重新上传。</Text>
      ) : null}
      {refusal ? (
        <View className="apply__refusal" role="alert">
          <Text className="apply__refusal-title">✕ 重新提交未通过：{refusal.message}</Text>
          {refusal.items.map((item) => (
            <Text key={item} className="apply__refusal-item">
              {item}
            </Text>
          ))}
        </View>
      ) : null}
      <Button className="apply__primary" {...busyProps(busy)} onClick={() => void resubmit()}>
        重新提交
      </Button>
    </View>
  );
};
