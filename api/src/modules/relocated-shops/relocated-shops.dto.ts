import {
  COUNTIES,
  type CountyId,
  type PlatformId,
  RELOCATED_SHOP_STATUSES,
  type RefuseRelocatedShopRequest,
  type RelocatedShopQuery,
  type RelocatedShopRequest,
  type RelocatedShopStatus,
} from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';

/**
 * Types and lengths only: what a registration must say (the platform, the shop id or link, the
 * county, the day within 2023-01-01 to today) is checked by the shared relocatedShopProblems in
 * the service, the same rules as the firm's form, every problem at once.
 */
export class RelocatedShopDto implements RelocatedShopRequest {
  @IsString({ message: '请选择店铺所在的平台' })
  @MaxLength(46, { message: '平台名称最多40个字' })
  platform!: PlatformId;

  @IsString({ message: '请填写店铺ID或店铺链接' })
  @MaxLength(600, { message: '太长了：店铺链接最多500个字符，店铺ID最多64个字符' })
  shop!: string;

  @IsOptional()
  @IsString({ message: '请从列表中选择县（市、区）' })
  @MaxLength(32, { message: '请从列表中选择县（市、区）' })
  county?: CountyId;

  @IsString({ message: '请填写迁入日期，格式为YYYY-MM-DD，例如2023-05-01' })
  @MaxLength(10, { message: '迁入日期必须是日期，格式为YYYY-MM-DD，例如2023-05-01' })
  relocatedOn!: string;
}

export class RefuseRelocatedShopDto implements RefuseRelocatedShopRequest {
  @IsHumanText('不通过的理由', { max: 500, multiline: true })
  reason!: string;
}

export class RelocatedShopQueryDto implements RelocatedShopQuery {
  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: '请选择聊城市的县（市、区）' })
  county?: CountyId;

  @IsOptional()
  @IsIn(RELOCATED_SHOP_STATUSES, { message: '状态只能是 pending（待核实）、verified（已核实）或 refused（未通过）' })
  status?: RelocatedShopStatus;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '页码必须是正整数' })
  @Min(1, { message: '页码必须是正整数' })
  @Max(100_000, { message: '页码过大' })
  page?: number;
}
