import { Text, View } from '@tarojs/components';
import './demo-banner.scss';

/** Shown wherever the data comes from a demo edition or a demo sign-in: nothing here is real. */
export const DemoBanner = ({ text = '演示数据：本页内容仅供体验，不是正式政策或真实申报' }: { text?: string }) => (
  <View className="demo-banner" role="note">
    <Text className="demo-banner__tag">演示</Text>
    <Text className="demo-banner__text">{text}</Text>
  </View>
);
