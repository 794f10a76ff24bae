// The review routes' bodies and queries. Each helper-owned DTO implements its contract type;
// its class-validator rules are written with the route's service.
import {
  APPLICATION_STATUSES,
  CONTACT_PHONE_MESSAGE,
  isContactPhone,
  type AdvanceDemoClockRequest,
  type ApproveRequest,
  COUNTIES,
  PROGRAM_IDS,
  REVIEW_QUEUE_SORTS,
  type BatchApproveRequest,
  type ObjectionRequest,
  type ObjectionRulingRequest,
  type PaymentRequest,
  type PoolExportQuery,
  type PublicNoticeQuery,
  type RejectRequest,
  type ReturnRequest,
  type ReviewQueueQuery,
  type VerifyRequest,
} from '@huiqi/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
  registerDecorator,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';

/** The first element's problem, as `[i].field: message`, or null: the array's elements are plain objects. */
@ValidatorConstraint({ name: 'eachOf' })
class EachOf implements ValidatorConstraintInterface {
  private problem: string | null = null;
  validate(value: unknown, args: ValidationArguments): boolean {
    const check = args.constraints[0] as (item: unknown) => string | null;
    this.problem = null;
    if (!Array.isArray(value)) return true;
    for (const [i, item] of value.entries()) {
      const problem = check(item);
      if (problem !== null) {
        this.problem = `第${i + 1}项：${problem}`;
        return false;
      }
    }
    return true;
  }
  defaultMessage(): string {
    return this.problem ?? '内容有误';
  }
}

const text = (value: unknown, label: string, max: number, required: boolean): string | null => {
  if (value === undefined && !required) return null;
  if (typeof value !== 'string' || value.trim().length === 0) return `${label}不能为空`;
  return [...value.trim()].length > max ? `${label}最多${max}字` : null;
};

function verificationProblem(item: unknown): string | null {
  if (!isPlain(item)) return '必须是对象 { conditionId, verdict }';
  const extra = Object.keys(item).find((k) => !['conditionId', 'verdict', 'facts', 'materialIds', 'note'].includes(k));
  if (extra !== undefined) return `不认识的字段 ${extra}`;
  if (typeof item['conditionId'] !== 'string' || item['conditionId'].length === 0 || item['conditionId'].length > 100)
    return 'conditionId 必须是条件编号';
  if (!(VERDICTS as readonly unknown[]).includes(item['verdict']))
    return 'verdict 只能是 confirmed、corrected、met 或 unmet';
  if (item['facts'] !== undefined && !isPlain(item['facts'])) return 'facts 必须是对象';
  const ids = item['materialIds'];
  if (ids !== undefined && (!Array.isArray(ids) || ids.length > 20 || ids.some((x) => typeof x !== 'string')))
    return 'materialIds 必须是最多20个材料编号';
  return text(item['note'], '核实说明', 500, false);
}

function returnItemProblem(item: unknown): string | null {
  if (!isPlain(item)) return '必须是对象 { kind, id, reason }';
  const extra = Object.keys(item).find((k) => !['kind', 'id', 'reason'].includes(k));
  if (extra !== undefined) return `不认识的字段 ${extra}`;
  if (!(RETURN_KINDS as readonly unknown[]).includes(item['kind'])) return 'kind 只能是 condition、material 或 fact';
  if (typeof item['id'] !== 'string' || item['id'].length === 0 || item['id'].length > 100) return 'id 必须是编号';
  return text(item['reason'], '退回原因', 500, true);
}

const DATE_MESSAGE = '必须是有效日期，格式YYYY-MM-DD，例如2026-06-30';
const IsDay = (): PropertyDecorator => (target, key) => {
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE })(target, key);
  IsISO8601({ strict: true }, { message: DATE_MESSAGE })(target, key);
};

// The items of an array body are checked in the service, naming `conditions[i].…`/`items[i].…`:
// the array itself here, each element's shape by the decorators below on a plain-object check.
const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const VERDICTS = ['confirmed', 'corrected', 'met', 'unmet'] as const;
const RETURN_KINDS = ['condition', 'material', 'fact'] as const;

/** The shared contact-phone check (a mainland mobile or a landline with its area code). */
const IsObjectorPhone = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isContactPhone',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isContactPhone(value),
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'string' ? `联系电话：${CONTACT_PHONE_MESSAGE}` : '请填写联系电话',
    },
  });

export class VerifyDto implements VerifyRequest {
  @IsArray({ message: '必须是条件核实的列表' })
  @ArrayMinSize(1, { message: '至少核实一项条件' })
  @ArrayMaxSize(50, { message: '一次最多核实50项条件' })
  @Validate(EachOf, [verificationProblem])
  conditions!: VerifyRequest['conditions'];
}

export class ApproveDto implements ApproveRequest {
  @IsOptional()
  @IsInt({ message: '核定金额必须是整数（分）' })
  @Min(0, { message: '核定金额不能为负数' })
  @Max(Number.MAX_SAFE_INTEGER, { message: '核定金额过大' })
  awardFen?: number;

  @IsOptional()
  @IsHumanText('核定理由', { max: 500, multiline: true })
  reason?: string;
}

export class ReturnDto implements ReturnRequest {
  @IsArray({ message: '必须是退回事项的列表' })
  @ArrayMinSize(1, { message: '至少退回一项' })
  @ArrayMaxSize(50, { message: '一次最多退回50项' })
  @Validate(EachOf, [returnItemProblem])
  items!: ReturnRequest['items'];

  @IsOptional()
  @IsDay()
  deadline?: string;
}

export class RejectDto implements RejectRequest {
  @IsHumanText('驳回理由', { max: 500, multiline: true })
  reason!: string;
}

export class PaymentDto implements PaymentRequest {
  @IsHumanText('拨付凭证号', { max: 64 })
  voucherNo!: string;

  @IsDay()
  paidOn!: string;
}

export class ReviewQueueDto implements ReviewQueueQuery {
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: '不是申报状态，例如 submitted' })
  stage?: ReviewQueueQuery['stage'];

  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: '不是聊城市的县（市、区）编号，例如 linqing' })
  county?: ReviewQueueQuery['county'];

  @IsOptional()
  @IsIn(PROGRAM_IDS, { message: '不是资金奖励项目编号，例如 leading-enterprise' })
  program?: ReviewQueueQuery['program'];

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是批次编号（正整数）' })
  @Min(1, { message: '必须是批次编号（正整数）' })
  roundId?: number;

  @IsOptional()
  @IsIn(['true', 'false'], { message: '只能是 true 或 false' })
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsIn(REVIEW_QUEUE_SORTS, { message: '只能是 deadline（截止日期最早在前）或 -deadline（最晚在前）' })
  sort?: ReviewQueueQuery['sort'];

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '页码必须是正整数' })
  @Min(1, { message: '页码必须是正整数' })
  @Max(100_000, { message: '页码过大' })
  page?: number;
}

export class BatchApproveDto implements BatchApproveRequest {
  @IsArray({ message: '必须是申报编号的列表' })
  @ArrayMinSize(1, { message: '至少选择一件申报' })
  @ArrayMaxSize(100, { message: '一次最多批量审核100件' })
  @IsInt({ each: true, message: '申报编号必须是正整数' })
  @Min(1, { each: true, message: '申报编号必须是正整数' })
  applicationIds!: number[];
}
export class AdvanceDemoClockDto implements AdvanceDemoClockRequest {
  @IsInt({ message: '快进天数必须是1到30之间的整数' })
  @Min(1, { message: '快进天数必须是1到30之间的整数' })
  @Max(30, { message: '快进天数必须是1到30之间的整数' })
  days!: number;
}
export class ObjectionDto implements ObjectionRequest {
  @IsHumanText('异议人姓名', { max: 50 })
  name!: string;
  @IsObjectorPhone()
  phone!: string;
  @IsHumanText('异议理由', { max: 500, multiline: true })
  reason!: string;
  @IsHumanText('异议依据', { max: 2000, multiline: true })
  evidence!: string;
}
export class ObjectionRulingDto implements ObjectionRulingRequest {
  @IsIn(['upheld', 'dismissed'], { message: '处理结果只能是 upheld（异议成立）或 dismissed（异议不成立）' })
  outcome!: 'upheld' | 'dismissed';
  @IsHumanText('处理理由', { max: 500, multiline: true })
  reason!: string;
}
export class PublicNoticeQueryDto implements PublicNoticeQuery {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '年度必须是1900到9999之间的整数（十进制数字）' })
  @Min(1900, { message: '年度必须是1900到9999之间的整数（十进制数字）' })
  @Max(9999, { message: '年度必须是1900到9999之间的整数（十进制数字）' })
  year?: number;
  @IsOptional()
  @IsIn(PROGRAM_IDS, { message: '不是可查询的奖补项目' })
  program?: PublicNoticeQuery['program'];
}
export class PoolExportDto implements PoolExportQuery {
  @IsIn(['xlsx', 'csv'], { message: '导出格式只能是 xlsx（Excel）或 csv' })
  format!: 'xlsx' | 'csv';
}
