import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { type ApiClient, type RelocatedShopPage, type RelocatedShopView, type Role } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { useSession } from '../../../hooks/use-session';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import {
  COUNTY_FILTERS,
  decides,
  DEFAULT_SHOP_FILTERS,
  refusalReasonProblem,
  SHOP_STATUS_FILTERS,
  type ShopFilters,
  shopListQuery,
  verifyQuestion,
} from '../../../workbench/shops';
import { useConfirm } from '../components/confirm';
import { Done, Refused } from '../components/outcome';
import { Pager } from '../components/pager';
import { Workbench } from '../components/workbench';
import './index.scss';

/** 不通过: the reason the firm will read, checked before it is sent. */
const RefuseForm = ({
  shop,
  busy,
  onRefuse,
  onCancel,
}: {
  shop: RelocatedShopView;
  busy: boolean;
  onRefuse: (reason: string) => void;
  onCancel: () => void;
}) => {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <View className="shops-review__refuse" data-refuse={shop.id}>
      <Textarea
        className="shops-review__reason"
        value={reason}
        placeholder="不通过的理由（企业将看到），例如 店铺经营主体与企业不符"
        maxlength={500}
        onInput={(e) => {
          setReason(e.detail.value);
          setProblem(null);
        }}
      />
      {problem ? (
        <View className="wb-field__error" role="alert">
          {problem}
        </View>
      ) : null}
      <View className="shops-review__actions">
        <Button className="wb-button" onClick={onCancel}>
          取消
        </Button>
        <Button
          className="wb-button wb-button--danger"
          {...busyProps(busy)}
          onClick={() => {
            const found = refusalReasonProblem(reason);
            if (found) setProblem(found);
            else onRefuse(reason.trim());
          }}
        >
          确认不通过
        </Button>
      </View>
    </View>
  );
};

/** 迁入店铺核实: the county's registrations (the city's and the administrator's: every county), a page at a time. */
export const ShopsReviewView = ({ client, role }: { client: ApiClient; role: Role }) => {
  const [filters, setFilters] = useState<ShopFilters>(DEFAULT_SHOP_FILTERS);
  const [page, setPage] = useState(1);
  const [list, setList] = useState<RelocatedShopPage | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const { dialog, ask } = useConfirm();

  const load = useCallback(async () => {
    try {
      setList(await client.listRelocatedShops({ query: shopListQuery(role, filters, page) }));
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, role, filters, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (shop: RelocatedShopView, run: () => Promise<RelocatedShopView>, done: string) => {
    setBusy(shop.id);
    setNotice(null);
    setFailure(null);
    try {
      await run();
      setRefusing(null);
      setNotice(done);
      await load();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  const verify = async (shop: RelocatedShopView) => {
    if (!(await ask({ title: '核实迁入店铺', body: <Text>{verifyQuestion(shop)}</Text>, confirmText: '核实' }))) return;
    await decide(
      shop,
      () => client.verifyRelocatedShop({ params: { id: shop.id } }),
      `已核实：${shop.firmName} · ${shop.platformName} ${shop.shop}`,
    );
  };

  const refuse = (shop: RelocatedShopView, reason: string) =>
    decide(
      shop,
      () => client.refuseRelocatedShop({ params: { id: shop.id }, body: { reason } }),
      `已退回企业（不通过）：${shop.firmName} · ${shop.platformName} ${shop.shop}`,
    );

  const statusIndex = SHOP_STATUS_FILTERS.findIndex((o) => o.status === filters.status);
  const countyIndex = COUNTY_FILTERS.findIndex((o) => o.county === filters.county);

  return (
    <View className="shops-review">
      <Done text={notice} />
      <Refused text={failure} />
      <View className="shops-review__filters">
        {role === 'county-reviewer' ? null : (
          <Picker
            mode="selector"
            range={COUNTY_FILTERS.map((o) => o.label)}
            value={Math.max(0, countyIndex)}
            onChange={(e) => {
              setPage(1);
              setFilters({ ...filters, county: COUNTY_FILTERS[Number(e.detail.value)]?.county ?? '' });
            }}
          >
            <View className="wb-button shops-review__county">{COUNTY_FILTERS[countyIndex]?.label} ▾</View>
          </Picker>
        )}
        <Picker
          mode="selector"
          range={SHOP_STATUS_FILTERS.map((o) => o.label)}
          value={Math.max(0, statusIndex)}
          onChange={(e) => {
            setPage(1);
            setFilters({ ...filters, status: SHOP_STATUS_FILTERS[Number(e.detail.value)]?.status ?? '' });
          }}
        >
          <View className="wb-button shops-review__status">{SHOP_STATUS_FILTERS[statusIndex]?.label} ▾</View>
        </Picker>
      </View>
      <View className="wb-table" role="table" aria-label="迁入店铺">
        <View className="wb-table__row wb-table__row--head" role="row">
          <Text className="wb-table__cell">经营主体</Text>
          <Text className="wb-table__cell">平台与店铺</Text>
          <Text className="wb-table__cell">县（市、区）</Text>
          <Text className="wb-table__cell">迁入日期</Text>
          <Text className="wb-table__cell">状态</Text>
          <Text className="wb-table__cell wb-table__cell--wide">操作</Text>
        </View>
        {list?.shops.map((shop) => (
          <View key={shop.id} className="wb-table__row" role="row" data-shop={shop.id}>
            <View className="wb-table__cell">
              <Text>{shop.firmName}</Text>
              <Text className="shops-review__sub">{shop.firmUscc}</Text>
            </View>
            <View className="wb-table__cell">
              <Text>{shop.platformName}</Text>
              <Text className="shops-review__sub">{shop.shop}</Text>
            </View>
            <Text className="wb-table__cell">{shop.countyName}</Text>
            <Text className="wb-table__cell">{shop.relocatedOn}</Text>
            <View className="wb-table__cell">
              <Text data-status={shop.status}>{shop.statusLabel}</Text>
              {shop.refusalReason ? <Text className="shops-review__sub">理由：{shop.refusalReason}</Text> : null}
            </View>
            <View className="wb-table__cell wb-table__cell--wide">
              {decides(role, shop) ? (
                refusing === shop.id ? (
                  <RefuseForm
                    shop={shop}
                    busy={busy === shop.id}
                    onCancel={() => setRefusing(null)}
                    onRefuse={(reason) => void refuse(shop, reason)}
                  />
                ) : (
                  <View className="shops-review__actions">
                    <Button
                      className="wb-button wb-button--primary shops-review__verify"
                      {...busyProps(busy === shop.id)}
                      onClick={() => void verify(shop)}
                    >
                      核实
                    </Button>
                    <Button className="wb-button wb-button--danger" onClick={() => setRefusing(shop.id)}>
                      不通过
                    </Button>
                  </View>
                )
              ) : (
                <Text className="shops-review__sub">
                  {shop.status === 'pending' ? '由所在县（市、区）审核员核实' : '—'}
                </Text>
              )}
            </View>
          </View>
        ))}
        {list && list.shops.length === 0 ? (
          <View className="wb-table__row">
            <Text className="wb-table__cell">没有符合条件的迁入店铺</Text>
          </View>
        ) : null}
      </View>
      {list ? <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={setPage} /> : null}
      {dialog}
    </View>
  );
};

function ShopsReviewPage() {
  const session = useSession();
  return (
    <Workbench active="shops" title="迁入店铺核实" roles={['county-reviewer', 'city-reviewer', 'admin']}>
      <Text className="shops-review__sub">
        第五条：推动市内生产经营的企业将设在市外的网络店铺回迁。企业登记的迁入店铺由店铺所在县（市、区）核实，核实后计入全市“回迁市内店铺超过180家”的目标。
      </Text>
      {session ? <ShopsReviewView client={api} role={session.user.role} /> : null}
    </Workbench>
  );
}

export default ShopsReviewPage;
