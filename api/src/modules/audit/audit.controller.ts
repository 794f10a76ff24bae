import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../../common/auth.js';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';
import { maskPersonal } from '../../common/masking.js';
import { AuditService } from './audit.service.js';

export class AuditQueryDto {
  @IsOptional()
  @IsIn(['org', 'facts', 'application', 'edition', 'user', 'membership'], { message: '不是可查询的对象类型' })
  entity?: string;

  @IsOptional()
  @IsHumanText('对象编号', { max: 64 })
  entityId?: string;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是正整数编号（十进制数字）' })
  @Min(1, { message: '必须是正整数编号（十进制数字）' })
  orgId?: number;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是1到500之间的整数（十进制数字）' })
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
