import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type RosterKind } from '@huiqi/shared';
import { useState } from 'react';
import { Empty } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { useCurrentOrgId } from '../../../services/current-org';
import { shanghaiToday, shanghaiYear } from '../../../services/shanghai-time';
import { orgIdParam } from '../../org/org-param';
import { RosterBoard } from './board';
import './index.scss';

const TABS: { kind: RosterKind; label: string }[] = [
  { kind: 'hires', label: '就业人员（电商企业）' },
  { kind: 'streamers', label: '培训主播（培训机构）' },
];

/** 人才名册 (第九条): the current firm's rosters of a year. */
function RosterPage() {
  const router = useRouter();
  const session = useSession();
  const current = useCurrentOrgId();
  const orgId = orgIdParam(router.params['orgId']) ?? current;
  const [kind, setKind] = useState<RosterKind>(router.params['kind'] === 'streamers' ? 'streamers' : 'hires');
  const [year, setYear] = useState(shanghaiYear());
  if (!session || orgId === null)
    return (
      <View className="page roster">
        <Empty
          title={session ? '请先选择企业' : '登录后填写人才名册'}
          action={
            <Button
              className="roster-primary"
              onClick={() =>
                void Taro.navigateTo({
                  url: session ? '/subpackages/org/index/index' : '/subpackages/auth/login/index',
                })
              }
            >
              {session ? '我的企业' : '去登录'}
            </Button>
          }
        />
      </View>
    );
  return (
    <View className="page roster">
      <View className="roster-tabs" role="tablist">
        {TABS.map((tab) => (
          <View
            key={tab.kind}
            className={`roster-tab tap ${kind === tab.kind ? 'roster-tab--on' : ''}`}
            role="tab"
            aria-selected={kind === tab.kind}
            data-tab={tab.kind}
            onClick={() => setKind(tab.kind)}
          >
            <Text>{tab.label}</Text>
          </View>
        ))}
      </View>
      <View className="roster-years">
        <Text className="link tap" onClick={() => setYear((y) => y - 1)}>
          ‹ {year - 1}年度
        </Text>
        <Text className="roster-years__current">{year}年度</Text>
        <Text className="link tap" onClick={() => setYear((y) => y + 1)}>
          {year + 1}年度 ›
        </Text>
      </View>
      <RosterBoard key={`${kind}-${year}`} client={api} orgId={orgId} kind={kind} year={year} today={shanghaiToday()} />
    </View>
  );
}

export default RosterPage;
