import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type RelocatedShopView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { statusHint } from '../../../shops/form';
import { orgIdParam } from '../../org/org-param';
import { ShopStatusBadge } from '../shop-badge';
import '../../org/org.scss';
import '../shops.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; shop: RelocatedShopView };

/** 迁入店铺详情: what was registered, where it stands, and the county's reason when refused. */
function ShopDetailPage() {
  const router = useRouter();
  const session = useSession();
  const id = orgIdParam(router.params['id']);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!session) return;
    if (id === null) {
      setState({ kind: 'error', message: '缺少登记编号，请从迁入店铺列表进入' });
      return;
    }
    try {
      setState({ kind: 'ready', shop: await api.getRelocatedShop({ params: { id } }) });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [session, id]);

  useEffect(() => void load(), [load]);
  useDidShow(() => void load());

  if (!session)
    return (
      <View className="page shops-detail">
        <Empty
          title="请先登录"
          hint="登录后查看迁入店铺的核实情况。"
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
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  const { shop } = state;

  return (
    <View className="page shops-detail" data-shop={shop.id}>
      <View className="card shops__card">
        <View className="shops__head">
          <Text className="shops__name">
            {shop.platformName} · {shop.shop}
          </Text>
          <ShopStatusBadge status={shop.status} />
        </View>
        <Text className="shops__line muted shops__hint">{statusHint(shop)}</Text>
        {shop.status === 'refused' && shop.refusalReason ? (
          <Text className="shops__reason">未通过理由：{shop.refusalReason}</Text>
        ) : null}
        <Text className="shops__line">经营主体：{shop.firmName}</Text>
        <Text className="shops__line">统一社会信用代码：{shop.firmUscc}</Text>
        <Text className="shops__line">平台：{shop.platformName}</Text>
        <Text className="shops__line">
          {shop.shopKind === 'link' ? '店铺链接' : '店铺ID'}：{shop.shop}
        </Text>
        <Text className="shops__line">所在县（市、区）：{shop.countyName}</Text>
        <Text className="shops__line">迁入日期：{shop.relocatedOn}</Text>
        <Text className="shops__line muted">登记时间：{formatDateTimeZh(shop.registeredAt)}</Text>
        {shop.reviewedAt ? (
          <Text className="shops__line muted">核实时间：{formatDateTimeZh(shop.reviewedAt)}</Text>
        ) : null}
        {shop.status === 'refused' ? (
          <Button
            className="org-button shops__resubmit"
            onClick={() => void Taro.navigateTo({ url: `/subpackages/shops/register/index?id=${shop.id}` })}
          >
            修改后重新提交
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default ShopDetailPage;
