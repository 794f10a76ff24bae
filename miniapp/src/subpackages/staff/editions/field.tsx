import { Input, Text, Textarea, View } from '@tarojs/components';
import { formatFen } from '@huiqi/shared';
import { CHOICES, type EditionField, isListKind, parseField } from '../../../workbench/editions';

const UNITS: Partial<Record<EditionField['kind'], string>> = { fen: '元', bp: '%' };
const PLACEHOLDERS: Partial<Record<EditionField['kind'], string>> = {
  fen: '金额（元），如 1234.56',
  bp: '百分比，如 20',
  count: '整数',
  days: '工作日数',
  year: '四位年份',
  date: 'YYYY-MM-DD',
  'window-date': 'YYYY-MM-DD，或留空',
};

/** What a choice field shows for its value (read-only view, confirmations). */
export const shownText = (field: EditionField, text: string): string => {
  const choices = CHOICES[field.kind];
  if (!choices) return text === '' ? '（空）' : `${text}${UNITS[field.kind] ?? ''}`;
  const ids = text.split(',');
  return choices
    .filter((c) => ids.includes(c.id))
    .map((c) => c.name)
    .join('、');
};

/**
 * One value of the edition: its label, the input as its kind wants it (yuan, %, an integer, a
 * date, a text, a choice), the policy's words it comes from, and what to fix beside it.
 */
export const EditionFieldView = ({
  field,
  text,
  error,
  changed,
  readOnly,
  onChange,
}: {
  field: EditionField;
  text: string;
  error: string | undefined;
  changed: boolean;
  readOnly: boolean;
  onChange: (path: string, text: string) => void;
}) => {
  const choices = CHOICES[field.kind];
  const parsed = field.kind === 'fen' && text !== '' ? parseField(field, text) : null;
  const errorId = `err-${field.path}`;

  const control = (() => {
    if (readOnly) return <Text className="editions__value">{shownText(field, text)}</Text>;
    if (choices) {
      const list = isListKind(field.kind);
      const ids = text.split(',').filter((id) => id !== '');
      return (
        <View className="editions__choices" role={list ? 'group' : 'radiogroup'} aria-label={field.label}>
          {choices.map((c) => {
            const on = ids.includes(c.id);
            const next = list ? (on ? ids.filter((id) => id !== c.id) : [...ids, c.id]).join(',') : c.id;
            return (
              <View
                key={c.id}
                className={`editions__choice${on ? ' editions__choice--on' : ''}`}
                role={list ? 'checkbox' : 'radio'}
                aria-checked={on}
                onClick={() => onChange(field.path, next)}
              >
                {on ? '☑ ' : '☐ '}
                {c.name}
              </View>
            );
          })}
        </View>
      );
    }
    if (field.kind === 'text' || field.kind === 'optional-text')
      return (
        <Textarea
          className="wb-field__input editions__textarea"
          value={text}
          maxlength={2000}
          autoHeight
          aria-invalid={error !== undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => onChange(field.path, e.detail.value)}
        />
      );
    return (
      <View className="editions__number">
        <Input
          className="wb-field__input"
          type="text"
          value={text}
          placeholder={PLACEHOLDERS[field.kind]}
          aria-invalid={error !== undefined}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => onChange(field.path, e.detail.value)}
        />
        {UNITS[field.kind] ? <Text className="editions__unit">{UNITS[field.kind]}</Text> : null}
        {parsed?.ok && typeof parsed.value === 'number' ? (
          <Text className="editions__reads">即 {formatFen(parsed.value)}</Text>
        ) : null}
      </View>
    );
  })();

  return (
    <View className={`wb-field editions__field${error ? ' editions__field--error' : ''}`} data-field={field.path}>
      <Text className="wb-field__label">
        {field.label}
        {changed ? <Text className="editions__changed">（已修改）</Text> : null}
      </Text>
      {control}
      {field.hint ? <Text className="editions__hint">原文：{field.hint}</Text> : null}
      {error ? (
        <View className="wb-field__error" id={errorId} role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
};
