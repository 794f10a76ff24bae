import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { type Invite, type OrgView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { DemoBanner } from '../../../components/demo-banner';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { useSession } from '../../../hooks/use-session';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { api } from '../../../services/api';
import { currentOrgId, setCurrentOrgId, useCurrentOrgId } from '../../../services/current-org';
import { messageOf } from '../../../services/errors';
import '../org.scss';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; orgs: OrgView[] };

const ROLE = { admin: '管理员', member: '成员' } as const;

const go = (url: string) => void Taro.navigateTo({ url });

const InviteBox = ({ invite }: { invite: Invite }) => (
  <View className="my-orgs__invite" data-testid="invite">
    <Text className="muted org-note">邀请码（7天内有效，只能使用一次）</Text>
    <Text className="my-orgs__code" userSelect>
      {invite.code}
    </Text>
    <Text className="muted org-note">有效期至 {formatDateTimeZh(invite.expiresAt)}</Text>
    <Button
      className="org-button org-button--plain"
      onClick={() =>
        void Taro.setClipboardData({ data: invite.code }).catch(() =>
          Taro.showToast({ title: '复制失败，请长按邀请码复制', icon: 'none' }),
        )
      }
    >
      复制邀请码
    </Button>
    <Text className="muted org-note">
      把邀请码发给同事，同事在“我的企业 → 加入企业”中填写即可加入。邀请码只显示这一次。
    </Text>
  </View>
);

const OrgCard = ({ org, current, onChoose }: { org: OrgView; current: boolean; onChoose: () => void }) => {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const createInvite = async () => {
    setBusy(true);
    setError(null);
    try {
      setInvite(await api.createInvite({ params: { orgId: org.id } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`card my-orgs__org ${current ? 'my-orgs__org--current' : ''}`} data-org={org.id}>
      <View className="my-orgs__head">
        <Text className="card-title">{org.name}</Text>
        {current ? (
          <Text className="my-orgs__current">
            <Text aria-hidden>✓ </Text>当前企业
          </Text>
        ) : null}
      </View>
      {org.demo ? <Text className="my-orgs__demo">演示数据</Text> : null}
      <Text className="my-orgs__line">统一社会信用代码：{org.uscc}</Text>
      <Text className="my-orgs__line">所在地：{org.countyName}</Text>
      <Text className="my-orgs__line">主体类型：{org.orgTypeNames.join('、')}</Text>
      <Text className="my-orgs__line">我的角色：{org.myRole ? ROLE[org.myRole] : '—'}</Text>
      <View className="org-actions">
        {current ? null : (
          <Button className="org-button" onClick={onChoose}>
            设为当前企业
          </Button>
        )}
        <Button
          className="org-button org-button--plain"
          onClick={() => go(`/subpackages/org/profile/index?orgId=${org.id}`)}
        >
          企业档案
        </Button>
        <Button
          className="org-button org-button--plain"
          onClick={() => go(`/subpackages/org/facilities/index?orgId=${org.id}`)}
        >
          场地登记
        </Button>
        <Button
          className="org-button org-button--plain"
          onClick={() => go(`/subpackages/shops/index/index?orgId=${org.id}`)}
        >
          迁入店铺
        </Button>
        {org.myRole === 'admin' ? (
          <Button className="org-button org-button--plain" {...busyProps(busy)} onClick={() => void createInvite()}>
            邀请成员
          </Button>
        ) : null}
      </View>
      {error ? (
        <View className="org-form__error" role="alert">
          ✕ {error}
        </View>
      ) : null}
      {invite ? <InviteBox invite={invite} /> : null}
    </View>
  );
};

/** 我的企业: the firms the user belongs to, the one they work for now, and how to add one. */
function MyOrgsPage() {
  const session = useSession();
  const currentId = useCurrentOrgId();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!session) return;
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }));
    try {
      const { orgs } = await api.listMyOrgs();
      setState({ kind: 'ready', orgs });
      // A firm the user no longer belongs to is not the current one; one firm is the current one.
      const current = currentOrgId();
      if (current !== null && !orgs.some((o) => o.id === current)) setCurrentOrgId(null);
      if ((current === null || !orgs.some((o) => o.id === current)) && orgs.length === 1 && orgs[0])
        setCurrentOrgId(orgs[0].id);
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [session]);

  useEffect(() => void load(), [load]);
  useDidShow(() => void load());

  const actions = (
    <View className="org-actions my-orgs__actions">
      <Button className="org-button" onClick={() => go('/subpackages/org/register/index')}>
        登记新企业
      </Button>
      <Button className="org-button org-button--plain" onClick={() => go('/subpackages/org/join/index')}>
        加入企业（填写邀请码）
      </Button>
    </View>
  );

  let body;
  if (!session)
    body = (
      <Empty
        title="请先登录"
        hint="登录后可以登记企业，或凭邀请码加入同事已登记的企业。"
        action={
          <Button className="org-button" onClick={() => go('/subpackages/auth/login/index')}>
            去登录
          </Button>
        }
      />
    );
  else if (state.kind === 'loading') body = <Loading />;
  else if (state.kind === 'error') body = <ErrorState message={state.message} onRetry={() => void load()} />;
  else if (state.orgs.length === 0)
    body = (
      <Empty
        title="还没有企业"
        hint="第一次使用，请先登记企业（准备好营业执照，填写18位统一社会信用代码）。如果同事已经登记过，请向企业管理员要邀请码，然后选择“加入企业”。"
        action={actions}
      />
    );
  else
    body = (
      <View>
        {state.orgs.map((org) => (
          <OrgCard
            key={org.id}
            org={org}
            current={org.id === currentId}
            onChoose={() => {
              setCurrentOrgId(org.id);
              void Taro.showToast({ title: '已设为当前企业', icon: 'none' });
            }}
          />
        ))}
        {actions}
      </View>
    );

  return (
    <View className="page my-orgs">
      {session?.demo ? <DemoBanner text="您正在使用演示账号，数据仅供体验" /> : null}
      {body}
    </View>
  );
}

export default MyOrgsPage;
