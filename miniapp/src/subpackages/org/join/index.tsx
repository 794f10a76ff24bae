import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Empty } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { fieldErrorsOf } from '../../../org/facts-view';
import { api } from '../../../services/api';
import { setCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import '../org.scss';

const CODE = /^[A-Z0-9]{8}$/;

/** The invite code as typed or pasted: spaces dropped, letters upper-cased. */
const inviteCodeAsTyped = (text: string): string => text.replace(/\s+/g, '').toUpperCase();

/** 加入企业: with the one-time code the firm's administrator made on 我的企业. */
function JoinPage() {
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const join = async () => {
    if (!CODE.test(code)) {
      setError(code === '' ? '请填写邀请码' : '邀请码为8位大写字母和数字，请核对');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const org = await api.joinOrg({ body: { code } });
      setCurrentOrgId(org.id);
      void Taro.showToast({ title: `已加入${org.name}`, icon: 'none' });
      await Taro.redirectTo({ url: '/subpackages/org/index/index' });
    } catch (e) {
      setError(fieldErrorsOf(e)['code'] ?? messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!session)
    return (
      <View className="page org-join">
        <Empty
          title="请先登录"
          hint="登录后才能加入企业。"
          action={
            <Button
              className="org-button"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
            >
              去登录
            </Button>
          }
        />
      </View>
    );

  return (
    <View className="page org-join">
      <View className="card">
        <Text className="card-title org-title">加入企业</Text>
        <Text className="muted org-note">
          企业已由同事登记时，请企业管理员在“我的企业”中点“邀请成员”，把8位邀请码发给您。邀请码7天内有效，只能用一次。
        </Text>
        <View className={`org-form__field ${error ? 'org-form__field--error' : ''}`}>
          <Text className="org-form__label">邀请码</Text>
          <Input
            className="org-form__input"
            type="text"
            value={code}
            placeholder="8位邀请码"
            maxlength={12}
            onInput={(e) => {
              setCode(inviteCodeAsTyped(e.detail.value));
              setError(null);
            }}
          />
          {error ? (
            <View className="org-form__error" role="alert">
              ✕ {error}
            </View>
          ) : null}
        </View>
        <Button className="org-button" {...busyProps(busy)} onClick={() => void join()}>
          加入企业
        </Button>
      </View>
    </View>
  );
}

export default JoinPage;
