// The review routes' bodies and queries. Each helper-owned DTO implements its contract type;
// its class-validator rules are written with the route's service.
import {
  CONTACT_PHONE_MESSAGE,
  isContactPhone,
  PROGRAM_IDS,
  type ApproveRequest,
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
import { IsIn, IsInt, IsOptional, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';

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
  conditions!: VerifyRequest['conditions'];
}
export class ApproveDto implements ApproveRequest {
  awardFen?: number;
  reason?: string;
}
export class ReturnDto implements ReturnRequest {
  items!: ReturnRequest['items'];
  deadline?: string;
}
export class RejectDto implements RejectRequest {
  reason!: string;
}
export class PaymentDto implements PaymentRequest {
  voucherNo!: string;
  paidOn!: string;
}
export class ReviewQueueDto implements ReviewQueueQuery {
  stage?: ReviewQueueQuery['stage'];
  county?: ReviewQueueQuery['county'];
  program?: ReviewQueueQuery['program'];
  roundId?: number;
  overdue?: 'true' | 'false';
  page?: number;
}
export class BatchApproveDto implements BatchApproveRequest {
  applicationIds!: number[];
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
  format!: 'xlsx' | 'csv';
}
