import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PROFILE_FACTS } from '../../../org/facts-view';
import { useCurrentOrgId } from '../../../services/current-org';
import { FactSheet } from '../components/fact-sheet';
import { orgIdParam } from '../org-param';

/** 企业档案: every fact of the year (the registration's own shown as registered), with where each came from. */
function ProfilePage() {
  const router = useRouter();
  const current = useCurrentOrgId();
  const orgId = orgIdParam(router.params['orgId']) ?? current;
  return (
    <View className="page org-profile">
      <FactSheet orgId={orgId} names={PROFILE_FACTS} scope="profile" />
    </View>
  );
}

export default ProfilePage;
