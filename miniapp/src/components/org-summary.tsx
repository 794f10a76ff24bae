import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { type OrgView } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../services/api';
import { useCurrentOrgId } from '../services/current-org';
import { messageOf } from '../services/errors';
import './org-summary.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; orgs: OrgView[] };

const go = (url: string) => void Taro.navigateTo({ url });

const Item = ({ text, url }: { text: string; url: string }) => (
  <View className="me__item tap org-summary__link" role="link" onClick={() => go(url)}>
    <Text>{text}</Text>
    <Text className="me__arrow" aria-hidden>
      ›
    </Text>
  </View>
);

/** 我的's firms: which the user belongs to, the current one marked, and the way to each firm page. */
export const OrgSummary = () => {
  const currentId = useCurrentOrgId();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', orgs: (await api.listMyOrgs()).orgs });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, []);
  useEffect(() => void load(), [load]);
  useDidShow(() => void load());

  const query = currentId === null ? '' : `?orgId=${currentId}`;
  return (
    <View className="card org-summary">
      <Text className="card-title">我的企业</Text>
      {state.kind === 'loading' ? <Text className="muted">正在加载…</Text> : null}
      {state.kind === 'error' ? (
        <View className="org-summary__error" role="alert">
          <Text>! {state.message}</Text>
          <Text className="link tap" onClick={() => void load()}>
            重试
          </Text>
        </View>
      ) : null}
      {state.kind === 'ready' && state.orgs.length === 0 ? (
        <Text className="muted org-summary__empty">还没有企业：请先登记企业，或凭邀请码加入。</Text>
      ) : null}
      {state.kind === 'ready'
        ? state.orgs.map((org) => (
            <View key={org.id} className="org-summary__org">
              <Text className="org-summary__name">{org.name}</Text>
              {org.id === currentId ? (
                <Text className="org-summary__current">
                  <Text aria-hidden>✓ </Text>当前企业
                </Text>
              ) : null}
            </View>
          ))
        : null}
      <Item text="我的企业（选择、登记、加入、邀请）" url="/subpackages/org/index/index" />
      {currentId !== null ? (
        <>
          <Item text="企业档案" url={`/subpackages/org/profile/index${query}`} />
          <Item text="场地登记" url={`/subpackages/org/facilities/index${query}`} />
          <Item text="白名单推荐（第八条）" url={`/subpackages/whitelist/apply/index${query}`} />
          <Item text="人才名册（第九条）" url={`/subpackages/roster/index/index${query}`} />
        </>
      ) : null}
    </View>
  );
};
