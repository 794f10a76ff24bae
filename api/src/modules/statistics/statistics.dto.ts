import {
  COUNTIES,
  type MonthlyFeedbackQuery,
  type MonthlyFiguresQuery,
  type PutMonthlyFiguresRequest,
  type PutProvinceAveragesRequest,
  YEARS,
} from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from '../../common/integers.js';

const FEN = '必须是不小于0的整数，单位为分（1万元=1000000分）';
const COUNT = '必须是不小于0的整数（家）';
const MAX_FEN = Number.MAX_SAFE_INTEGER;
const MAX_COUNT = 1_000_000_000;

export class MonthlyFiguresQueryDto implements MonthlyFiguresQuery {
  @DecimalInteger()
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year!: number;
}

export class MonthlyFeedbackQueryDto implements MonthlyFeedbackQuery {
  @IsIn(COUNTIES.map((c) => c.id), {
    message: `不是聊城市的县（市、区）编号，可选：${COUNTIES.map((c) => c.id).join('、')}`,
  })
  county!: string;

  @DecimalInteger()
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year!: number;

  @DecimalInteger()
  @IsInt({ message: '必须是1到12之间的整数月份' })
  @Min(1, { message: '必须是1到12之间的整数月份' })
  @Max(12, { message: '必须是1到12之间的整数月份' })
  month!: number;
}

/** 十二: one county's month, money in fen and counts as integers (the page converts 万元 exactly). */
export class PutMonthlyFiguresDto implements PutMonthlyFiguresRequest {
  @IsInt({ message: `网络零售额${FEN}` })
  @Min(0, { message: `网络零售额${FEN}` })
  @Max(MAX_FEN, { message: '网络零售额过大' })
  onlineRetailFen!: number;

  @IsInt({ message: `上年同期网络零售额${FEN}` })
  @Min(0, { message: `上年同期网络零售额${FEN}` })
  @Max(MAX_FEN, { message: '上年同期网络零售额过大' })
  onlineRetailPriorYearFen!: number;

  @IsInt({ message: `实物商品网络零售额${FEN}` })
  @Min(0, { message: `实物商品网络零售额${FEN}` })
  @Max(MAX_FEN, { message: '实物商品网络零售额过大' })
  physicalGoodsOnlineRetailFen!: number;

  @IsInt({ message: `社会消费品零售总额${FEN}` })
  @Min(0, { message: `社会消费品零售总额${FEN}` })
  @Max(MAX_FEN, { message: '社会消费品零售总额过大' })
  totalRetailSalesFen!: number;

  @IsInt({ message: `新增网上店铺${COUNT}` })
  @Min(0, { message: `新增网上店铺${COUNT}` })
  @Max(MAX_COUNT, { message: '新增网上店铺过大' })
  newOnlineShops!: number;

  @IsInt({ message: `迁入店铺${COUNT}` })
  @Min(0, { message: `迁入店铺${COUNT}` })
  @Max(MAX_COUNT, { message: '迁入店铺过大' })
  relocatedShops!: number;

  @IsInt({ message: `迁入店铺纳统网络零售额${FEN}` })
  @Min(0, { message: `迁入店铺纳统网络零售额${FEN}` })
  @Max(MAX_FEN, { message: '迁入店铺纳统网络零售额过大' })
  relocatedShopsStatisticalRetailFen!: number;

  @IsOptional()
  @IsInt({ message: '版本号必须是正整数（修改时填写读取到的 version）' })
  @Min(1, { message: '版本号必须是正整数（修改时填写读取到的 version）' })
  @Max(2_147_483_647, { message: '版本号过大' })
  expectedVersion?: number;
}

const GROWTH = '全省网络零售额平均增幅必须是整数，单位为基点（1%=100基点），在-10000到1000000之间';
const SHARE = '全省实物商品网络零售额占比必须是0到10000之间的整数，单位为基点（1%=100基点）';

export class PutProvinceAveragesDto implements PutProvinceAveragesRequest {
  @IsInt({ message: GROWTH })
  @Min(-10_000, { message: GROWTH })
  @Max(1_000_000, { message: GROWTH })
  onlineRetailGrowthBp!: number;

  @IsInt({ message: SHARE })
  @Min(0, { message: SHARE })
  @Max(10_000, { message: SHARE })
  physicalGoodsOnlineShareBp!: number;
}
