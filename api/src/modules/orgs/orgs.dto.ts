import {
  CONTACT_PHONE_MESSAGE,
  COUNTIES,
  type CreateOrgRequest,
  isContactPhone,
  isValidUscc,
  type JoinOrgRequest,
  ORG_TYPES,
  type CountyId,
  type OrgType,
  type UpdateOrgRequest,
  usccProblem,
  usccProblemMessage,
} from '@huiqi/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { HasNoRepeats } from '../../common/lists.js';

/** The GB 32100-2015 check, with the shared package's Chinese explanation of what is wrong. */
const IsUscc = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isUscc',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidUscc(value),
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'string'
          ? usccProblemMessage(usccProblem(args.value) ?? 'check')
          : '请填写18位统一社会信用代码',
    },
  });

/** The shared contact-phone check, so the form refuses exactly what the API would. */
const IsContactPhone = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isContactPhone',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isContactPhone(value),
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'string' ? CONTACT_PHONE_MESSAGE : '请填写联系电话',
    },
  });

// Characters, as the columns count them (varchar(128), varchar(64) in utf8mb4).
const NAME = { min: 2, max: 128 };
const PERSON = { min: 2, max: 64 };

export class CreateOrgDto implements CreateOrgRequest {
  @IsUscc()
  uscc!: string;

  @IsHumanText('企业名称', NAME)
  name!: string;

  @IsIn(COUNTIES.map((c) => c.id), { message: '请选择聊城市的县（市、区）' })
  county!: CountyId;

  @IsArray({ message: '请选择主体类型' })
  @ArrayMinSize(1, { message: '至少选择一种主体类型' })
  @ArrayMaxSize(ORG_TYPES.length, { message: `主体类型最多${ORG_TYPES.length}种` })
  @IsIn(ORG_TYPES.map((t) => t.id), { each: true, message: '包含不认识的主体类型' })
  @HasNoRepeats()
  orgTypes!: OrgType[];

  @IsHumanText('法定代表人姓名', PERSON)
  legalRepresentative!: string;

  @IsHumanText('联系人姓名', PERSON)
  contactName!: string;

  @IsContactPhone()
  contactPhone!: string;
}

export class UpdateOrgDto implements UpdateOrgRequest {
  @IsOptional()
  @IsHumanText('企业名称', NAME)
  name?: string;

  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: '请选择聊城市的县（市、区）' })
  county?: CountyId;

  @IsOptional()
  @IsArray({ message: '请选择主体类型' })
  @ArrayMinSize(1, { message: '至少选择一种主体类型' })
  @ArrayMaxSize(ORG_TYPES.length, { message: `主体类型最多${ORG_TYPES.length}种` })
  @IsIn(ORG_TYPES.map((t) => t.id), { each: true, message: '包含不认识的主体类型' })
  @HasNoRepeats()
  orgTypes?: OrgType[];

  @IsOptional()
  @IsHumanText('法定代表人姓名', PERSON)
  legalRepresentative?: string;

  @IsOptional()
  @IsHumanText('联系人姓名', PERSON)
  contactName?: string;

  @IsOptional()
  @IsContactPhone()
  contactPhone?: string;
}

export class JoinOrgDto implements JoinOrgRequest {
  @IsString({ message: '请填写邀请码' })
  @Matches(/^[A-Z0-9]{8}$/, { message: '邀请码为8位大写字母和数字' })
  code!: string;
}
