import { Text, View } from '@tarojs/components';
import { PRIVACY_SECTIONS } from './policy';
import './index.scss';

function PrivacyPage() {
  return (
    <View className="page privacy">
      <Text className="privacy__title">电商惠企通隐私政策</Text>
      {PRIVACY_SECTIONS.map((section) => (
        <View key={section.title} className="card">
          <Text className="card-title">{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} className="privacy__paragraph">
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export default PrivacyPage;
