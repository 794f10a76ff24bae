import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Popup } from '@nutui/nutui-react-taro';
import { useEffect, useRef, useState } from 'react';
import { PRIVACY_AGREE_BUTTON_ID, registerPrivacyAsker } from '../services/privacy';
import './privacy-popup.scss';

type Resolve = Parameters<Parameters<typeof registerPrivacyAsker>[0]>[0];

/**
 * WeChat's privacy authorisation: shown when WeChat (or the app, before sign-in) says the user
 * has not yet agreed. 同意 is WeChat's own agreePrivacyAuthorization button, so the platform sees
 * the tap; either answer is passed back through `resolve`. Placed on every page that can start a
 * privacy API or a sign-in.
 */
export const PrivacyPopup = () => {
  const [visible, setVisible] = useState(false);
  const resolveRef = useRef<Resolve | null>(null);

  useEffect(
    () =>
      registerPrivacyAsker((resolve) => {
        resolveRef.current = resolve;
        setVisible(true);
        resolve({ event: 'exposureAuthorization' });
      }),
    [],
  );

  const answer = (event: 'agree' | 'disagree') => {
    resolveRef.current?.(event === 'agree' ? { event, buttonId: PRIVACY_AGREE_BUTTON_ID } : { event });
    resolveRef.current = null;
    setVisible(false);
  };

  const openGuidelines = () => {
    if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({});
  };

  return (
    <Popup visible={visible} position="bottom" round closeOnOverlayClick={false} onClose={() => answer('disagree')}>
      <View className="privacy-popup">
        <Text className="privacy-popup__title">隐私保护提示</Text>
        <Text className="privacy-popup__text">
          登录和申报需要使用您的微信身份标识，申报时还会上传您选择的文件。请先阅读
        </Text>
        <View className="privacy-popup__links">
          <Text className="link tap" onClick={openGuidelines}>
            《电商惠企通小程序隐私保护指引》
          </Text>
          <Text className="link tap" onClick={() => void Taro.navigateTo({ url: '/subpackages/legal/privacy/index' })}>
            《隐私政策》
          </Text>
        </View>
        <Text className="privacy-popup__text">同意后才能继续；不同意也可以继续使用政策计算器。</Text>
        <View className="privacy-popup__actions">
          <Button className="privacy-popup__button" onClick={() => answer('disagree')}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy-popup__button privacy-popup__button--primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </Popup>
  );
};
