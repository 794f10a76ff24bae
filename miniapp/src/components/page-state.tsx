import { Button, Text, View } from '@tarojs/components';
import { type ReactNode } from 'react';
import './page-state.scss';

/** While a page waits for the API. */
export const Loading = ({ text = '正在加载…' }: { text?: string }) => (
  <View className="page-state" aria-busy="true">
    <View className="page-state__spinner" aria-hidden />
    <Text className="page-state__text">{text}</Text>
  </View>
);

/** Nothing to show yet, with what to do about it. */
export const Empty = ({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) => (
  <View className="page-state">
    <Text className="page-state__icon" aria-hidden>
      ○
    </Text>
    <Text className="page-state__title">{title}</Text>
    {hint ? <Text className="page-state__text">{hint}</Text> : null}
    {action}
  </View>
);

/** A failure in the API's Chinese words, and a way to try again. */
export const ErrorState = ({ message, onRetry }: { message: string; onRetry?: () => void }) => (
  <View className="page-state" role="alert">
    <Text className="page-state__icon page-state__icon--error" aria-hidden>
      !
    </Text>
    <Text className="page-state__title">出错了</Text>
    <Text className="page-state__text">{message}</Text>
    {onRetry ? (
      <Button className="page-state__retry" onClick={onRetry}>
        重试
      </Button>
    ) : null}
  </View>
);
