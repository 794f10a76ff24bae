// The pools routes' queries, implementing their contract types.
import { type PoolLedgerQuery } from '@huiqi/shared';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from '../../common/integers.js';

export class PoolLedgerDto implements PoolLedgerQuery {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '台账页码必须是正整数' })
  @Min(1, { message: '台账页码必须是正整数' })
  @Max(100_000, { message: '台账页码过大' })
  page?: number;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '奖补清单页码必须是正整数' })
  @Min(1, { message: '奖补清单页码必须是正整数' })
  @Max(100_000, { message: '奖补清单页码过大' })
  awardsPage?: number;
}
