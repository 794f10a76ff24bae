import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { type StaffAccountView, type StaffList, type StaffPasswordReset } from '@huiqi/shared';
import { CurrentUser, Roles } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { CreateStaffDto, StaffListQueryDto } from './staff.dto.js';
import { StaffAccountsService } from './staff-accounts.service.js';

/** Staff accounts, for administrators (checked again in the service). */
@Controller('v1/staff')
@Roles('admin')
export class StaffController {
  constructor(private readonly staff: StaffAccountsService) {}

  @Operation('listStaff')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: StaffListQueryDto): Promise<StaffList> {
    return this.staff.list(user, query);
  }

  @Operation('createStaff')
  @Post()
  create(@CurrentUser() user: Principal, @Body() body: CreateStaffDto): Promise<StaffAccountView> {
    return this.staff.create(user, body);
  }

  @Operation('resetStaffPassword')
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<StaffPasswordReset> {
    return this.staff.resetPassword(user, id);
  }

  @Operation('disableStaff')
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<StaffAccountView> {
    return this.staff.disable(user, id);
  }

  @Operation('enableStaff')
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<StaffAccountView> {
    return this.staff.enable(user, id);
  }
}
