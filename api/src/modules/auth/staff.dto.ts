import {
  COUNTIES,
  type CountyId,
  type CreateStaffRequest,
  STAFF_ROLES,
  type StaffListQuery,
  type StaffRole,
} from '@huiqi/shared';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsHumanText } from '../../common/human-text.js';
import { DecimalInteger } from '../../common/integers.js';
import { ROLES, type Role } from '../../common/roles.js';

const ROLE_MESSAGE = '只能是 applicant、county-reviewer、city-reviewer、finance 或 admin';
const COUNTY_MESSAGE = '请选择聊城市的县（市、区）';

export class StaffListQueryDto implements StaffListQuery {
  @IsOptional()
  @IsIn(STAFF_ROLES, { message: '只能是 county-reviewer、city-reviewer、finance 或 admin（工作人员的角色）' })
  role?: StaffRole;

  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: COUNTY_MESSAGE })
  county?: CountyId;

  @IsOptional()
  @IsIn(['true', 'false'], { message: '只能是 true 或 false' })
  disabled?: 'true' | 'false';

  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: '页码必须是正整数' })
  @Min(1, { message: '页码必须是正整数' })
  @Max(100_000, { message: '页码过大' })
  page?: number;
}

/**
 * Types only: what a staff account may be (username, role, county, password) is checked by
 * staffProblems in the service, the same rules as the command line's, every problem at once.
 */
export class CreateStaffDto implements CreateStaffRequest {
  @IsString({ message: '请输入用户名' })
  @MaxLength(64, { message: '太长了' })
  username!: string;

  @IsOptional()
  @IsHumanText('姓名', { max: 64 })
  displayName?: string;

  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: COUNTY_MESSAGE })
  county?: CountyId;

  @IsString({ message: '请输入初始密码' })
  @MaxLength(256, { message: '太长了' })
  password!: string;
}
