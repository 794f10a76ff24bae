import ExcelJS from 'exceljs';
import {
  COUNTIES,
  type CountyFigures,
  type CountyId,
  countyYears,
  MONTHLY_FIGURES_FIELDS,
  MONTHLY_FIGURES_IMPORT_COLUMNS,
  type MonthlyFigures,
  type MonthlyFiguresValues,
  type ProvinceAverages,
} from '@huiqi/shared';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const countyName = (id: CountyId): string => COUNTIES.find((c) => c.id === id)?.name ?? id;

/** The import template: the header row on the first sheet, and the counties' names and codes on a second. */
export const templateXlsx = async (): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '电商惠企通';
  const sheet = workbook.addWorksheet('逐月数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MONTHLY_FIGURES_IMPORT_COLUMNS.map((header, i) => ({ header, width: i < 3 ? 14 : 24 }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '县（市、区）', width: 22 },
    { header: '行政区划代码', width: 16 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of COUNTIES) help.addRow([c.name, c.divisionCode ?? '（无，请填名称）']);
  help.addRow([]);
  for (const line of [
    '每行填写一个县（市、区）一个月的当月数据（不是累计数）；列的顺序可以调整，列名不能改。',
    '金额单位为万元，最多6位小数；店铺数量为整数（家）；没有发生额的填0。',
    '任何一行有误时整个文件都不会导入，系统会列出每个有误的行和列。',
  ])
    help.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** A fen amount in 万元 as the sheet's number: the exact decimal's nearest double (display only). */
const wan = (fen: number): number => {
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const text = `${abs / 1_000_000n}.${String(abs % 1_000_000n).padStart(6, '0')}`;
  return Number(negative ? `-${text}` : text);
};

/** Basis points as the sheet's fraction for a 0.00% format. */
const percent = (bp: number): number =>
  Number(`${bp < 0 ? '-' : ''}${Math.floor(Math.abs(bp) / 10000)}.${String(Math.abs(bp) % 10000).padStart(4, '0')}`);

/** Competition ranks (1, 1, 3) of the counties by a value, highest first; counties without one are unranked. */
const ranks = (values: Map<CountyId, number | undefined>): Map<CountyId, number> => {
  const known = [...values.entries()].filter((e): e is [CountyId, number] => e[1] !== undefined);
  const out = new Map<CountyId, number>();
  for (const [county, value] of known) out.set(county, 1 + known.filter(([, v]) => v > value).length);
  return out;
};

/** What one county's monthly feedback says, computed from the year's months (for the sheet and tests alike). */
export interface Feedback {
  county: CountyId;
  year: number;
  month: number;
  /** The month itself. */
  monthValues: MonthlyFiguresValues;
  /** The county's months 1 to `month`, summed. */
  yearToDate: MonthlyFiguresValues;
  /** Every county's months 1 to `month`, summed. */
  cityYearToDate: MonthlyFiguresValues;
  /** The counties with any month 1 to `month` (ranked among). */
  rankedCounties: number;
  indicators: {
    label: string;
    kind: 'bp' | 'fen' | 'count';
    value: number | undefined;
    provinceAverage: number | undefined;
    rank: number | undefined;
  }[];
}

/**
 * 十二's feedback to a county for a month: that month and the year to date, the county's growth
 * (一: online retail against the same months a year before) and share (physical-goods online retail
 * over total retail sales) against the province's averages, its rank among the counties on those
 * and on the other figures the commendations rank (四 new shops, 五 relocated shops' retail), and
 * the city's totals. Year to date is months 1 to `month` of every county, as stored.
 */
export const feedbackOf = (
  rows: readonly MonthlyFigures[],
  averages: ProvinceAverages | null,
  county: CountyId,
  year: number,
  month: number,
): Feedback | null => {
  const own = rows.find((r) => r.county === county && r.year === year && r.month === month);
  if (!own) return null;
  const upTo = rows.filter((r) => r.year === year && r.month <= month);
  const years = countyYears(upTo, year);
  const mine = years.get(county);
  if (!mine) return null;
  const zero = Object.fromEntries(MONTHLY_FIGURES_FIELDS.map((f) => [f.field, 0])) as unknown as MonthlyFiguresValues;
  const city = { ...zero };
  for (const y of years.values()) for (const { field } of MONTHLY_FIGURES_FIELDS) city[field] += y.totals[field];
  const monthValues = { ...zero };
  for (const { field } of MONTHLY_FIGURES_FIELDS) monthValues[field] = own[field];
  const by = (pick: (figures: CountyFigures) => number | undefined) =>
    ranks(new Map([...years.entries()].map(([id, y]) => [id, pick(y.figures)])));
  const growthRanks = by((f) => f.onlineRetailGrowthBp);
  const shareRanks = by((f) => f.physicalGoodsOnlineShareBp);
  const shopRanks = by((f) => f.newOnlineShops);
  const relocatedRanks = by((f) => f.relocatedShopsStatisticalRetailFen);
  return {
    county,
    year,
    month,
    monthValues,
    yearToDate: mine.totals,
    cityYearToDate: city,
    rankedCounties: years.size,
    indicators: [
      {
        label: '网络零售额增幅（第一条）',
        kind: 'bp',
        value: mine.figures.onlineRetailGrowthBp,
        provinceAverage: averages?.onlineRetailGrowthBp,
        rank: growthRanks.get(county),
      },
      {
        label: '实物商品网络零售额占社会消费品零售总额比重（第一条）',
        kind: 'bp',
        value: mine.figures.physicalGoodsOnlineShareBp,
        provinceAverage: averages?.physicalGoodsOnlineShareBp,
        rank: shareRanks.get(county),
      },
      {
        label: '新增网上店铺（第四条）',
        kind: 'count',
        value: mine.figures.newOnlineShops,
        provinceAverage: undefined,
        rank: shopRanks.get(county),
      },
      {
        label: '迁入店铺纳统网络零售额（第五条）',
        kind: 'fen',
        value: mine.figures.relocatedShopsStatisticalRetailFen,
        provinceAverage: undefined,
        rank: relocatedRanks.get(county),
      },
    ],
  };
};

const WAN_FORMAT = '#,##0.00####';
const COUNT_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.00%';

/** The feedback as an .xlsx workbook: one Chinese sheet, figures as numbers with Chinese formats. */
export const feedbackXlsx = async (f: Feedback): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '电商惠企通';
  const sheet = workbook.addWorksheet('运行监测反馈');
  sheet.columns = [{ width: 44 }, { width: 10 }, { width: 20 }, { width: 22 }, { width: 22 }];
  const name = countyName(f.county);
  sheet.addRow([`聊城市电子商务运行监测反馈表（${name}，${f.year}年${f.month}月）`]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, 5);
  sheet.addRow([`依据《聊城市促进电子商务高质量发展的若干措施》第十二条；本年累计为${f.year}年1—${f.month}月。`]);
  sheet.mergeCells(2, 1, 2, 5);
  sheet.addRow([]);
  const head = sheet.addRow(['指标', '单位', `${f.month}月`, `本年累计（1—${f.month}月）`, '全市合计（本年累计）']);
  head.font = { bold: true };
  for (const field of MONTHLY_FIGURES_FIELDS) {
    const money = field.unit === 'fen';
    const row = sheet.addRow([
      field.name,
      money ? '万元' : '家',
      money ? wan(f.monthValues[field.field]) : f.monthValues[field.field],
      money ? wan(f.yearToDate[field.field]) : f.yearToDate[field.field],
      money ? wan(f.cityYearToDate[field.field]) : f.cityYearToDate[field.field],
    ]);
    for (const c of [3, 4, 5]) row.getCell(c).numFmt = money ? WAN_FORMAT : COUNT_FORMAT;
  }
  sheet.addRow([]);
  const head2 = sheet.addRow([
    '指标（本年累计）',
    '单位',
    name,
    '全省平均',
    `全市排名（共${f.rankedCounties}个县市区）`,
  ]);
  head2.font = { bold: true };
  for (const i of f.indicators) {
    const value = (v: number | undefined): number | string => {
      if (v === undefined) return i.kind === 'bp' ? '无法计算' : '—';
      return i.kind === 'bp' ? percent(v) : i.kind === 'fen' ? wan(v) : v;
    };
    const row = sheet.addRow([
      i.label,
      i.kind === 'bp' ? '%' : i.kind === 'fen' ? '万元' : '家',
      value(i.value),
      i.kind === 'bp' ? (i.provinceAverage === undefined ? '未设置' : value(i.provinceAverage)) : '—',
      i.rank === undefined ? '—' : `第${i.rank}名`,
    ]);
    const format = i.kind === 'bp' ? PERCENT_FORMAT : i.kind === 'fen' ? WAN_FORMAT : COUNT_FORMAT;
    for (const c of [3, 4]) if (typeof row.getCell(c).value === 'number') row.getCell(c).numFmt = format;
  }
  const growth = f.indicators[0];
  const share = f.indicators[1];
  sheet.addRow([]);
  const compare = (label: string, i: Feedback['indicators'][number] | undefined): string => {
    if (i?.value === undefined) return `${label}：本年累计无法计算（分母为0）。`;
    if (i.provinceAverage === undefined) return `${label}：全省平均尚未设置。`;
    const diff = i.value - i.provinceAverage;
    const a = Math.abs(diff);
    const pts = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
    return diff === 0
      ? `${label}：与全省平均持平。`
      : `${label}：${diff > 0 ? '高于' : '低于'}全省平均${pts}个百分点。`;
  };
  sheet.addRow([compare('网络零售额增幅', growth)]);
  sheet.addRow([compare('实物商品网络零售额占比', share)]);
  sheet.addRow(['排名按各县（市、区）本年1月至本月已填报的数据计算，数值相同的名次并列。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
