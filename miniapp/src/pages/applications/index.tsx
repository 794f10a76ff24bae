import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DemoBanner } from '../../components/demo-banner';
import { Empty } from '../../components/page-state';
import { useSession } from '../../hooks/use-session';
import './index.scss';

// The list of applications comes with the shared typed client (issue 8); until then the page
// has its signed-out and empty states.
function ApplicationsPage() {
  const session = useSession();
  const goSignIn = () => void Taro.navigateTo({ url: '/subpackages/auth/login/index' });
  const goCalculator = () => void Taro.switchTab({ url: '/pages/calculator/index' });
  return (
    <View className="page applications">
      {session?.demo ? <DemoBanner text="演示账号：这里的申报只是演示，不会提交给主管部门" /> : null}
      {session ? (
        <Empty
          title="还没有申报"
          hint="先用政策计算器看看能申报哪些项目；申报开放后，您的申报和审核进度会显示在这里。"
          action={
            <Button className="applications__action" onClick={goCalculator}>
              去测一测
            </Button>
          }
        />
      ) : (
        <Empty
          title="登录后查看您的申报"
          hint="申报、补充材料和审核进度都需要先登录。"
          action={
            <Button className="applications__action" onClick={goSignIn}>
              去登录
            </Button>
          }
        />
      )}
    </View>
  );
}

export default ApplicationsPage;
