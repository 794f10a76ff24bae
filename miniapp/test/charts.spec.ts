import { describe, expect, it } from '@jest/globals';
import { type TargetView } from '@huiqi/shared';
import {
  axisLabel,
  type ChartOption,
  commendationChartHeight,
  commendationChartOption,
  targetChartOption,
  yiLabel,
} from '../src/charts/options';

const target = (overrides: Partial<TargetView> = {}): TargetView => ({
  id: 'online-retail',
  measure: 1,
  title: '全市网络零售额',
  clause: '力争到2023年底，全市网络零售额达到350亿元',
  unit: 'fen',
  goal: 3_500_000_000_000,
  comparison: 'at-least',
  goalLabel: '达到350亿元',
  current: 2_000_000_000_000,
  currentLabel: '200亿元',
  asOf: '截至2023年2月',
  source: 'monthly-figures',
  reached: false,
  series: [
    { month: 1, value: 1_000_000_000_000 },
    { month: 2, value: 2_000_000_000_000 },
  ],
  note: '',
  ...overrides,
});

const seriesOf = (option: ChartOption) => option['series'] as { name?: string; type: string; data: unknown[] }[];

describe('chart options', () => {
  it('labels fen in 亿 with integer arithmetic, rounding half up at the hundredth', () => {
    expect(yiLabel(3_500_000_000_000)).toBe('350.00亿');
    expect(yiLabel(5_745_000_000)).toBe('0.57亿');
    expect(yiLabel(50_000_000)).toBe('0.01亿');
    expect(yiLabel(49_999_999)).toBe('0.00亿');
    expect(axisLabel('bp', 2383)).toBe('23.83%');
    expect(axisLabel('count', 100000)).toBe('100,000');
  });

  it('draws a target month by month with its goal as a line; without a goal, no line', () => {
    const option = targetChartOption(target());
    expect(option['xAxis']).toMatchObject({ data: ['1月', '2月'] });
    const [bars, goal] = seriesOf(option);
    expect(bars).toMatchObject({ name: '累计完成', type: 'bar', data: [1_000_000_000_000, 2_000_000_000_000] });
    expect(goal).toMatchObject({ name: '目标', type: 'line', data: [3_500_000_000_000, 3_500_000_000_000] });
    const tooltip = option['tooltip'] as { valueFormatter: (v: unknown) => string };
    expect(tooltip.valueFormatter(3_500_000_000_000)).toBe('350亿元');
    expect(tooltip.valueFormatter(null)).toBe('—');

    const share = targetChartOption(target({ unit: 'bp', goal: null, series: [{ month: 1, value: null }] }));
    expect(seriesOf(share)).toHaveLength(1);
    expect(seriesOf(share)[0]?.data).toEqual([null]);
  });

  it('draws a list first ranked on top, ties labelled with their shared rank', () => {
    const option = commendationChartOption('retail-growth', [
      { county: 'dongchangfu', name: '东昌府区', rank: 1, value: 5000 },
      { county: 'chiping', name: '茌平区', rank: 2, value: 3000 },
      { county: 'yanggu', name: '阳谷县', rank: 2, value: 3000 },
    ]);
    expect(option['yAxis']).toMatchObject({ data: ['2. 阳谷县', '2. 茌平区', '1. 东昌府区'] });
    const [bars] = seriesOf(option) as unknown as {
      data: number[];
      label: { formatter: (p: { dataIndex: number }) => string };
    }[];
    expect(bars?.data).toEqual([3000, 3000, 5000]);
    expect(bars?.label.formatter({ dataIndex: 2 })).toBe('50%');
    const relocated = commendationChartOption('relocated-shops', [
      { county: 'linqing', name: '临清市', rank: 1, value: 30_000 },
    ]);
    const tooltip = relocated['tooltip'] as { formatter: (p: { dataIndex: number }) => string };
    expect(tooltip.formatter({ dataIndex: 0 })).toBe('第1名 临清市：300元');
    expect(commendationChartHeight(0)).toBe(120);
    expect(commendationChartHeight(100)).toBe(480);
  });
});
