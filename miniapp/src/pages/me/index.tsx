import { Button, Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@huiqi/shared';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { OrgSummary } from '../../components/org-summary';
import { useSession } from '../../hooks/use-session';
import { api, sessions } from '../../services/api';
import { setCurrentOrgId } from '../../services/current-org';
import { signOut as endSession } from '../../services/session';
import { isStaffRole, STAFF_HOME_PATH, STAFF_LOGIN_PATH } from '../../workbench/nav';
import { busyProps } from '../../components/busy';
import { useUnreadBadge } from '../../hooks/use-unread-badge';
import './index.scss';

function MePage() {
  useUnreadBadge();
  const session = useSession();
  const [busy, setBusy] = useState(false);

  const signOut = async () => {
    setBusy(true);
    await endSession(api, sessions);
    // The next person to sign in on this device works for their own firm.
    setCurrentOrgId(null);
    setBusy(false);
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  return (
    <View className="page me">
      {session?.demo ? <DemoBanner text="您正在使用演示账号，数据仅供体验" /> : null}
      <View className="card me__account">
        {session ? (
          <View>
            <Text className="card-title">{session.user.displayName}</Text>
            <Text className="me__role">
              {ROLE_LABELS[session.user.role]}
              {session.demo ? '（演示）' : ''}
            </Text>
          </View>
        ) : (
          <View>
            <Text className="card-title">未登录</Text>
            <Text className="muted">登录后可以登记企业、在线申报、查看审核进度。</Text>
            <Button
              className="me__primary"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
            >
              登录
            </Button>
          </View>
        )}
      </View>
      {session ? <OrgSummary /> : null}
      <View className="card me__menu">
        {session ? (
          <View
            className="me__item tap"
            role="link"
            onClick={() => void Taro.navigateTo({ url: '/subpackages/messages/settings/index' })}
          >
            <Text>消息设置</Text>
            <Text className="me__arrow" aria-hidden>
              ›
            </Text>
          </View>
        ) : null}
        <View
          className="me__item tap"
          role="link"
          onClick={() => void Taro.navigateTo({ url: '/subpackages/finance/index/index' })}
        >
          <Text>融资与跨境（齐鲁电商贷、一类出口企业）</Text>
          <Text className="me__arrow" aria-hidden>
            ›
          </Text>
        </View>
        <View
          className="me__item tap"
          role="link"
          onClick={() => void Taro.navigateTo({ url: '/subpackages/notice/index/index' })}
        >
          <Text>奖补资金公示</Text>
          <Text className="me__arrow" aria-hidden>
            ›
          </Text>
        </View>
        <View
          className="me__item tap"
          role="link"
          onClick={() => void Taro.navigateTo({ url: '/subpackages/parks/ranking/index' })}
        >
          <Text>电商产业园区综合评价</Text>
          <Text className="me__arrow" aria-hidden>
            ›
          </Text>
        </View>
        <View
          className="me__item tap"
          role="link"
          onClick={() => void Taro.navigateTo({ url: '/subpackages/legal/privacy/index' })}
        >
          <Text>隐私政策</Text>
          <Text className="me__arrow" aria-hidden>
            ›
          </Text>
        </View>
        {/* The workbench is in the H5 build only (the staff subpackage is not in the weapp). */}
        {process.env.TARO_ENV === 'h5' ? (
          <View
            className="me__item tap"
            role="link"
            onClick={() =>
              void Taro.navigateTo({
                url: session && isStaffRole(session.user.role) ? STAFF_HOME_PATH : STAFF_LOGIN_PATH,
              })
            }
          >
            <Text>工作人员入口（审核工作台）</Text>
            <Text className="me__arrow" aria-hidden>
              ›
            </Text>
          </View>
        ) : null}
      </View>
      {session ? (
        <Button className="me__signout" {...busyProps(busy)} onClick={() => void signOut()}>
          退出登录
        </Button>
      ) : null}
    </View>
  );
}

export default MePage;
