import { Controller, Get, Query } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser, Roles } from '../../common/auth.js';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';
import { maskPersonal } from '../../common/masking.js';
import { type Principal } from '../../common/tokens.js';
import { AuditService, type OutboxEventView } from './audit.service.js';

export class AuditQueryDto {
  @IsOptional()
  @IsIn(['org', 'facts', 'application', 'edition', 'user', 'membership', 'file'], { message: '不是可查询的对象类型' })
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
  async list(@CurrentUser() user: Principal, @Query() query: AuditQueryDto): Promise<{ entries: unknown[] }> {
    const entries = await this.audit.list(user, { ...query, limit: query.limit ?? 100 });
    // The log keeps what was written; an administrator reading it is another party.
    return { entries: entries.map((e) => ({ ...e, before: maskPersonal(e.before), after: maskPersonal(e.after) })) };
  }
}

export class OutboxQueryDto {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是正整数编号（十进制数字），即上一页的 next' })
  @Min(1, { message: '必须是正整数编号（十进制数字），即上一页的 next' })
  before?: number;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是1到500之间的整数（十进制数字）' })
  @Min(1, { message: '至少为1' })
  @Max(500, { message: '最多500条' })
  limit?: number;
}

/** The events of every change, as written for notifications to read; a page at a time. */
@Controller('v1/outbox')
@Roles('admin')
export class OutboxController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(
    @CurrentUser() user: Principal,
    @Query() query: OutboxQueryDto,
  ): Promise<{ events: OutboxEventView[]; next: number | null }> {
    const page = await this.audit.outbox(user, { before: query.before, limit: query.limit ?? 100 });
    // Payloads carry no personal data by design; masked anyway, as the audit log is.
    return { ...page, events: page.events.map((e) => ({ ...e, payload: maskPersonal(e.payload) })) };
  }
}
