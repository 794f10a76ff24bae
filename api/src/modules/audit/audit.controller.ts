import { Controller, Get, Query } from '@nestjs/common';
import {
  type AuditActorRole,
  type AuditLog,
  type AuditQuery,
  type AuditVerification,
  CHANGE_SUBJECTS,
  isIsoDate,
  ROLES,
  type ChangeSubject,
  type OutboxPage,
  type OutboxQuery,
} from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, registerDecorator } from 'class-validator';
import { CurrentUser, Roles } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';
import { type Principal } from '../../common/tokens.js';
import { AuditService } from './audit.service.js';

const AUDIT_ACTOR_ROLES: readonly AuditActorRole[] = [...ROLES, 'cli', 'system'];

/** A real calendar day as YYYY-MM-DD (2026-02-30 is refused). */
const IsDay = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isDay',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
      defaultMessage: () => '必须是日期，格式为YYYY-MM-DD，例如2026-06-01',
    },
  });

export class AuditQueryDto implements AuditQuery {
  @IsOptional()
  @IsIn(CHANGE_SUBJECTS, { message: '不是可查询的对象类型' })
  entity?: ChangeSubject;
  @IsOptional()
  @IsHumanText('对象编号', { max: 64 })
  entityId?: string;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是正整数编号（十进制数字）' })
  @Min(1, { message: '必须是正整数编号（十进制数字）' })
  orgId?: number;

  @IsOptional()
  @IsIn(AUDIT_ACTOR_ROLES, {
    message: '只能是 applicant、county-reviewer、city-reviewer、finance、admin、cli 或 system',
  })
  actorRole?: AuditActorRole;

  @IsOptional()
  @Matches(/^[a-z][a-z.-]{0,47}$/, { message: '必须是操作名称或其开头，如 application. 或 user.disabled' })
  action?: string;

  @IsOptional()
  @IsDay()
  from?: string;

  @IsOptional()
  @IsDay()
  to?: string;

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

@Controller('v1/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Operation('listAudit')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: AuditQueryDto): Promise<AuditLog> {
    return this.audit.list(user, { ...query, limit: query.limit ?? 100 });
  }

  @Operation('verifyAudit')
  @Get('verify')
  verify(@CurrentUser() user: Principal): Promise<AuditVerification> {
    return this.audit.verify(user);
  }
}

export class OutboxQueryDto implements OutboxQuery {
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

  @Operation('listOutbox')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: OutboxQueryDto): Promise<OutboxPage> {
    return this.audit.outbox(user, { before: query.before, limit: query.limit ?? 100 });
  }
}
