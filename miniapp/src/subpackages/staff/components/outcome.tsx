import { View } from '@tarojs/components';

/** What an action did, said where it was taken (nothing when there is nothing to say). */
export const Done = ({ text }: { text: string | null | undefined }) =>
  text ? (
    <View className="wb-alert wb-alert--ok" role="status">
      {text}
    </View>
  ) : null;

/** Why it was refused, in the API's Chinese words. */
export const Refused = ({ text }: { text: string | null | undefined }) =>
  text ? (
    <View className="wb-alert" role="alert">
      {text}
    </View>
  ) : null;
