import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Empty } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { useCurrentOrgId } from '../../../services/current-org';
import { shanghaiYear } from '../../../services/shanghai-time';
import { orgIdParam } from '../../org/org-param';
import { WhitelistBoard } from './board';
import '../whitelist.scss';

/** 白名单推荐 (第八条): the current firm applies for this year's recommendation and follows it. */
function WhitelistApplyPage() {
  const router = useRouter();
  const session = useSession();
  const current = useCurrentOrgId();
  const orgId = orgIdParam(router.params['orgId']) ?? current;
  if (!session)
    return (
      <View className="page whitelist">
        <Empty
          title="登录后申请白名单推荐"
          action={
            <Button
              className="wl-primary"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/auth/login/index' })}
            >
              去登录
            </Button>
          }
        />
      </View>
    );
  if (orgId === null)
    return (
      <View className="page whitelist">
        <Empty
          title="请先选择企业"
          hint="在“我的 → 我的企业”中登记或选择企业后再申请。"
          action={
            <Button
              className="wl-primary"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/org/index/index' })}
            >
              我的企业
            </Button>
          }
        />
      </View>
    );
  return (
    <View className="page whitelist">
      <WhitelistBoard client={api} orgId={orgId} year={shanghaiYear()} />
    </View>
  );
}

export default WhitelistApplyPage;
