import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { DemoBanner } from '../../../components/demo-banner';
import { PrivacyPopup } from '../../../components/privacy-popup';
import { api, sessions } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { signInWithWechat } from '../../../services/auth';
import { signInDemo } from '../../../services/session';
import { busyProps } from '../../../components/busy';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

function LoginPage() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const session = await (isWeapp ? signInWithWechat(api) : signInDemo(api, sessions));
      void Taro.showToast({ title: `欢迎，${session.user.displayName}`, icon: 'none' });
      await Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page login">
      {isWeapp ? null : <DemoBanner text="网页版使用演示登录：每次登录都是一个新的演示申报用户，数据仅供体验" />}
      <View className="card">
        <Text className="card-title">登录电商惠企通</Text>
        <Text className="login__text">
          {isWeapp
            ? '使用微信身份登录。我们只获取您在本小程序的身份标识，不获取昵称、头像或手机号。'
            : '网页版没有微信登录，请使用演示登录体验申报流程。'}
        </Text>
        <Button className="login__button" {...busyProps(busy)} onClick={() => void signIn()}>
          {isWeapp ? '微信一键登录' : '演示登录'}
        </Button>
        {error ? (
          <View className="login__error" role="alert">
            ✕ {error}
          </View>
        ) : null}
        <Text className="login__text">
          登录即表示您已阅读
          <Text
            className="link login__privacy"
            onClick={() => void Taro.navigateTo({ url: '/subpackages/legal/privacy/index' })}
          >
            《隐私政策》
          </Text>
        </Text>
      </View>
      <PrivacyPopup />
    </View>
  );
}

export default LoginPage;
