import { Text, View } from '@tarojs/components';
import {
  type CommendationInputs,
  type CommendationListId,
  type CommendationsResponse,
  formatBasisPoints,
} from '@huiqi/shared';
import { useMemo } from 'react';
import { Chart } from '../charts/chart';
import { commendationChartHeight, commendationChartOption, exactLabel, LIST_UNITS } from '../charts/options';
import './lists.scss';

export const LIST_ORDER: readonly CommendationListId[] = [
  'retail-growth',
  'online-share',
  'new-shops',
  'relocated-shops',
];

export const LIST_TITLES: { readonly [L in CommendationListId]: string } = {
  'retail-growth': '网络零售额增幅',
  'online-share': '实物商品网络零售额占社会消费品零售总额比重',
  'new-shops': '新增网上店铺',
  'relocated-shops': '迁入店铺纳统网络零售额',
};

const ListCard = ({ listId, result }: { listId: CommendationListId; result: CommendationsResponse }) => {
  const entries = result.lists[listId];
  const criteria = result.criteria[listId];
  const option = useMemo(() => commendationChartOption(listId, entries), [listId, entries]);
  return (
    <View className="commendation-list card" data-list={listId}>
      <Text className="commendation-list__title">
        第{criteria.measure}条 · {LIST_TITLES[listId]}
      </Text>
      <Text className="commendation-list__rule">{criteria.explanation}</Text>
      <Text className="commendation-list__clauses">依据：{criteria.clauses.join('；')}</Text>
      {entries.length === 0 ? (
        <Text className="commendation-list__none">没有符合条件的县（市、区）</Text>
      ) : (
        <View>
          <Chart
            id={`commendation-chart-${listId}`}
            option={option}
            height={commendationChartHeight(entries.length)}
            label={`${LIST_TITLES[listId]}名单柱状图`}
          />
          <View className="commendation-list__rows" role="list">
            {entries.map((e) => (
              <View key={e.county} className="commendation-list__row" role="listitem" data-county={e.county}>
                <Text className="commendation-list__rank">第{e.rank}名</Text>
                <Text className="commendation-list__name">{e.name}</Text>
                <Text className="commendation-list__value">{exactLabel(LIST_UNITS[listId], e.value)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
};

/** The four lists of a year with what they were computed from: the months covered and the province's averages. */
export const CommendationLists = ({
  inputs,
  result,
}: {
  inputs: CommendationInputs;
  result: CommendationsResponse;
}) => (
  <View className="commendation-lists">
    <View className="commendation-lists__basis">
      <Text className="commendation-lists__coverage" data-coverage>
        数据范围：{inputs.coverage}
      </Text>
      <Text>
        全省平均：网络零售额增幅{formatBasisPoints(inputs.province.onlineRetailGrowthBp)}，实物商品网络零售额占比
        {formatBasisPoints(inputs.province.physicalGoodsOnlineShareBp)}
      </Text>
      <Text className="muted">政策版本：{result.edition.title}</Text>
    </View>
    {LIST_ORDER.map((listId) => (
      <ListCard key={listId} listId={listId} result={result} />
    ))}
  </View>
);
