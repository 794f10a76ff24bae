import { Text } from '@tarojs/components';
import { type RelocatedShopStatus } from '@huiqi/shared';
import { SHOP_STATUS_BADGE } from '../../shops/form';
import '../../components/status.scss';

/** A registration's status with its sign and word (colour is never the only signal). */
export const ShopStatusBadge = ({ status }: { status: RelocatedShopStatus }) => {
  const { tone, sign, word } = SHOP_STATUS_BADGE[status];
  return (
    <Text className={`status status--${tone}`} data-status={status}>
      <Text className="status__sign" aria-hidden>
        {sign}
      </Text>
      {word}
    </Text>
  );
};
