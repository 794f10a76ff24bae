import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { COUNTIES, type OrgView, RELOCATION_EARLIEST, type RelocatedShopView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { fieldErrorsOf } from '../../../org/facts-view';
import { api } from '../../../services/api';
import { useCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import { shanghaiToday } from '../../../services/shanghai-time';
import {
  checkShopDraft,
  draftOf,
  EMPTY_SHOP_DRAFT,
  PLATFORM_OPTIONS,
  type ShopDraft,
  type ShopErrors,
} from '../../../shops/form';
import { orgIdParam } from '../../org/org-param';
import '../../../components/fact-field.scss';
import '../../org/org.scss';
import '../shops.scss';

const FieldError = ({ text }: { text: string | undefined }) =>
  text ? (
    <View className="org-form__error" role="alert">
      ✕ {text}
    </View>
  ) : null;

type Loaded = { org: OrgView; today: string; editing: RelocatedShopView | null };

/** The API's today (its clock may be a demo's), or the device's when it cannot be asked. */
const apiToday = (): Promise<string> =>
  api
    .getDemoClock()
    .then((clock) => clock.today)
    .catch(() => shanghaiToday());

/**
 * 登记迁入店铺: a shop of the firm moved back into the city. With `id=`, a refused registration,
 * corrected and sent back to the county.
 */
function RegisterShopPage() {
  const router = useRouter();
  const session = useSession();
  const current = useCurrentOrgId();
  const editId = orgIdParam(router.params['id']);
  const paramOrg = orgIdParam(router.params['orgId']) ?? current;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ShopDraft>(EMPTY_SHOP_DRAFT);
  const [errors, setErrors] = useState<ShopErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!session || (editId === null && paramOrg === null)) return;
    setLoadError(null);
    try {
      const editing = editId === null ? null : await api.getRelocatedShop({ params: { id: editId } });
      const orgId = editing?.orgId ?? (paramOrg as number);
      const [org, today] = await Promise.all([api.getOrg({ params: { orgId } }), apiToday()]);
      setLoaded({ org, today, editing });
      if (editing) setDraft(draftOf(editing));
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [session, editId, paramOrg]);

  useEffect(() => void load(), [load]);

  if (!session)
    return (
      <View className="page shops-register">
        <Empty
          title="请先登录"
          hint="登录并登记企业后，可以登记迁入店铺。"
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
  if (editId === null && paramOrg === null)
    return (
      <View className="page shops-register">
        <Empty
          title="请先选择企业"
          hint="迁入店铺以企业名义登记。"
          action={
            <Button
              className="org-button"
              onClick={() => void Taro.navigateTo({ url: '/subpackages/org/index/index' })}
            >
              我的企业
            </Button>
          }
        />
      </View>
    );
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />;
  if (!loaded) return <Loading />;
  const { org, today, editing } = loaded;

  const set = <K extends keyof ShopDraft>(key: K, value: ShopDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const field = key === 'otherPlatform' ? 'platform' : key;
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async () => {
    const checked = checkShopDraft(draft, today);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.request) {
      void Taro.showToast({ title: '请按提示修改标红的内容', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const shop = editing
        ? await api.resubmitRelocatedShop({ params: { id: editing.id }, body: checked.request })
        : await api.registerRelocatedShop({ params: { orgId: org.id }, body: checked.request });
      void Taro.showToast({ title: editing ? '已重新提交' : '登记成功', icon: 'success' });
      await Taro.redirectTo({ url: `/subpackages/shops/detail/index?id=${shop.id}` });
    } catch (error) {
      setErrors(fieldErrorsOf(error) as ShopErrors);
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const county = draft.county || org.county;
  const countyIndex = COUNTIES.findIndex((c) => c.id === county);

  return (
    <View className="page shops-register">
      <View className="card">
        <Text className="card-title org-title">{editing ? '修改后重新提交' : '登记迁入店铺'}</Text>
        {editing?.refusalReason ? <Text className="shops__reason">未通过理由：{editing.refusalReason}</Text> : null}

        <View className="org-form__field" data-field="firm">
          <Text className="org-form__label">经营主体</Text>
          <Text className="shops__line">{org.name}</Text>
          <Text className="shops__line muted">统一社会信用代码：{org.uscc}</Text>
        </View>

        <View className={`org-form__field ${errors.platform ? 'org-form__field--error' : ''}`} data-field="platform">
          <Text className="org-form__label">店铺所在平台</Text>
          <View className="fact-field__choices shops__chips">
            {PLATFORM_OPTIONS.map((p) => {
              const on = draft.platform === p.id;
              return (
                <View
                  key={p.id}
                  role="radio"
                  aria-checked={on}
                  className={`chip ${on ? 'chip--on' : ''}`}
                  onClick={() => set('platform', p.id)}
                >
                  {on ? '◉ ' : '○ '}
                  {p.name}
                </View>
              );
            })}
          </View>
          {draft.platform === 'other' ? (
            <Input
              className="org-form__input"
              type="text"
              value={draft.otherPlatform}
              placeholder="平台名称，例如 微店"
              maxlength={40}
              onInput={(e) => set('otherPlatform', e.detail.value)}
            />
          ) : null}
          <FieldError text={errors.platform} />
        </View>

        <View className={`org-form__field ${errors.shop ? 'org-form__field--error' : ''}`} data-field="shop">
          <Text className="org-form__label">店铺ID或店铺链接</Text>
          <Input
            className="org-form__input"
            type="text"
            value={draft.shop}
            placeholder="店铺ID，或以 https:// 开头的店铺链接"
            maxlength={500}
            onInput={(e) => set('shop', e.detail.value)}
          />
          <Text className="org-form__hint">同一店铺全市只能登记一次。</Text>
          <FieldError text={errors.shop} />
        </View>

        <View className={`org-form__field ${errors.county ? 'org-form__field--error' : ''}`} data-field="county">
          <Text className="org-form__label">店铺所在县（市、区）</Text>
          <Picker
            mode="selector"
            range={COUNTIES.map((c) => c.name)}
            value={Math.max(countyIndex, 0)}
            onChange={(e) => {
              const chosen = COUNTIES[Number(e.detail.value)];
              if (chosen) set('county', chosen.id);
            }}
          >
            <View className="org-form__picker tap">
              {COUNTIES[countyIndex]?.name ?? '请选择'} <Text aria-hidden>▾</Text>
            </View>
          </Picker>
          <Text className="org-form__hint">默认为企业所在地，由该县（市、区）核实。</Text>
          <FieldError text={errors.county} />
        </View>

        <View
          className={`org-form__field ${errors.relocatedOn ? 'org-form__field--error' : ''}`}
          data-field="relocatedOn"
        >
          <Text className="org-form__label">迁入日期</Text>
          <Picker
            mode="date"
            value={draft.relocatedOn || today}
            start={RELOCATION_EARLIEST}
            end={today}
            onChange={(e) => set('relocatedOn', String(e.detail.value))}
          >
            <View className="org-form__picker tap shops__date">
              {draft.relocatedOn || '请选择'} <Text aria-hidden>▾</Text>
            </View>
          </Picker>
          <Text className="org-form__hint">店铺迁回本市经营的日期（2023年1月1日至今天）。</Text>
          <FieldError text={errors.relocatedOn} />
        </View>

        {failure ? (
          <View className="org-form__error shops__failure" role="alert">
            ✕ {failure}
          </View>
        ) : null}

        <Button className="org-button shops__submit" {...busyProps(busy)} onClick={() => void submit()}>
          {editing ? '重新提交' : '提交登记'}
        </Button>
      </View>
    </View>
  );
}

export default RegisterShopPage;
