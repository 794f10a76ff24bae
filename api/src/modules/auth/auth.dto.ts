import {
  COUNTIES,
  type CountyId,
  type DemoLoginRequest,
  type RefreshRequest,
  type StaffLoginRequest,
  type WechatLoginRequest,
} from '@huiqi/shared';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../common/roles.js';

export class WechatLoginDto implements WechatLoginRequest {
  @IsString({ message: '必须是 wx.login 返回的 code' })
  @MinLength(1, { message: '不能为空' })
  @MaxLength(128, { message: '太长了' })
  code!: string;
}

export class RefreshDto implements RefreshRequest {
  @IsString({ message: '必须是登录时返回的 refreshToken' })
  @MaxLength(128, { message: '太长了' })
  refreshToken!: string;
}

export class StaffLoginDto implements StaffLoginRequest {
  @IsString({ message: '请输入用户名' })
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(64, { message: '太长了' })
  username!: string;

  @IsString({ message: '请输入密码' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(256, { message: '太长了' })
  password!: string;
}

export class DemoLoginDto implements DemoLoginRequest {
  @IsIn(ROLES, { message: '只能是 applicant、county-reviewer、city-reviewer、finance 或 admin' })
  role!: Role;

  @IsOptional()
  @IsIn(COUNTIES.map((c) => c.id), { message: '不是聊城市的县（市、区）' })
  county?: CountyId;

  @IsOptional()
  @IsString({ message: '必须是文本' })
  @Matches(/^[A-Za-z0-9_-]{1,48}$/, { message: '只能包含字母、数字、下划线和连字符，最多48位' })
  openid?: string;
}
