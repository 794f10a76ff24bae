import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { type RelocatedShopView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { useCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import { MEASURE_FIVE } from '../../../shops/form';
import { orgIdParam } from '../../org/org-param';
import { ShopStatusBadge } from '../shop-badge';
import '../../org/org.scss';
import '../shops.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; shops: RelocatedShopView[] };

const go = (url: string) => void Taro.navigateTo({ url });

/** 迁入店铺: the firm's shops moved back into the city, each with the county's decision. */
function ShopsPage() {
  const router = useRouter();
  const session = useSession();
  const current = useCurrentOrgId();
  const orgId = orgIdParam(router.params['orgId']) ?? current;
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!session || orgId === null) return;
    try {
      const { shops } = await api.listOrgRelocatedShops({ params: { orgId } });
      setState({ kind: 'ready', shops });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [session, orgId]);

  useEffect(() => void load(), [load]);
  useDidShow(() => void load());

  let body;
  if (!session)
    body = (
      <Empty
        title="请先登录"
        hint="登录并登记企业后，可以登记迁入店铺。"
        action={
          <Button className="org-button" onClick={() => go('/subpackages/auth/login/index')}>
            去登录
          </Button>
        }
      />
    );
  else if (orgId === null)
    body = (
      <Empty
        title="请先选择企业"
        hint="迁入店铺以企业名义登记。"
        action={
          <Button className="org-button" onClick={() => go('/subpackages/org/index/index')}>
            我的企业
          </Button>
        }
      />
    );
  else if (state.kind === 'loading') body = <Loading />;
  else if (state.kind === 'error') body = <ErrorState message={state.message} onRetry={() => void load()} />;
  else
    body = (
      <View className="shops__list">
        {state.shops.length === 0 ? (
          <Empty title="还没有登记迁入店铺" hint="把设在市外、已迁回本市经营的网络店铺登记在这里。" />
        ) : (
          state.shops.map((shop) => (
            <View
              key={shop.id}
              className="card shops__card tap"
              data-shop={shop.id}
              onClick={() => go(`/subpackages/shops/detail/index?id=${shop.id}`)}
            >
              <View className="shops__head">
                <Text className="shops__name">
                  {shop.platformName} · {shop.shop}
                </Text>
                <ShopStatusBadge status={shop.status} />
              </View>
              <Text className="shops__line muted">
                迁入日期：{shop.relocatedOn} · {shop.countyName}
              </Text>
              {shop.status === 'refused' && shop.refusalReason ? (
                <Text className="shops__reason">未通过理由：{shop.refusalReason}</Text>
              ) : null}
            </View>
          ))
        )}
      </View>
    );

  return (
    <View className="page shops">
      <View className="card">
        <Text className="card-title org-title">迁入店铺登记</Text>
        <Text className="shops__measure">{MEASURE_FIVE}</Text>
        <Text className="muted org-note">
          登记后由店铺所在县（市、区）商务主管部门核实，核实后计入全市迁入店铺数量。
        </Text>
        {session && orgId !== null ? (
          <Button
            className="org-button shops__new"
            onClick={() => go(`/subpackages/shops/register/index?orgId=${orgId}`)}
          >
            登记迁入店铺
          </Button>
        ) : null}
      </View>
      {body}
    </View>
  );
}

export default ShopsPage;
