import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { type ApiClient, type ApplicationView, formatFen } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { Empty, ErrorState, Loading } from '../../components/page-state';
import { ApplicationStatusBadge } from '../../components/status';
import { useSession } from '../../hooks/use-session';
import { api } from '../../services/api';
import { formatDayZh } from '../../services/shanghai-time';
import { useCurrentOrgId } from '../../services/current-org';
import { messageOf } from '../../services/errors';
import { useUnreadBadge } from '../../hooks/use-unread-badge';
import './index.scss';

type State =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; applications: ApplicationView[] };

/** An instant as its date in Asia/Shanghai. */
const open = (a: ApplicationView) =>
  void Taro.navigateTo({
    url:
      a.status === 'draft' ? `/subpackages/apply/new/index?id=${a.id}` : `/subpackages/apply/detail/index?id=${a.id}`,
  });

/** One application: program, year, status in a word and a sign, the amount once known, the last change. */
export const ApplicationItem = ({ application: a }: { application: ApplicationView }) => (
  <View className="card applications__item tap" role="link" data-application={a.id} onClick={() => open(a)}>
    <View className="applications__head">
      <Text className="card-title applications__title">
        第{a.measure}条 {a.programTitle}
      </Text>
      <ApplicationStatusBadge status={a.status} />
    </View>
    <Text className="applications__line">
      {a.claimYear}年度 · 申报编号 {a.id}
    </Text>
    {a.maxAmountFen !== null ? <Text className="applications__line">最多可获 {formatFen(a.maxAmountFen)}</Text> : null}
    <Text className="applications__line muted">最后更新：{formatDayZh(a.updatedAt)}</Text>
    <Text className="applications__more">{a.status === 'draft' ? '继续填写 ›' : '查看详情 ›'}</Text>
  </View>
);

/** The current firm's applications, newest first (through the app's client, or a test's). */
export const ApplicationList = ({ orgId, client = api }: { orgId: number; client?: ApiClient }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const { applications } = await client.listApplications({ params: { orgId } });
      setState({ kind: 'ready', applications });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [orgId, client]);
  useEffect(() => void load(), [load]);
  // A tab page stays mounted: what changed on 申报详情 shows when the tab is back.
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  if (state.applications.length === 0)
    return (
      <Empty
        title="还没有申报"
        hint="首页列出了正在受理的奖励项目，点“去申报”即可开始；不确定能否申报，可以先用政策计算器测一测。"
        action={
          <Button className="applications__action" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            去首页看项目
          </Button>
        }
      />
    );
  return (
    <View>
      {state.applications.map((a) => (
        <ApplicationItem key={a.id} application={a} />
      ))}
    </View>
  );
};

function ApplicationsPage() {
  useUnreadBadge();
  const session = useSession();
  const orgId = useCurrentOrgId();
  const goSignIn = () => void Taro.navigateTo({ url: '/subpackages/auth/login/index' });
  const goOrg = () => void Taro.navigateTo({ url: '/subpackages/org/index/index' });
  return (
    <View className="page applications">
      {session?.demo ? <DemoBanner text="演示账号：这里的申报只是演示，不会提交给主管部门" /> : null}
      {!session ? (
        <Empty
          title="登录后查看您的申报"
          hint="申报、补充材料和审核进度都需要先登录。"
          action={
            <Button className="applications__action" onClick={goSignIn}>
              去登录
            </Button>
          }
        />
      ) : orgId === null ? (
        <Empty
          title="还没有申报"
          hint="申报以企业的名义办理：请先登记您的企业，或选择您所在的企业。"
          action={
            <Button className="applications__action" onClick={goOrg}>
              去登记企业
            </Button>
          }
        />
      ) : (
        <ApplicationList orgId={orgId} />
      )}
    </View>
  );
}

export default ApplicationsPage;
