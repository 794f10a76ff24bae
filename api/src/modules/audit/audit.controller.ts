import { Controller, Get, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../../common/auth.js';
import { maskPersonal } from '../../common/masking.js';
import { AuditService } from './audit.service.js';

export class AuditQueryDto {
  @IsOptional()
  @IsIn(['org', 'facts', 'application', 'edition', 'user', 'membership'], { message: '不是可查询的对象类型' })
  entity?: string;

  @IsOptional()
  @IsString({ message: '必须是文本' })
  @MaxLength(64, { message: '太长了' })
  entityId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '必须是整数' })
  orgId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '必须是整数' })
  @Min(1, { message: '至少为1' })
  @Max(500, { message: '最多500条' })
  limit?: number;
}

@Controller('v1/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() query: AuditQueryDto): Promise<{ entries: unknown[] }> {
    const entries = await this.audit.list({ ...query, limit: query.limit ?? 100 });
    // The log keeps what was written; an administrator reading it is another party.
    return { entries: entries.map((e) => ({ ...e, before: maskPersonal(e.before), after: maskPersonal(e.after) })) };
  }
}
