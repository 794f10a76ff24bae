import { View } from '@tarojs/components';
import { api } from '../../../services/api';
import { shanghaiYear } from '../../../services/shanghai-time';
import { PublicWhitelistBoard } from './board';
import '../whitelist.scss';

/** 白名单推荐名单: no sign-in. */
function PublicWhitelistPage() {
  return (
    <View className="page whitelist">
      <PublicWhitelistBoard client={api} initialYear={shanghaiYear()} />
    </View>
  );
}

export default PublicWhitelistPage;
