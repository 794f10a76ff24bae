import { Input, Picker, Text, View } from '@tarojs/components';
import { formatFen } from '@huiqi/shared';
import { type Field, type FieldValue } from '../calculator/form';
import { parseYuan } from '../calculator/numbers';
import './fact-field.scss';

interface Props {
  field: Field;
  value: FieldValue | undefined;
  error?: string;
  onChange: (value: FieldValue | undefined) => void;
}

const inputType = (kind: Field['kind']): 'digit' | 'number' | 'text' => {
  if (kind === 'fen' || kind === 'share-bp') return 'digit';
  if (kind === 'count' || kind === 'year') return 'number';
  return 'text';
};

const YesNo = ({ value, onChange }: { value: FieldValue | undefined; onChange: Props['onChange'] }) => {
  const options: { label: string; value: boolean | undefined }[] = [
    { label: '是', value: true },
    { label: '否', value: false },
    { label: '不确定', value: undefined },
  ];
  return (
    <View className="fact-field__choices" role="radiogroup">
      {options.map((option) => {
        const selected = value === option.value;
        return (
          <View
            key={option.label}
            role="radio"
            aria-checked={selected}
            className={`chip ${selected ? 'chip--on' : ''}`}
            onClick={() => onChange(option.value)}
          >
            {selected ? '● ' : '○ '}
            {option.label}
          </View>
        );
      })}
    </View>
  );
};

const Chips = ({ field, value, onChange }: Pick<Props, 'field' | 'value' | 'onChange'>) => {
  const chosen = Array.isArray(value) ? value : [];
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <View className="fact-field__choices">
      {(field.choices ?? []).map((choice) => {
        const on = chosen.includes(choice.id);
        return (
          <View
            key={choice.id}
            role="checkbox"
            aria-checked={on}
            className={`chip ${on ? 'chip--on' : ''}`}
            onClick={() => toggle(choice.id)}
          >
            {on ? '☑ ' : '☐ '}
            {choice.name}
          </View>
        );
      })}
    </View>
  );
};

/** What a yuan amount reads as, under the field: "= 1亿元", so a slipped zero shows at once. */
const amountPreview = (text: string): string | null => {
  const parsed = parseYuan(text);
  return parsed.ok ? `即 ${formatFen(parsed.value)}` : null;
};

/** One fact, drawn by its kind from the catalogue; the form never knows which program asked. */
export const FactField = ({ field, value, error, onChange }: Props) => {
  let control;
  if (field.kind === 'boolean') control = <YesNo value={value} onChange={onChange} />;
  else if (field.choices && field.kind !== 'county')
    control = <Chips field={field} value={value} onChange={onChange} />;
  else if (field.kind === 'county') {
    const choices = field.choices ?? [];
    const index = choices.findIndex((c) => c.id === value);
    control = (
      <Picker
        mode="selector"
        range={choices.map((c) => c.name)}
        value={Math.max(index, 0)}
        onChange={(e) => onChange(choices[Number(e.detail.value)]?.id)}
      >
        <View className="fact-field__picker tap">{index >= 0 ? choices[index]?.name : '请选择'}</View>
      </Picker>
    );
  } else if (field.kind === 'date') {
    const text = typeof value === 'string' ? value : '';
    control = (
      <View className="fact-field__row">
        <Picker mode="date" value={text || '2023-01-01'} onChange={(e) => onChange(String(e.detail.value))}>
          <View className="fact-field__picker tap">{text || '请选择日期'}</View>
        </Picker>
        {text ? (
          <Text className="link tap fact-field__clear" onClick={() => onChange(undefined)}>
            清除
          </Text>
        ) : null}
      </View>
    );
  } else {
    const text = typeof value === 'string' ? value : '';
    const preview = field.kind === 'fen' && text && !error ? amountPreview(text) : null;
    control = (
      <View>
        <View className="fact-field__row">
          <Input
            className="fact-field__input"
            type={inputType(field.kind)}
            value={text}
            placeholder={`请输入${field.label}`}
            maxlength={field.kind === 'uscc' ? 18 : 24}
            onInput={(e) => onChange(e.detail.value === '' ? undefined : e.detail.value)}
          />
          {field.unit ? <Text className="fact-field__unit">{field.unit}</Text> : null}
        </View>
        {preview ? <Text className="fact-field__preview">{preview}</Text> : null}
      </View>
    );
  }
  return (
    <View className={`fact-field ${error ? 'fact-field--error' : ''}`}>
      <Text className="fact-field__label">{field.label}</Text>
      {control}
      {error ? (
        <View className="fact-field__error" role="alert">
          ✕ {error}
        </View>
      ) : null}
    </View>
  );
};
