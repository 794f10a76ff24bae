import { Text, View } from '@tarojs/components';
import './notice.scss';

/** A one-line notice above a page's content (offline, built-in data). */
export const Notice = ({ text }: { text: string }) => (
  <View className="notice" role="status">
    <Text className="notice__sign" aria-hidden>
      i
    </Text>
    <Text>{text}</Text>
  </View>
);
