import { countyName } from '../contracts/catalogue';
import { type CommendationInputs } from '../contracts/commendation-lists';
import { type MonthlyFigures, type ProvinceAverages } from '../contracts/statistics';
import { countyYears } from '../statistics/yearly';

/**
 * What a year's months cover, as readers see it: 2023年全年 when every county with figures has all
 * twelve; otherwise 截至2023年N月 (N the latest month reported), naming the counties whose months
 * stop earlier or have gaps, so a list ranked on unequal months says so.
 */
export const coverageOf = (
  year: number,
  months: readonly { name: string; months: readonly number[] }[],
): { throughMonth: number; complete: boolean; coverage: string } => {
  const through = Math.max(0, ...months.flatMap((c) => c.months));
  if (through === 0) return { throughMonth: 0, complete: false, coverage: `${year}年暂无月度数据` };
  const complete = months.every((c) => c.months.length === 12);
  if (complete) return { throughMonth: 12, complete, coverage: `${year}年全年` };
  const uneven = months.filter((c) => c.months.length !== through);
  const detail =
    uneven.length === 0
      ? ''
      : `（${uneven.map((c) => `${c.name}仅有${c.months.map((m) => `${m}月`).join('、')}数据`).join('；')}）`;
  return { throughMonth: through, complete, coverage: `截至${year}年${through}月${detail}` };
};

/** 十二 feeding 一、四、五: the commendations' request for a year, from its stored months and the province's averages. */
export const commendationInputsOf = (
  rows: readonly MonthlyFigures[],
  province: ProvinceAverages,
  year: number,
): CommendationInputs => {
  const years = [...countyYears(rows, year).values()];
  const months = years.map((y) => ({
    county: y.figures.county,
    name: countyName(y.figures.county),
    months: y.months,
  }));
  return {
    year,
    province: {
      onlineRetailGrowthBp: province.onlineRetailGrowthBp,
      physicalGoodsOnlineShareBp: province.physicalGoodsOnlineShareBp,
    },
    counties: years.map((y) => y.figures),
    months,
    ...coverageOf(year, months),
  };
};
