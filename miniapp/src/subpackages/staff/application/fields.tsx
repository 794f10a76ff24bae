import { Input, Text, Textarea, View } from '@tarojs/components';

/** A labelled text field of the workbench's forms, its error beside it; `name` marks it for tests and focus. */
export const TextField = ({
  name,
  label,
  value,
  error,
  placeholder,
  multiline = false,
  unit,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  placeholder?: string;
  multiline?: boolean;
  unit?: string;
  onChange: (value: string) => void;
}) => (
  <View className="wb-field" data-field={name}>
    <Text className="wb-field__label">{label}</Text>
    <View className="wb-field__row">
      {multiline ? (
        <Textarea
          className="wb-field__input wb-field__input--area"
          value={value}
          placeholder={placeholder ?? ''}
          maxlength={500}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <Input
          className="wb-field__input"
          value={value}
          placeholder={placeholder ?? ''}
          maxlength={64}
          onInput={(e) => onChange(e.detail.value)}
        />
      )}
      {unit ? <Text className="wb-field__unit">{unit}</Text> : null}
    </View>
    {error ? (
      <View className="wb-field__error" role="alert">
        ✕ {error}
      </View>
    ) : null}
  </View>
);

/** A choice shown as a checkbox chip (sign and word: never colour alone). */
export const Check = ({ on, label, onToggle }: { on: boolean; label: string; onToggle: () => void }) => (
  <View role="checkbox" aria-checked={on} className={`ar-check${on ? ' ar-check--on' : ''}`} onClick={onToggle}>
    {on ? '☑ ' : '☐ '}
    {label}
  </View>
);
