import { type CountyId } from './catalogue';
import { type CountyFigures } from './evaluation';

/**
 * 十二、电商运行监测: one county's figures for one calendar month, as the statistics office reports
 * them (the month's own amounts, not year-to-date). Money in integer fen, counts as integers.
 * `onlineRetailPriorYearFen` is the same month a year before (上年同期), which the monthly report
 * carries, so that the growth of 第一条 can be computed from one year's import.
 */
export interface MonthlyFiguresValues {
  /** 网络零售额 @asType integer @minimum 0 */
  onlineRetailFen: number;
  /** 上年同期网络零售额 @asType integer @minimum 0 */
  onlineRetailPriorYearFen: number;
  /** 实物商品网络零售额 @asType integer @minimum 0 */
  physicalGoodsOnlineRetailFen: number;
  /** 社会消费品零售总额 @asType integer @minimum 0 */
  totalRetailSalesFen: number;
  /** 新增网上店铺（家） @asType integer @minimum 0 */
  newOnlineShops: number;
  /** 迁入店铺（家） @asType integer @minimum 0 */
  relocatedShops: number;
  /** 迁入店铺纳统网络零售额 @asType integer @minimum 0 */
  relocatedShopsStatisticalRetailFen: number;
}

export interface MonthlyFiguresKey {
  county: CountyId;
  /** @asType integer */
  year: number;
  /** @asType integer @minimum 1 @maximum 12 */
  month: number;
}

export type MonthlyFigures = MonthlyFiguresKey & MonthlyFiguresValues;

export type MonthlyFiguresField = keyof MonthlyFiguresValues;

/** The figures' fields in report order, with the names users read and their units. */
export const MONTHLY_FIGURES_FIELDS: readonly {
  field: MonthlyFiguresField;
  name: string;
  unit: 'fen' | 'count';
}[] = [
  { field: 'onlineRetailFen', name: '网络零售额', unit: 'fen' },
  { field: 'onlineRetailPriorYearFen', name: '上年同期网络零售额', unit: 'fen' },
  { field: 'physicalGoodsOnlineRetailFen', name: '实物商品网络零售额', unit: 'fen' },
  { field: 'totalRetailSalesFen', name: '社会消费品零售总额', unit: 'fen' },
  { field: 'newOnlineShops', name: '新增网上店铺', unit: 'count' },
  { field: 'relocatedShops', name: '迁入店铺', unit: 'count' },
  { field: 'relocatedShopsStatisticalRetailFen', name: '迁入店铺纳统网络零售额', unit: 'fen' },
];

/** The province's averages of a year (全省平均), set by the city administrator; both in basis points. */
export interface ProvinceAverages {
  /** @asType integer */
  year: number;
  /** 全省网络零售额平均增幅 @asType integer */
  onlineRetailGrowthBp: number;
  /** 全省实物商品网络零售额占社会消费品零售总额比重 @asType integer @minimum 0 @maximum 10000 */
  physicalGoodsOnlineShareBp: number;
}

/** A county's year so far, summed from its months, and what the commendations rank. */
export interface CountyYear {
  figures: CountyFigures;
  /** The months (1–12) the sums cover, ascending. */
  months: number[];
  totals: MonthlyFiguresValues;
}
