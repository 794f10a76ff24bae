import { type CreateRoundRequest, isIsoDate, PROGRAM_IDS, type RoundQuery, YEARS } from '@huiqi/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
} from 'class-validator';
import { DecimalInteger } from '../../common/integers.js';
import { HasNoRepeats } from '../../common/lists.js';

const DATE_MESSAGE = '必须是日期，格式为YYYY-MM-DD，例如2025-03-01';

/** A real calendar day as YYYY-MM-DD (2026-13-01 and 2026-02-30 are refused here, with the other fields). */
const IsDay =
  (label: string): PropertyDecorator =>
  (target, propertyName): void =>
    registerDecorator({
      name: 'isDay',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: () => `${label}${DATE_MESSAGE}`,
      },
    });

export class RoundQueryDto implements RoundQuery {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  year?: number;

  @IsOptional()
  @IsIn(['true', 'false'], { message: '只能是 true 或 false' })
  open?: 'true' | 'false';
}

/**
 * A round as the city publishes it. The list of pools is checked item by item in the service
 * (poolsOf in rounds.service.ts), which names each field as pools[i].capFen; what needs the
 * edition (programs in force, pools named, caps left) is checked there too.
 */
export class CreateRoundDto implements CreateRoundRequest {
  @IsInt({ message: YEARS.message })
  @Min(YEARS.min, { message: YEARS.message })
  @Max(YEARS.max, { message: YEARS.message })
  claimYear!: number;

  @IsString({ message: '批次名称必须是文本，例如 2025年度电商政策资金第一批申报' })
  @MinLength(1, { message: '请填写批次名称' })
  @MaxLength(100, { message: '批次名称最多100个字' })
  title!: string;

  @IsDay('开始日期')
  opens!: string;

  @IsDay('截止日期')
  closes!: string;

  @IsArray({ message: '申报项目必须是列表，例如 ["leading-enterprise"]' })
  @ArrayMinSize(1, { message: '至少选择一个申报项目' })
  @ArrayMaxSize(20, { message: '申报项目最多20个' })
  @IsIn(PROGRAM_IDS, { each: true, message: '不是资金奖励项目编号，例如 leading-enterprise' })
  @HasNoRepeats()
  programs!: CreateRoundRequest['programs'];

  @IsArray({ message: '资金池必须是列表，例如 [{"poolId":"pool-leading","capFen":100000000,"sharing":"order"}]' })
  @ArrayMinSize(1, { message: '至少设置一个资金池' })
  @ArrayMaxSize(20, { message: '资金池最多20个' })
  pools!: CreateRoundRequest['pools'];
}
