import { Text, View } from '@tarojs/components';
import { formatBasisPoints, type PublishedParkEvaluation } from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { ErrorState, Loading } from '../../../components/page-state';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import '../../../components/fact-field.scss';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; years: number[]; evaluation: PublishedParkEvaluation | null }
  | { kind: 'error'; message: string };

/**
 * 电商产业园区年度综合评价 (第八条), as the city published it: anyone reads it, no sign-in. The
 * published years come first, so only a published year is ever asked for (newest first).
 */
function ParkRankingPage() {
  const [year, setYear] = useState<number | null>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const { years } = await api.listParkEvaluations();
      const shown = year !== null && years.includes(year) ? year : (years[0] ?? null);
      const evaluation = shown === null ? null : await api.getParkEvaluation({ params: { year: shown } });
      setState({ kind: 'ready', years, evaluation });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  }, [year]);
  useEffect(() => void load(), [load]);

  return (
    <View className="page park-ranking">
      <Text className="park-ranking__clause">
        第八条：每年开展电商产业园区综合评价，对综合排名靠前的电商产业园区，优先推荐申报国家、省级电子商务示范基地。
      </Text>
      {state.kind === 'loading' ? <Loading /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' && state.evaluation === null ? (
        <Text className="muted park-ranking__none">尚未公布园区综合评价。</Text>
      ) : null}
      {state.kind === 'ready' && state.evaluation ? (
        <View>
          <View className="park-ranking__years">
            {state.years.map((y) => (
              <View
                key={y}
                role="tab"
                aria-selected={y === state.evaluation?.year}
                className={`chip ${y === state.evaluation?.year ? 'chip--on' : ''}`}
                onClick={() => setYear(y)}
              >
                {y}年度
              </View>
            ))}
          </View>
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
