import {
  type CommendationEntry,
  type CommendationListId,
  formatBasisPoints,
  formatCount,
  formatFen,
  type TargetView,
} from '@huiqi/shared';

/**
 * The charts' options as plain data, built by pure functions (tested without a canvas): the chart
 * component only hands them to ECharts. Values stay integers in their own unit (fen, basis points,
 * counts); labels are made from them by the shared formatters, never from floats.
 */
export interface ChartOption {
  [key: string]: unknown;
}

export type ValueUnit = 'fen' | 'bp' | 'count';

/** Fen as an axis label in 亿元, two decimals, by integer arithmetic (hundredths of 亿 rounded half up). */
export const yiLabel = (fen: number): string => {
  const negative = fen < 0;
  const hundredths = Math.floor((Math.abs(fen) + 50_000_000) / 100_000_000);
  const whole = Math.floor(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}亿`;
};

/** A value as an axis tick (short) and as a tooltip (exact). */
export const axisLabel = (unit: ValueUnit, value: number): string =>
  unit === 'fen' ? yiLabel(value) : unit === 'bp' ? formatBasisPoints(value) : formatCount(value);

export const exactLabel = (unit: ValueUnit, value: number): string =>
  unit === 'fen' ? formatFen(value) : unit === 'bp' ? formatBasisPoints(value) : `${formatCount(value)}家`;

const PALETTE = { measured: '#1a56b0', goal: '#d4380d', bar: '#1a56b0', commended: '#389e0d' };

/**
 * 目标看板: a target measured from the monthly figures, month by month (the year so far at each
 * month's end) as bars, with its goal as a dashed line when the goal is known.
 */
export const targetChartOption = (target: TargetView): ChartOption => {
  const months = target.series.map((p) => `${p.month}月`);
  const unit: ValueUnit = target.unit;
  const series: ChartOption[] = [
    {
      name: '累计完成',
      type: 'bar',
      data: target.series.map((p) => p.value),
      itemStyle: { color: PALETTE.measured },
      barMaxWidth: 28,
    },
  ];
  if (target.goal !== null)
    series.push({
      name: '目标',
      type: 'line',
      data: target.series.map(() => target.goal),
      symbol: 'none',
      lineStyle: { type: 'dashed', color: PALETTE.goal },
      itemStyle: { color: PALETTE.goal },
    });
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, data: series.map((s) => s['name']) },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? exactLabel(unit, value) : '—'),
    },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => axisLabel(unit, value) } },
    series,
  };
};

export const LIST_UNITS: { readonly [L in CommendationListId]: ValueUnit } = {
  'retail-growth': 'bp',
  'online-share': 'bp',
  'new-shops': 'count',
  'relocated-shops': 'fen',
};

/**
 * 通报表扬: a list's counties as horizontal bars, first ranked at the top, each labelled with its
 * rank and exact value.
 */
export const commendationChartOption = (
  listId: CommendationListId,
  entries: readonly CommendationEntry[],
): ChartOption => {
  const unit = LIST_UNITS[listId];
  // ECharts draws a category axis bottom-up: reversed, the first ranked is on top.
  const ordered = [...entries].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const e = ordered[p.dataIndex];
        return e ? `第${e.rank}名 ${e.name}：${exactLabel(unit, e.value)}` : '';
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: ordered.map((e) => `${e.rank}. ${e.name}`) },
    series: [
      {
        type: 'bar',
        data: ordered.map((e) => e.value),
        itemStyle: { color: PALETTE.commended },
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const e = ordered[p.dataIndex];
            return e ? exactLabel(unit, e.value) : '';
          },
        },
      },
    ],
  };
};

/** How tall a list's chart is drawn: a row per county, within bounds. */
export const commendationChartHeight = (count: number): number => Math.max(120, Math.min(480, 40 + count * 36));
