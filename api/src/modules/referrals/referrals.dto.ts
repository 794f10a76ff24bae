import {
  type CreateCrossBorderReferralRequest,
  type CreateLoanReferralRequest,
  EXPORT_MODES,
  type ExportMode,
  formatFen,
  LOAN_AMOUNT,
  LOAN_CONSENT,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  type ReferralKind,
  type ReferralQuery,
  type ReferralStatus,
  type ReferralStatusRequest,
  yuanToFen,
} from '@huiqi/shared';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, registerDecorator } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';

/**
 * Yuan as a decimal string, converted exactly to fen, within [minFen, maxFen]; `label` and
 * `range` say what the form calls the field and what it takes.
 */
const IsYuan =
  (label: string, minFen: number, maxFen: number, range: string): PropertyDecorator =>
  (target, propertyName): void =>
    registerDecorator({
      name: 'isYuan',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => {
          const parsed = yuanToFen(value);
          return parsed.ok && parsed.fen >= minFen && parsed.fen <= maxFen;
        },
        defaultMessage: (args) => {
          const parsed = yuanToFen(args?.value);
          return parsed.ok ? `${label}${range}，现为${formatFen(parsed.fen)}` : `${label}${parsed.message}`;
        },
      },
    });

export class CreateLoanReferralDto implements CreateLoanReferralRequest {
  // 第十一条：单户贷款额度为10万元至1000万元。
  @IsYuan(
    '贷款金额',
    LOAN_AMOUNT.minFen,
    LOAN_AMOUNT.maxFen,
    `须在10万元至1000万元之间（${LOAN_AMOUNT.clause}：${LOAN_AMOUNT.text}），按元填写，例如 500000`,
  )
  amountYuan!: string;

  @IsHumanText('贷款用途', { min: 2, max: 500, multiline: true })
  purpose!: string;

  @IsBoolean({ message: '请勾选是否同意提供企业数据摘要（true 或 false）' })
  @Equals(true, {
    message: '须勾选同意向“齐鲁电商贷”合作银行及担保公司提供本企业数据摘要后才能申请转介；不同意的，平台不向银行推荐',
  })
  consent!: boolean;

  @IsString({ message: '缺少同意书版本，请重新阅读同意书后勾选' })
  @Equals(LOAN_CONSENT.version, { message: '同意书内容已更新，请重新阅读并勾选同意后再提交' })
  consentVersion!: string;
}

export class CreateCrossBorderReferralDto implements CreateCrossBorderReferralRequest {
  @IsIn(EXPORT_MODES, { message: `出口方式只能是：${EXPORT_MODES.join('、')}` })
  exportMode!: ExportMode;

  // The text sets no amount; up to 1000亿元 keeps a typo from passing as a figure.
  @IsYuan('上年出口额', 0, 10_000_000_000_000, '须在0元至1000亿元之间，按元填写，没有出口的填 0')
  annualExportYuan!: string;

  @IsHumanText('目标市场', { min: 2, max: 200 })
  markets!: string;

  @IsHumanText('需求', { min: 2, max: 500, multiline: true })
  needs!: string;
}

export class ReferralStatusDto implements ReferralStatusRequest {
  @IsIn(REFERRAL_STATUSES, { message: '进度只能是 referred（已推荐）、granted（已放款/已纳入）或 declined（未获批）' })
  status!: ReferralStatus;

  @IsOptional()
  @IsHumanText('备注', { max: 500, multiline: true })
  note?: string;
}

export class ReferralQueryDto implements ReferralQuery {
  @IsOptional()
  @IsIn(REFERRAL_KINDS, { message: '类型只能是 loan（齐鲁电商贷）或 cross-border（跨境电商）' })
  kind?: ReferralKind;

  @IsOptional()
  @IsIn(REFERRAL_STATUSES, { message: `进度只能是：${REFERRAL_STATUSES.join('、')}` })
  status?: ReferralStatus;
}
