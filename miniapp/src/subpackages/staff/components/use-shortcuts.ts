import { useEffect, useRef } from 'react';
import { type Shortcut, shortcutFor } from '../../../workbench/shortcuts';

/**
 * The page's keyboard shortcuts (H5): one key each, never while typing in a field or while a
 * confirmation is open (the dialog's own keys answer it then).
 */
export const useShortcuts = (shortcuts: readonly Shortcut[], dialogOpen: boolean): void => {
  const current = useRef({ shortcuts, dialogOpen });
  current.current = { shortcuts, dialogOpen };

  useEffect(() => {
    if (typeof document === 'undefined') return undefined;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as (HTMLElement & { isContentEditable?: boolean }) | null;
      const shortcut = shortcutFor(
        {
          key: event.key,
          altKey: event.altKey,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable } : null,
        },
        current.current.shortcuts,
        current.current.dialogOpen,
      );
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
};
