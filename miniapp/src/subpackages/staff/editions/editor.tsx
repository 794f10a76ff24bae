import { Button, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  ApiError,
  type EditionDocument,
  type EditionPreview,
  type FieldError,
  formatDateZh,
} from '@huiqi/shared';
import { useMemo, useState } from 'react';
import { messageOf } from '../../../services/errors';
import {
  buildPatch,
  documentErrors,
  editionGroups,
  fieldsOf,
  placeErrors,
  valueTexts,
} from '../../../workbench/editions';
import { useConfirm } from '../components/confirm';
import { useShortcuts } from '../components/use-shortcuts';
import { EditionFieldView, shownText } from './field';
import { PreviewReport, previewSummary } from './preview';
import { disabledProps } from '../../../components/busy';

type Notice = { kind: 'ok' | 'error' | 'info'; text: string } | null;

const detailsOf = (error: unknown): FieldError[] =>
  error instanceof ApiError && Array.isArray(error.details) ? (error.details as FieldError[]) : [];

/**
 * One edition: a draft's editor (every value as a labelled field, 保存 sends a merge patch of
 * what changed, refusals beside their fields), 预览影响 and 发布; a published edition read-only.
 */
export const EditionEditor = ({
  client,
  initial,
  initialErrors = [],
  onClose,
  onPublished,
}: {
  client: ApiClient;
  initial: EditionDocument;
  /** Refusals to show at once (a new draft's year or dates the API did not take). */
  initialErrors?: FieldError[];
  onClose: () => void;
  onPublished: () => void;
}) => {
  const [doc, setDoc] = useState(initial);
  const groups = useMemo(() => editionGroups(doc.document), [doc]);
  const fields = useMemo(() => fieldsOf(groups), [groups]);
  const saved = useMemo(() => valueTexts(doc.document, fields), [doc, fields]);
  const [texts, setTexts] = useState(saved);
  const [errors, setErrors] = useState<Record<string, string>>(() => placeErrors(initialErrors, fields).byField);
  const [otherErrors, setOtherErrors] = useState<FieldError[]>(() => placeErrors(initialErrors, fields).other);
  const [groupId, setGroupId] = useState(() => {
    const first = Object.keys(placeErrors(initialErrors, fields).byField)[0];
    return groups.find((g) => g.fields.some((f) => f.path === first))?.id ?? 'edition';
  });
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<EditionPreview | null>(null);
  const confirm = useConfirm();
  const readOnly = doc.status !== 'draft';
  const edition = doc.document;
  const dirty = fields.filter((f) => texts[f.path] !== saved[f.path]);

  const showErrors = (details: readonly FieldError[]) => {
    const placed = placeErrors(details, fields);
    setErrors(placed.byField);
    setOtherErrors(placed.other);
    const first = Object.keys(placed.byField)[0];
    const group = groups.find((g) => g.fields.some((f) => f.path === first));
    if (group) setGroupId(group.id);
  };

  const change = (path: string, text: string) => {
    setTexts((t) => ({ ...t, [path]: text }));
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== path)));
  };

  const save = async () => {
    if (readOnly || busy) return;
    const { patch, errors: typed, changed } = buildPatch(edition, fields, texts);
    if (Object.keys(typed).length > 0) {
      showErrors(Object.entries(typed).map(([field, message]) => ({ field, message })));
      setNotice({ kind: 'error', text: `有 ${Object.keys(typed).length} 处填写有误，请按提示修改后再保存` });
      return;
    }
    if (changed.length === 0) {
      setNotice({ kind: 'info', text: '没有需要保存的修改' });
      return;
    }
    const refused = documentErrors(edition, patch);
    if (refused.length > 0) {
      showErrors(refused);
      setNotice({ kind: 'error', text: `有 ${refused.length} 处不符合政策版本的规则，请按提示修改后再保存` });
      return;
    }
    const byPath = new Map(fields.map((f) => [f.path, f]));
    const ok = await confirm.ask({
      title: '保存草稿',
      body: (
        <View>
          <Text>
            保存草稿 {doc.id} 的 {changed.length} 处修改（草稿未发布前不影响任何申报）：
          </Text>
          {changed.slice(0, 12).map((path) => {
            const field = byPath.get(path);
            return field ? (
              <Text key={path} className="editions__change-line">
                {field.label}：{shownText(field, saved[path] ?? '')} → {shownText(field, texts[path] ?? '')}
              </Text>
            ) : null;
          })}
          {changed.length > 12 ? <Text className="editions__change-line">……等 {changed.length} 处</Text> : null}
        </View>
      ),
      confirmText: '保存',
    });
    if (!ok) return;
    setBusy(true);
    try {
      const next = await client.updateEditionDraft({ params: { id: doc.id }, body: { document: patch } });
      const nextFields = fieldsOf(editionGroups(next.document));
      setDoc(next);
      setTexts(valueTexts(next.document, nextFields));
      setErrors({});
      setOtherErrors([]);
      setPreview(null);
      setNotice({ kind: 'ok', text: `已保存 ${changed.length} 处修改` });
    } catch (error) {
      showErrors(detailsOf(error));
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const loadPreview = async (): Promise<EditionPreview | null> => {
    if (readOnly) return null;
    setBusy(true);
    try {
      const answer = await client.previewEdition({ params: { id: doc.id } });
      setPreview(answer);
      setNotice(
        dirty.length > 0
          ? { kind: 'info', text: `预览按已保存的草稿计算；还有 ${dirty.length} 处修改未保存，保存后请重新预览` }
          : null,
      );
      return answer;
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (readOnly || busy) return;
    if (dirty.length > 0) {
      setNotice({ kind: 'error', text: `还有 ${dirty.length} 处修改未保存，请先保存再发布` });
      return;
    }
    const summary = preview ?? (await loadPreview());
    if (!summary) return;
    const ok = await confirm.ask({
      title: '发布政策版本',
      danger: true,
      confirmText: '确认发布',
      body: (
        <View>
          <Text className="editions__change-line">
            发布“{edition.title}”（{doc.id}）为 {edition.claimYear} 年度的政策版本，自
            {formatDateZh(edition.validFrom)}起施行，至{formatDateZh(edition.validTo)}止；发布后它即为{' '}
            {edition.claimYear} 年度施行中的版本，此后的申报按它审核。
          </Text>
          <Text className="editions__change-line">
            发布后不能再修改，也不能撤回；如需调整，只能复制为新的草稿再发布。
          </Text>
          <Text className="editions__change-line">预览影响：{previewSummary(summary)}</Text>
        </View>
      ),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const published = await client.publishEdition({ params: { id: doc.id } });
      setDoc(published);
      setPreview(null);
      setNotice({ kind: 'ok', text: `已发布 ${doc.id}：${edition.claimYear} 年度自 ${edition.validFrom} 起施行` });
      onPublished();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  useShortcuts(
    readOnly
      ? []
      : [
          { key: 's', label: '保存', run: () => void save() },
          { key: 'p', label: '预览影响', run: () => void loadPreview() },
        ],
    confirm.open,
  );

  const group = groups.find((g) => g.id === groupId) ?? groups[0];
  const errorCount = (id: string) =>
    groups.find((g) => g.id === id)?.fields.filter((f) => errors[f.path] !== undefined).length ?? 0;
  const dirtyCount = (id: string) =>
    groups.find((g) => g.id === id)?.fields.filter((f) => texts[f.path] !== saved[f.path]).length ?? 0;

  return (
    <View className="editions__editor">
      <View className="wb-card editions__head">
        <Text className="editions__title">
          {edition.title}（{doc.id}）
        </Text>
        <Text className="editions__status">
          {readOnly ? '已发布 · 只读（如需调整请复制为草稿）' : `草稿 · ${edition.claimYear} 年度`}
        </Text>
        <View className="editions__buttons">
          {readOnly ? null : (
            <>
              <Button className="wb-button wb-button--primary" {...disabledProps(busy)} onClick={() => void save()}>
                保存<Text className="wb-kbd">S</Text>
              </Button>
              <Button className="wb-button" {...disabledProps(busy)} onClick={() => void loadPreview()}>
                预览影响<Text className="wb-kbd">P</Text>
              </Button>
              <Button className="wb-button wb-button--danger" {...disabledProps(busy)} onClick={() => void publish()}>
                发布
              </Button>
            </>
          )}
          <Button className="wb-button" onClick={onClose}>
            返回列表
          </Button>
        </View>
        {readOnly ? null : <Text className="editions__legend">快捷键：S 保存 · P 预览影响</Text>}
      </View>

      {notice ? (
        <View
          className={`wb-alert${notice.kind === 'ok' ? ' wb-alert--ok' : notice.kind === 'info' ? ' wb-alert--info' : ''}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </View>
      ) : null}
      {otherErrors.length > 0 ? (
        <View className="wb-alert" role="alert">
          {otherErrors.map((e) => (
            <Text key={e.field} className="editions__change-line">
              {e.field}：{e.message}
            </Text>
          ))}
        </View>
      ) : null}

      {preview ? <PreviewReport preview={preview} draft={edition} /> : null}

      <View className="editions__body">
        <View className="editions__groups" role="tablist" aria-label="分组">
          {groups.map((g) => {
            const wrong = errorCount(g.id);
            const edited = dirtyCount(g.id);
            return (
              <View
                key={g.id}
                role="tab"
                aria-selected={g.id === group?.id}
                className={`editions__group${g.id === group?.id ? ' editions__group--on' : ''}`}
                onClick={() => setGroupId(g.id)}
              >
                {g.title}
                {wrong > 0 ? <Text className="editions__badge editions__badge--error">（{wrong} 处有误）</Text> : null}
                {edited > 0 ? <Text className="editions__badge">（{edited} 处已修改）</Text> : null}
              </View>
            );
          })}
        </View>
        {group ? (
          <View className="wb-card editions__fields" role="tabpanel" aria-label={group.title}>
            {group.fields.map((field) => (
              <EditionFieldView
                key={field.path}
                field={field}
                text={texts[field.path] ?? ''}
                error={errors[field.path]}
                changed={texts[field.path] !== saved[field.path]}
                readOnly={readOnly}
                onChange={change}
              />
            ))}
          </View>
        ) : null}
      </View>
      {confirm.dialog}
    </View>
  );
};
