import { Button, Input, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  ApiError,
  type EditionDocument,
  type EditionView,
  type FieldError,
  formatDateZh,
  isIsoDate,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { parseYear } from '../../../calculator/numbers';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { useConfirm } from '../components/confirm';
import { Workbench } from '../components/workbench';
import { EditionEditor } from './editor';
import './index.scss';
import { disabledProps } from '../../../components/busy';

interface CopyForm {
  baseId: string;
  id: string;
  claimYear: string;
  validFrom: string;
  validTo: string;
}

const ID_PATTERN = /^[a-z0-9-]{1,32}$/;

const copyFormFor = (base: EditionView): CopyForm => {
  const year = base.claimYear + 1;
  return {
    baseId: base.id,
    id: String(year),
    claimYear: String(year),
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
  };
};

/** What is wrong with the copy form, by field. */
const copyProblems = (form: CopyForm): Record<string, string> => {
  const problems: Record<string, string> = {};
  if (!ID_PATTERN.test(form.id)) problems['id'] = '版本编号只能用小写字母、数字和连字符，1到32个字符，例如 2027';
  const year = parseYear(form.claimYear);
  if (!year.ok) problems['claimYear'] = year.message;
  if (!isIsoDate(form.validFrom)) problems['validFrom'] = '请输入有效日期，格式为YYYY-MM-DD';
  if (!isIsoDate(form.validTo)) problems['validTo'] = '请输入有效日期，格式为YYYY-MM-DD';
  else if (!problems['validFrom'] && form.validTo < form.validFrom)
    problems['validTo'] = '有效期结束日期不能早于开始日期';
  return problems;
};

const detailsOf = (error: unknown): FieldError[] =>
  error instanceof ApiError && Array.isArray(error.details) ? (error.details as FieldError[]) : [];

const CopyField = ({
  name,
  label,
  value,
  error,
  onInput,
}: {
  name: keyof CopyForm;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) => (
  <View className="wb-field editions__copy-field" data-field={`copy.${name}`}>
    <Text className="wb-field__label">{label}</Text>
    <Input className="wb-field__input" type="text" value={value} onInput={(e) => onInput(e.detail.value)} />
    {error ? (
      <View className="wb-field__error" role="alert">
        {error}
      </View>
    ) : null}
  </View>
);

/**
 * 政策版本 (administrators): the editions with their year, status, validity, version and content hash; 复制为草稿
 * with the new draft's id, year and validity; a draft opens in the editor, a published edition
 * read-only.
 */
export const EditionsAdmin = ({ client }: { client: ApiClient }) => {
  const [editions, setEditions] = useState<EditionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ doc: EditionDocument; errors: FieldError[] } | null>(null);
  const [copy, setCopy] = useState<CopyForm | null>(null);
  const [copyErrors, setCopyErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const confirm = useConfirm();

  const load = useCallback(async () => {
    try {
      setEditions((await client.listEditions()).editions);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const openEdition = async (id: string) => {
    setBusy(true);
    try {
      setOpen({ doc: await client.getEdition({ params: { id } }), errors: [] });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const createDraft = async () => {
    if (!copy || busy) return;
    const problems = copyProblems(copy);
    setCopyErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const base = editions?.find((e) => e.id === copy.baseId);
    const claimYear = Number(copy.claimYear);
    const ok = await confirm.ask({
      title: '复制为草稿',
      body: (
        <Text>
          将“{base?.title ?? copy.baseId}”复制为新草稿 {copy.id}：{claimYear} 年度，有效期
          {formatDateZh(copy.validFrom)}至{formatDateZh(copy.validTo)}。草稿在发布前不影响任何申报，可以随时修改。
        </Text>
      ),
      confirmText: '复制',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const draft = await client.createEditionDraft({ params: { id: copy.baseId }, body: { id: copy.id } });
      const changes = {
        ...(draft.document.claimYear !== claimYear ? { claimYear } : {}),
        ...(draft.document.validFrom !== copy.validFrom ? { validFrom: copy.validFrom } : {}),
        ...(draft.document.validTo !== copy.validTo ? { validTo: copy.validTo } : {}),
      };
      let opened = { doc: draft, errors: [] as FieldError[] };
      if (Object.keys(changes).length > 0) {
        try {
          opened = {
            doc: await client.updateEditionDraft({ params: { id: draft.id }, body: { document: changes } }),
            errors: [],
          };
        } catch (e) {
          // The draft exists: it opens with the year or dates it did not take, and why, beside them.
          setError(`草稿已创建，但申报年度或有效期未能保存：${messageOf(e)}`);
          opened = { doc: draft, errors: detailsOf(e) };
        }
      }
      setCopy(null);
      setOpen(opened);
      void load();
    } catch (e) {
      const details = detailsOf(e);
      setCopyErrors(Object.fromEntries(details.map((d) => [d.field.replace(/^document\./, ''), d.message])));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (open)
    return (
      <View className="editions">
        {error ? (
          <View className="wb-alert" role="alert">
            {error}
          </View>
        ) : null}
        <EditionEditor
          key={open.doc.id}
          client={client}
          initial={open.doc}
          initialErrors={open.errors}
          onClose={() => {
            setOpen(null);
            setError(null);
            void load();
          }}
          onPublished={() => void load()}
        />
      </View>
    );

  return (
    <View className="editions">
      {error ? (
        <View className="wb-alert" role="alert">
          {error}
        </View>
      ) : null}
      {copy ? (
        <View className="wb-card editions__copy" aria-label="复制为草稿">
          <Text className="editions__subtitle">复制 {copy.baseId} 为新草稿</Text>
          <View className="editions__copy-fields">
            {(
              [
                ['id', '新版本编号'],
                ['claimYear', '申报年度'],
                ['validFrom', '有效期开始（YYYY-MM-DD）'],
                ['validTo', '有效期结束（YYYY-MM-DD）'],
              ] as const
            ).map(([name, label]) => (
              <CopyField
                key={name}
                name={name}
                label={label}
                value={copy[name]}
                error={copyErrors[name]}
                onInput={(value) => setCopy((c) => (c ? { ...c, [name]: value } : c))}
              />
            ))}
          </View>
          <View className="editions__buttons">
            <Button
              className="wb-button wb-button--primary"
              {...disabledProps(busy)}
              onClick={() => void createDraft()}
            >
              创建草稿
            </Button>
            <Button
              className="wb-button"
              onClick={() => {
                setCopy(null);
                setCopyErrors({});
              }}
            >
              取消
            </Button>
          </View>
        </View>
      ) : null}
      {editions === null && !error ? <Text aria-busy="true">正在加载……</Text> : null}
      {editions && editions.length === 0 ? <Text>还没有政策版本</Text> : null}
      {editions && editions.length > 0 ? (
        <View className="wb-table" role="table" aria-label="政策版本">
          <View className="wb-table__row wb-table__row--head" role="row">
            <Text className="wb-table__cell wb-table__cell--narrow">编号</Text>
            <Text className="wb-table__cell wb-table__cell--wide">标题</Text>
            <Text className="wb-table__cell wb-table__cell--narrow">申报年度</Text>
            <Text className="wb-table__cell">状态</Text>
            <Text className="wb-table__cell">有效期</Text>
            <Text className="wb-table__cell">内容哈希</Text>
            <Text className="wb-table__cell">操作</Text>
          </View>
          {editions.map((e) => (
            <View key={e.id} className="wb-table__row" role="row" data-edition={e.id}>
              <Text className="wb-table__cell wb-table__cell--narrow">{e.id}</Text>
              <Text className="wb-table__cell wb-table__cell--wide">
                {e.title}
                {e.demo ? '（演示）' : ''}
              </Text>
              <Text className="wb-table__cell wb-table__cell--narrow">{e.claimYear}</Text>
              <Text className="wb-table__cell">
                {e.status === 'draft'
                  ? '草稿'
                  : `已发布 · 第${e.version ?? 1}版${e.publishedAt ? ` · ${e.publishedAt.slice(0, 10)}` : ''}`}
              </Text>
              <Text className="wb-table__cell">
                {e.validFrom} 至 {e.validTo}
              </Text>
              <Text className="wb-table__cell editions__hash" aria-label={e.contentHash ?? '草稿尚无内容哈希'}>
                {e.contentHash ? `${e.contentHash.slice(0, 12)}…` : '—（草稿）'}
              </Text>
              <View className="wb-table__cell editions__row-buttons">
                <Button className="wb-button" {...disabledProps(busy)} onClick={() => void openEdition(e.id)}>
                  {e.status === 'draft' ? '编辑' : '查看'}
                </Button>
                <Button
                  className="wb-button"
                  {...disabledProps(busy)}
                  onClick={() => {
                    setCopy(copyFormFor(e));
                    setCopyErrors({});
                  }}
                >
                  复制为草稿
                </Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {confirm.dialog}
    </View>
  );
};

function EditionsPage() {
  return (
    <Workbench active="editions" title="政策版本" roles={['admin']}>
      <EditionsAdmin client={api} />
    </Workbench>
  );
}

export default EditionsPage;
