import { type CountyId, COUNTIES } from '../contracts/catalogue';
import { type CountyFigures } from '../contracts/evaluation';
import {
  type CountyYear,
  MONTHLY_FIGURES_FIELDS,
  type MonthlyFigures,
  type MonthlyFiguresValues,
} from '../contracts/statistics';

const ZERO: MonthlyFiguresValues = {
  onlineRetailFen: 0,
  onlineRetailPriorYearFen: 0,
  physicalGoodsOnlineRetailFen: 0,
  totalRetailSalesFen: 0,
  newOnlineShops: 0,
  relocatedShops: 0,
  relocatedShopsStatisticalRetailFen: 0,
};

/**
 * numerator / denominator in basis points, rounded half away from zero (the way a statistics
 * office rounds a percentage to two places). BigInt: a year of the city's retail in fen times
 * 10,000 is past Number's safe integers. Null when the denominator is zero (nothing to divide by).
 * Exact while the result itself is a safe integer (a ratio below 9 × 10^11 %).
 */
export const ratioBasisPoints = (numerator: number, denominator: number): number | null => {
  if (denominator === 0) return null;
  const n = BigInt(numerator) * 10_000n;
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return Number(negative ? -q : q);
};

/**
 * 十二 feeding 一、四、五: each county's year so far, summed from its months of `year`.
 * - growth (一): the months' online retail against the same months a year before;
 * - share (一): physical-goods online retail over total retail sales of consumer goods;
 * - new shops (四) and relocated-shop retail (五): the months' sums.
 * A county with no month is left out (never ranked); a ratio whose base is zero is left out of
 * that ranking only. Counties come in the catalogue's order.
 */
export const countyYears = (rows: readonly MonthlyFigures[], year: number): Map<CountyId, CountyYear> => {
  const out = new Map<CountyId, CountyYear>();
  for (const { id } of COUNTIES) {
    const months = rows.filter((r) => r.county === id && r.year === year).sort((a, b) => a.month - b.month);
    if (months.length === 0) continue;
    const totals = { ...ZERO };
    for (const row of months) {
      for (const { field } of MONTHLY_FIGURES_FIELDS) totals[field] += row[field];
    }
    const figures: CountyFigures = {
      county: id,
      newOnlineShops: totals.newOnlineShops,
      relocatedShopsStatisticalRetailFen: totals.relocatedShopsStatisticalRetailFen,
    };
    const growth =
      totals.onlineRetailPriorYearFen === 0
        ? null
        : ratioBasisPoints(totals.onlineRetailFen - totals.onlineRetailPriorYearFen, totals.onlineRetailPriorYearFen);
    if (growth !== null) figures.onlineRetailGrowthBp = growth;
    const share = ratioBasisPoints(totals.physicalGoodsOnlineRetailFen, totals.totalRetailSalesFen);
    if (share !== null) figures.physicalGoodsOnlineShareBp = share;
    out.set(id, { figures, months: months.map((m) => m.month), totals });
  }
  return out;
};

/** The counties' figures in the shape `commendations` takes. */
export const countyFiguresOf = (rows: readonly MonthlyFigures[], year: number): CountyFigures[] =>
  [...countyYears(rows, year).values()].map((y) => y.figures);
