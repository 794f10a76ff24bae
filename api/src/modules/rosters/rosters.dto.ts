import {
  type HireRowRequest,
  type HireTrainingKind,
  type StreamerRowRequest,
  type UpdateHireRowRequest,
  type UpdateStreamerRowRequest,
} from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';

// Shapes and ranges here; what needs the clock, the other fields or the database (the resident ID
// number's date of birth, the hire date, which training field applies, a credit code's check
// character, the same person twice) is checked by the service, every problem at once.

const MONTHS = '必须是0到600之间的整数（月）';
const RESIDENT_ID = '请填写18位身份证号码';

class HireFields {
  @IsHumanText('姓名', { min: 2, max: 64 })
  name!: string;

  @IsIn(['whitelisted-institution', 'college'], {
    message: '只能是 whitelisted-institution（白名单培训机构培训）或 college（院校“专业+实训”培训）',
  })
  trainingKind!: HireTrainingKind;

  @IsOptional()
  @IsString({ message: '请填写培训机构的18位统一社会信用代码' })
  @MaxLength(18, { message: '统一社会信用代码应为18位，请核对营业执照' })
  institutionUscc?: string;

  @IsOptional()
  @IsHumanText('院校名称', { min: 2, max: 100 })
  collegeName?: string;

  @IsString({ message: '入职日期必须是日期，格式为YYYY-MM-DD，例如2026-03-01' })
  @MaxLength(10, { message: '入职日期必须是日期，格式为YYYY-MM-DD，例如2026-03-01' })
  hireDate!: string;

  @IsInt({ message: MONTHS })
  @Min(0, { message: MONTHS })
  @Max(600, { message: MONTHS })
  socialInsuranceMonths!: number;
}

export class HireRowDto extends HireFields implements HireRowRequest {
  @IsString({ message: RESIDENT_ID })
  @MaxLength(18, { message: '身份证号码应为18位' })
  residentId!: string;
}

export class UpdateHireRowDto extends HireFields implements UpdateHireRowRequest {
  @IsOptional()
  @IsString({ message: RESIDENT_ID })
  @MaxLength(18, { message: '身份证号码应为18位' })
  residentId?: string;
}

class StreamerFields {
  @IsHumanText('姓名', { min: 2, max: 64 })
  name!: string;

  @IsInt({ message: '粉丝数必须是不小于0的整数' })
  @Min(0, { message: '粉丝数必须是不小于0的整数' })
  @Max(10_000_000_000, { message: '粉丝数过大，请核对' })
  followers!: number;

  @IsHumanText('签约企业名称', { min: 2, max: 128 })
  contractFirmName!: string;

  @IsString({ message: '请填写签约企业的18位统一社会信用代码' })
  @MaxLength(18, { message: '统一社会信用代码应为18位，请核对营业执照' })
  contractFirmUscc!: string;

  @IsInt({ message: MONTHS })
  @Min(0, { message: MONTHS })
  @Max(600, { message: MONTHS })
  contractMonths!: number;

  @IsInt({ message: MONTHS })
  @Min(0, { message: MONTHS })
  @Max(600, { message: MONTHS })
  socialInsuranceMonths!: number;
}

export class StreamerRowDto extends StreamerFields implements StreamerRowRequest {
  @IsString({ message: RESIDENT_ID })
  @MaxLength(18, { message: '身份证号码应为18位' })
  residentId!: string;
}

export class UpdateStreamerRowDto extends StreamerFields implements UpdateStreamerRowRequest {
  @IsOptional()
  @IsString({ message: RESIDENT_ID })
  @MaxLength(18, { message: '身份证号码应为18位' })
  residentId?: string;
}
