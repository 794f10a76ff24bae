/** A keyboard shortcut of the workbench: one key, no modifier, shown beside its button. */
export interface Shortcut {
  /** The key as `KeyboardEvent.key` gives it, lower case (`a`, `r`, `j`, `/`). */
  key: string;
  /** What it does, in Chinese (the shortcut list shows it). */
  label: string;
  run: () => void;
}

/** What `shortcutFor` needs of a key press. */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The element with focus: typing in a field is never a shortcut. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The shortcut a key press runs, if any: none while typing, none with a modifier, none while a dialog is open. */
export const shortcutFor = (
  press: KeyPress,
  shortcuts: readonly Shortcut[],
  dialogOpen = false,
): Shortcut | undefined => {
  if (dialogOpen || press.altKey || press.ctrlKey || press.metaKey) return undefined;
  const tag = press.target?.tagName?.toUpperCase();
  if ((tag && TYPING.has(tag)) || press.target?.isContentEditable) return undefined;
  const key = press.key.toLowerCase();
  return shortcuts.find((shortcut) => shortcut.key === key);
};
