/**
 * Props for a button while its action runs. Taro's H5 button is a custom element: React writes
 * `disabled={false}` as the attribute disabled="false", which its stylesheet's [disabled] rule
 * matches, turning the label white on white. So the props are present only while busy.
 */
export const busyProps = (busy: boolean): { loading?: true; disabled?: true } =>
  busy ? { loading: true, disabled: true } : {};

/** Props for a button that cannot be used now (no more pages, nothing chosen): present only when it cannot. */
export const disabledProps = (disabled: boolean): { disabled?: true } => (disabled ? { disabled: true } : {});
