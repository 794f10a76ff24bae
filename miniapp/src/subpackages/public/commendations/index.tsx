import { Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { type ApiClient, type CommendationPublication, type PublishedCommendationYears } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { CommendationLists } from '../../../commendations/lists';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { formatDayZh } from '../../../services/shanghai-time';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'none' }
  | { kind: 'ready'; years: PublishedCommendationYears['years']; year: number; publication: CommendationPublication };

/**
 * 通报表扬名单 (一、四、五), without sign-in: the years the city has published, and a year's lists
 * at their latest version, each with a bar chart, its clauses and the months it covers.
 */
export const PublicCommendations = ({ client }: { client: ApiClient }) => {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(
    async (wanted?: number) => {
      setState({ kind: 'loading' });
      try {
        const { years } = await client.listPublishedCommendations();
        const year = wanted ?? years[0]?.year;
        if (year === undefined) return setState({ kind: 'none' });
        const publication = await client.getPublishedCommendations({ params: { year } });
        setState({ kind: 'ready', years, year, publication });
      } catch (error) {
        setState({ kind: 'error', message: messageOf(error) });
      }
    },
    [client],
  );

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load(state.kind === 'ready' ? state.year : undefined).finally(() => void Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  if (state.kind === 'none') return <Empty title="尚未发布通报表扬名单" hint="市商务投资促进局发布后将在此公布" />;
  const { years, year, publication } = state;
  return (
    <View className="public-commendations">
      <View className="public-commendations__head">
        <Text className="public-commendations__title">{year}年度县（市、区）通报表扬名单</Text>
        {years.length > 1 ? (
          <Picker
            mode="selector"
            range={years.map((y) => `${y.year}年度`)}
            value={Math.max(
              0,
              years.findIndex((y) => y.year === year),
            )}
            onChange={(e) => void load(years[Number(e.detail.value)]?.year)}
          >
            <View className="public-commendations__year">切换年度 ▾</View>
          </Picker>
        ) : null}
        <Text className="muted">
          第{publication.version}版，发布于{formatDayZh(publication.publishedAt)}
          {publication.versions.length > 1 ? `（取代此前${publication.versions.length - 1}个版本）` : ''}
        </Text>
      </View>
      <CommendationLists inputs={publication.inputs} result={publication.result} />
    </View>
  );
};

function PublicCommendationsPage() {
  return (
    <View className="page">
      <PublicCommendations client={api} />
    </View>
  );
}

export default PublicCommendationsPage;
