import { Button, Text, View } from '@tarojs/components';
import { ApiError, formatBasisPoints, type PublishedParkEvaluation } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { ErrorState, Loading } from '../../../components/page-state';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh, shanghaiYear } from '../../../services/shanghai-time';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; evaluation: PublishedParkEvaluation }
  | { kind: 'none'; message: string }
  | { kind: 'error'; message: string };

/** 电商产业园区年度综合评价 (第八条), as the city published it: anyone reads it, no sign-in. */
function ParkRankingPage() {
  // The year before this one: a year is evaluated once it is over.
  const [year, setYear] = useState(() => shanghaiYear() - 1);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', evaluation: await api.getParkEvaluation({ params: { year } }) });
    } catch (error) {
      setState(
        error instanceof ApiError && error.code === 'NOT_FOUND'
          ? { kind: 'none', message: error.message }
          : { kind: 'error', message: messageOf(error) },
      );
    }
  }, [year]);
  useEffect(() => void load(), [load]);

  return (
    <View className="page park-ranking">
      <Text className="park-ranking__clause">
        第八条：每年开展电商产业园区综合评价，对综合排名靠前的电商产业园区，优先推荐申报国家、省级电子商务示范基地。
      </Text>
      <View className="park-ranking__year">
        <Button className="park-ranking__step" onClick={() => setYear((y) => y - 1)}>
          ‹ 上一年
        </Button>
        <Text className="park-ranking__title">{year}年度</Text>
        <Button className="park-ranking__step" onClick={() => setYear((y) => y + 1)}>
          下一年 ›
        </Button>
      </View>
      {state.kind === 'loading' ? <Loading /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'none' ? <Text className="muted park-ranking__none">{state.message}</Text> : null}
      {state.kind === 'ready' ? (
        <View>
          <Text className="muted park-ranking__criteria">
            评价指标：
            {state.evaluation.criteria.map((c) => `${c.name}（${formatBasisPoints(c.weightBp)}）`).join('、')}
          </Text>
          {state.evaluation.ranking.map((r) => (
            <View key={r.orgId} className="card park-ranking__row" data-rank={r.rank}>
              <Text className="park-ranking__rank">第{r.rank}名</Text>
              <View className="park-ranking__who">
                <Text className="park-ranking__name">{r.name}</Text>
                <Text className="muted">
                  {r.countyName} · 综合得分 {r.weightedScoreText}
                </Text>
              </View>
            </View>
          ))}
          <Text className="muted park-ranking__at">公布于 {formatDateTimeZh(state.evaluation.publishedAt)}</Text>
        </View>
      ) : null}
    </View>
  );
}

export default ParkRankingPage;
