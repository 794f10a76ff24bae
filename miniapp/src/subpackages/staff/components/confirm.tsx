import { Button, Text, View } from '@tarojs/components';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import './confirm.scss';

interface Question {
  title: string;
  /** What will happen, in full: the amount, the firm, who is told. */
  body: ReactNode;
  confirmText: string;
  danger: boolean;
}

/**
 * Every decision of the workbench is confirmed first: `ask` opens a dialog that says what will
 * happen and resolves true on 确定 (or Enter), false on 取消 (or Escape).
 */
export const useConfirm = (): {
  dialog: ReactNode;
  open: boolean;
  ask: (question: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) => Promise<boolean>;
} => {
  const [question, setQuestion] = useState<Question | null>(null);
  const resolver = useRef<((answer: boolean) => void) | null>(null);

  const answer = useCallback((value: boolean) => {
    resolver.current?.(value);
    resolver.current = null;
    setQuestion(null);
  }, []);

  const ask = useCallback(
    (next: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setQuestion({ confirmText: '确定', danger: false, ...next });
      }),
    [],
  );

  // Enter confirms and Escape cancels while the dialog is open (H5).
  useEffect(() => {
    if (!question || typeof document === 'undefined') return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') answer(false);
      else if (event.key === 'Enter' && (event.target as HTMLElement | null)?.tagName !== 'TEXTAREA') answer(true);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [question, answer]);

  const dialog = question ? (
    <View className="wb-confirm" role="presentation">
      <View className="wb-confirm__box" role="dialog" aria-modal="true" aria-label={question.title}>
        <Text className="wb-confirm__title">{question.title}</Text>
        <View className="wb-confirm__body">{question.body}</View>
        <View className="wb-confirm__buttons">
          <Button className="wb-button" onClick={() => answer(false)}>
            取消
          </Button>
          <Button
            className={`wb-button ${question.danger ? 'wb-button--danger' : 'wb-button--primary'}`}
            onClick={() => answer(true)}
          >
            {question.confirmText}
          </Button>
        </View>
      </View>
    </View>
  ) : null;

  return { dialog, open: question !== null, ask };
};
