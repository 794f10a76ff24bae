import { type MonthlyFigures, type ProvinceAverages } from '../contracts/statistics';
import {
  type ObservationIndicator,
  type TargetObservationView,
  type TargetPoint,
  type TargetView,
} from '../contracts/targets';
import { formatBasisPoints, formatCount, formatFen } from '../money/money';
import { ratioBasisPoints } from '../statistics/yearly';
import { CITY_TARGETS, type CityTarget, targetReached } from './targets';

const formatIn = (unit: CityTarget['unit'], value: number): string =>
  unit === 'fen' ? formatFen(value) : unit === 'bp' ? formatBasisPoints(value) : `${formatCount(value)}家`;

/** The city's sums month by month, cumulative from January, for the months any county reported. */
const cumulative = (
  rows: readonly MonthlyFigures[],
  year: number,
): { month: number; onlineRetailFen: number; physicalFen: number; totalFen: number }[] => {
  const months = [...new Set(rows.filter((r) => r.year === year).map((r) => r.month))].sort((a, b) => a - b);
  const out = [];
  let onlineRetailFen = 0;
  let physicalFen = 0;
  let totalFen = 0;
  for (const month of months) {
    for (const r of rows) {
      if (r.year !== year || r.month !== month) continue;
      onlineRetailFen += r.onlineRetailFen;
      physicalFen += r.physicalGoodsOnlineRetailFen;
      totalFen += r.totalRetailSalesFen;
    }
    out.push({ month, onlineRetailFen, physicalFen, totalFen });
  }
  return out;
};

/** The register's verified shops, cumulative from January to the last month with a shop. */
const registerSeries = (register: readonly { month: number; count: number }[]): TargetPoint[] => {
  const last = Math.max(0, ...register.filter((r) => r.count > 0).map((r) => r.month));
  const out: TargetPoint[] = [];
  let total = 0;
  for (let month = 1; month <= last; month++) {
    for (const r of register) if (r.month === month) total += r.count;
    out.push({ month, value: total });
  }
  return out;
};

/** The latest observation of an indicator (by its date, then the latest entered). */
export const latestObservation = (
  observations: readonly TargetObservationView[],
  indicator: ObservationIndicator,
): TargetObservationView | null =>
  observations
    .filter((o) => o.indicator === indicator)
    .reduce<TargetObservationView | null>(
      (best, o) =>
        best === null || o.observedOn > best.observedOn || (o.observedOn === best.observedOn && o.id > best.id)
          ? o
          : best,
      null,
    );

const view = (
  target: CityTarget,
  goal: number | null,
  goalLabel: string,
  current: number | null,
  asOf: string | null,
  source: TargetView['source'],
  series: TargetPoint[],
  note: string,
): TargetView => ({
  id: target.id,
  measure: target.measure,
  title: target.title,
  clause: target.clause,
  unit: target.unit,
  goal,
  comparison: target.comparison,
  goalLabel,
  current,
  currentLabel: current === null ? '暂无数据' : formatIn(target.unit, current),
  asOf,
  source,
  reached: targetReached(target.comparison, current, goal),
  series,
  note,
});

const goalWords = (target: CityTarget, goal: number): string =>
  `${target.comparison === 'more-than' ? '超过' : '达到'}${formatIn(target.unit, goal)}`;

/**
 * The targets of the text against what is stored: online retail and its share from the monthly
 * figures, the relocated shops from 五's register (the year so far at each month's end); the firms over 1亿, the
 * shops in total and the colleges from city staff's latest dated observations. Nothing is
 * estimated: a value not yet stored is null, and says what is missing.
 */
export const targetsOf = (
  rows: readonly MonthlyFigures[],
  province: ProvinceAverages | null,
  observations: readonly TargetObservationView[],
  year: number,
  /** 五's register: verified relocated shops by month of relocation (the year's). */
  register: readonly { month: number; count: number }[] = [],
): TargetView[] => {
  const months = cumulative(rows, year);
  const last = months.at(-1) ?? null;
  const asOfMonth = last ? `截至${year}年${last.month}月` : null;
  const dated = (o: TargetObservationView | null): string | null => (o ? `${o.observedOn}（${o.source}）` : null);
  return CITY_TARGETS.map((t) => {
    switch (t.id) {
      case 'online-retail': {
        const goal = t.goal.kind === 'fixed' ? t.goal.value : null;
        const series = months.map((m) => ({ month: m.month, value: m.onlineRetailFen }));
        return view(
          t,
          goal,
          goal === null ? '' : goalWords(t, goal),
          last?.onlineRetailFen ?? null,
          asOfMonth,
          'monthly-figures',
          series,
          '各县（市、区）月度网络零售额之和，自1月起累计',
        );
      }
      case 'online-share': {
        const goal = province?.physicalGoodsOnlineShareBp ?? null;
        const series = months.map((m) => ({ month: m.month, value: ratioBasisPoints(m.physicalFen, m.totalFen) }));
        return view(
          t,
          goal,
          goal === null ? `达到${year}年全省平均水平（尚未录入）` : `达到全省平均水平${formatBasisPoints(goal)}`,
          last ? ratioBasisPoints(last.physicalFen, last.totalFen) : null,
          asOfMonth,
          'monthly-figures',
          series,
          goal === null
            ? `${year}年全省平均比重尚未录入，无法判断是否达到`
            : '全市实物商品网络零售额之和除以社会消费品零售总额之和，自1月起累计',
        );
      }
      case 'relocated-shops': {
        // The register's verified shops, not the monthly figure: each shop there is named, checked
        // by its county and counted once across the city (第五条; docs/measures.md).
        const goal = t.goal.kind === 'fixed' ? t.goal.value : null;
        const series = registerSeries(register);
        const latest = series.at(-1) ?? null;
        return view(
          t,
          goal,
          goal === null ? '' : goalWords(t, goal),
          latest?.value ?? null,
          latest ? `截至${year}年${latest.month}月` : null,
          'register',
          series,
          '迁入店铺登记中经县级核实的店铺，按迁入月份自1月起累计',
        );
      }
      case 'firms-over-100m': {
        const base = latestObservation(observations, 'firms-over-100m-base');
        const now = latestObservation(observations, 'firms-over-100m');
        const goal = base ? base.value * 2 : null;
        return view(
          t,
          goal,
          goal === null
            ? '翻一番（2022年底基数尚未录入）'
            : `翻一番：达到${formatCount(goal)}家（基数${formatCount(base?.value ?? 0)}家）`,
          now?.value ?? null,
          dated(now),
          'observations',
          [],
          base ? '由市级工作人员按日期录入' : '请录入2022年底全市网络零售额1亿元以上的企业数量作为基数',
        );
      }
      case 'online-shops': {
        const goal = t.goal.kind === 'fixed' ? t.goal.value : null;
        const now = latestObservation(observations, 'online-shops');
        return view(
          t,
          goal,
          goal === null ? '' : goalWords(t, goal),
          now?.value ?? null,
          dated(now),
          'observations',
          [],
          '月度监测只有新增网上店铺数，店铺总数由市级工作人员按日期录入',
        );
      }
      case 'college-integration': {
        const goal = t.goal.kind === 'ratio-bp' ? t.goal.value : null;
        const all = latestObservation(observations, 'colleges-with-programme');
        const integrating = latestObservation(observations, 'colleges-integrating');
        const current = all && integrating ? ratioBasisPoints(integrating.value, all.value) : null;
        const asOf =
          all && integrating ? (all.observedOn > integrating.observedOn ? dated(all) : dated(integrating)) : null;
        return view(
          t,
          goal,
          goal === null ? '' : `${formatBasisPoints(goal)}以上`,
          current,
          asOf,
          'observations',
          [],
          all && integrating
            ? `开展产教融合的院校${formatCount(integrating.value)}所，开设电商、跨境电商专业的院校${formatCount(all.value)}所`
            : '请录入开设电商、跨境电商专业的院校数量及其中开展产教融合的院校数量',
        );
      }
    }
  });
};
