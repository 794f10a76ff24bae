import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { type ApiClient, type PublicWhitelist, WHITELIST_CLAUSE } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; list: PublicWhitelist };

/** The firms the city recommended for a year's whitelist (第八条), for anyone, signed in or not. */
export const PublicWhitelistBoard = ({ client, initialYear }: { client: ApiClient; initialYear: number }) => {
  const [year, setYear] = useState(initialYear);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', list: await client.listWhitelist({ query: { year } }) });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [client, year]);
  useEffect(() => void load(), [load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View>
      <View className="card">
        <Text className="card-title">电商生态链企业“白名单”推荐名单</Text>
        <Text className="wl-line">{WHITELIST_CLAUSE}</Text>
        <View className="wl-years">
          <Button className="wl-secondary" data-year-step="-1" onClick={() => setYear((y) => y - 1)}>
            ‹ {year - 1}年度
          </Button>
          <Text className="wl-years__current" data-year={year}>
            {year}年度
          </Text>
          <Button className="wl-secondary" data-year-step="1" onClick={() => setYear((y) => y + 1)}>
            {year + 1}年度 ›
          </Button>
        </View>
      </View>
      {state.kind === 'loading' ? <Loading /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' && state.list.entries.length === 0 ? (
        <Empty title={`${year}年度暂无推荐企业`} hint="市商务投资促进局审核推荐后会在这里公布。" />
      ) : null}
      {state.kind === 'ready'
        ? state.list.entries.map((entry, i) => (
            <View key={`${entry.orgName}-${i}`} className="card wl-entry" data-entry={entry.orgName}>
              <Text className="card-title">{entry.orgName}</Text>
              <Text className="wl-line">类别：{entry.categoryNames.join('、')}</Text>
              <Text className="wl-line">所在县（市、区）：{entry.countyName}</Text>
              <Text className="wl-line">推荐年度：{entry.year}年</Text>
            </View>
          ))
        : null}
    </View>
  );
};
