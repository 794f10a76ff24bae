// The notification routes' bodies and queries, with their rules (messages in Chinese).
import {
  type MarkReadRequest,
  type NotificationQuery,
  type NotificationSettingsRequest,
  type SubscriptionRequest,
} from '@huiqi/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { DecimalInteger } from '../../common/integers.js';

const ANSWERS = ['accept', 'reject', 'ban', 'filter'];

export class NotificationQueryDto implements NotificationQuery {
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是正整数编号（十进制数字），即上一页的 next' })
  @Min(1, { message: '必须是正整数编号（十进制数字），即上一页的 next' })
  before?: number;

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '必须是1到100之间的整数（十进制数字）' })
  @Min(1, { message: '至少为1' })
  @Max(100, { message: '最多100条' })
  limit?: number;

  @IsOptional()
  @IsIn(['true', 'false'], { message: '只能是 true 或 false' })
  unread?: 'true' | 'false';
}

export class MarkReadDto implements MarkReadRequest {
  @IsOptional()
  @IsArray({ message: '必须是消息编号的列表' })
  @ArrayMaxSize(100, { message: '一次最多标记100条' })
  @IsInt({ each: true, message: '消息编号必须是正整数' })
  @Min(1, { each: true, message: '消息编号必须是正整数' })
  ids?: number[];
}

export class NotificationSettingsDto implements NotificationSettingsRequest {
  @IsBoolean({ message: '必须是 true 或 false' })
  proactiveMatches!: boolean;
}

@ValidatorConstraint({ name: 'subscriptionResults' })
class SubscriptionResults implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.every((r: unknown) => {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
        const { templateId, answer, ...rest } = r as Record<string, unknown>;
        return (
          Object.keys(rest).length === 0 &&
          typeof templateId === 'string' &&
          templateId.length > 0 &&
          templateId.length <= 64 &&
          ANSWERS.includes(answer as string)
        );
      })
    );
  }
  defaultMessage(): string {
    return '每项必须是 { templateId（1–64个字符）, answer（accept、reject、ban 或 filter） }';
  }
}

export class SubscriptionDto implements SubscriptionRequest {
  @IsArray({ message: '必须是订阅结果的列表' })
  @ArrayMinSize(1, { message: '至少一项' })
  @ArrayMaxSize(10, { message: '一次最多10项' })
  @Validate(SubscriptionResults)
  results!: SubscriptionRequest['results'];
}
