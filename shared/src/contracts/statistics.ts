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

/** A county's month as the workbench shows it: the figures and who last revised them, when. */
export interface MonthlyFiguresRecord extends MonthlyFigures {
  /** The row's version: send it back as `expectedVersion` to revise the month. @asType integer */
  version: number;
  /** ISO 8601 date-time of the last revision. */
  updatedAt: string;
}

/** `GET /api/v1/statistics/figures?year=`: the months of the year the caller may read. */
export interface MonthlyFiguresQuery {
  /** @asType integer @minimum 1900 @maximum 9999 */
  year: number;
}

/** The counties × months of a year, and the province's averages for it (null until set). */
export interface MonthlyFiguresList {
  /** @asType integer */
  year: number;
  /** The counties the caller may read and enter (a county reviewer: their own), in the catalogue's order. */
  counties: CountyId[];
  /** Every stored month of those counties, by county (catalogue order) then month. */
  records: MonthlyFiguresRecord[];
  provinceAverages: ProvinceAverages | null;
  /** Whether the caller may set the province's averages. */
  canSetAverages: boolean;
  /**
   * 五's register beside the typed figures: the shops of those counties the county verified, by
   * month of relocation (only months with a shop), for the 迁入店铺 figure of the month.
   */
  registeredRelocatedShops: RegisteredRelocatedShops[];
}

export interface RegisteredRelocatedShops {
  county: CountyId;
  /** @asType integer @minimum 1 @maximum 12 */
  month: number;
  /** @asType integer @minimum 1 */
  count: number;
}

/** A county's month in a path: `/statistics/figures/{county}/{year}/{month}`. */
export interface MonthlyFiguresParams {
  /** A county id of the catalogue, e.g. linqing. @maxLength 32 */
  county: string;
  /** @asType integer @minimum 1900 @maximum 9999 */
  year: number;
  /** @asType integer @minimum 1 @maximum 12 */
  month: number;
}

/**
 * `PUT /api/v1/statistics/figures/{county}/{year}/{month}`: the month's figures (fen, counts).
 * `expectedVersion`: the version the form was filled from; required when the month is already
 * stored (a revision), absent for a first entry.
 */
export interface PutMonthlyFiguresRequest extends MonthlyFiguresValues {
  /** @asType integer @minimum 1 */
  expectedVersion?: number;
}

/** `POST /api/v1/statistics/import` (multipart, field `file`): what one import wrote. */
export interface MonthlyFiguresImportResult {
  /** The file's data rows. @asType integer */
  rows: number;
  /** Months stored for the first time. @asType integer */
  created: number;
  /** Months whose figures changed. @asType integer */
  revised: number;
  /** Months the file repeated as stored. @asType integer */
  unchanged: number;
}

/** `GET /api/v1/statistics/feedback?county=&year=&month=`: a county's monthly feedback (反馈) as Excel. */
export interface MonthlyFeedbackQuery {
  /** @maxLength 32 */
  county: string;
  /** @asType integer @minimum 1900 @maximum 9999 */
  year: number;
  /** @asType integer @minimum 1 @maximum 12 */
  month: number;
}

/** A year in a path. */
export interface YearParams {
  /** @asType integer @minimum 1900 @maximum 9999 */
  year: number;
}

/** `PUT /api/v1/statistics/averages/{year}`: the province's averages in basis points (1% = 100). */
export interface PutProvinceAveragesRequest {
  /** 全省网络零售额平均增幅 (may be negative) @asType integer @minimum -10000 @maximum 1000000 */
  onlineRetailGrowthBp: number;
  /** 全省实物商品网络零售额占社会消费品零售总额比重 @asType integer @minimum 0 @maximum 10000 */
  physicalGoodsOnlineShareBp: number;
}

/** The header of an import's month-figures sheet: the key columns, then each field's name with its unit. */
export const MONTHLY_FIGURES_KEY_COLUMNS = { county: '县（市、区）', year: '年', month: '月' } as const;

/** A field's column header as the import's template writes it: `网络零售额（万元）`, `新增网上店铺（家）`. */
export const monthlyFiguresColumn = (name: string, unit: 'fen' | 'count'): string =>
  `${name}（${unit === 'fen' ? '万元' : '家'}）`;

/** Every column of an import, in the template's order. */
export const MONTHLY_FIGURES_IMPORT_COLUMNS: readonly string[] = [
  MONTHLY_FIGURES_KEY_COLUMNS.county,
  MONTHLY_FIGURES_KEY_COLUMNS.year,
  MONTHLY_FIGURES_KEY_COLUMNS.month,
  ...MONTHLY_FIGURES_FIELDS.map((f) => monthlyFiguresColumn(f.name, f.unit)),
];
