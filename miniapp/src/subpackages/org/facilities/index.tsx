import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { factLabel } from '@huiqi/shared';
import { useMemo } from 'react';
import { FACILITY_FACTS, programsCounting } from '../../../org/facilities';
import { useCurrentOrgId } from '../../../services/current-org';
import { FactSheet } from '../components/fact-sheet';
import { orgIdParam } from '../org-param';
import './index.scss';

/** 场地登记: a livestream base's site, rooms, streamers and platform authorisations. */
function FacilitiesPage() {
  const router = useRouter();
  const current = useCurrentOrgId();
  const orgId = orgIdParam(router.params['orgId']) ?? current;
  const programs = useMemo(() => programsCounting(FACILITY_FACTS), []);
  const intro = (
    <View className="facilities__intro">
      <Text className="facilities__lead">
        直播电商基地（园区）或有直播场地的企业在这里登记场地情况。这些信息用于以下奖励项目的条件判断：
      </Text>
      {programs.map((p) => (
        <Text key={p.programId} className="facilities__program" data-program={p.programId}>
          · 第{p.measure}条 {p.title}（{p.facts.map(factLabel).join('、')}）
        </Text>
      ))}
      <Text className="muted org-note">没有直播场地的企业可以不填。</Text>
    </View>
  );
  return (
    <View className="page org-facilities">
      <FactSheet orgId={orgId} names={FACILITY_FACTS} scope="facilities" intro={intro} />
    </View>
  );
}

export default FacilitiesPage;
