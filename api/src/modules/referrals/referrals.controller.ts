import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { type ReferralList, type ReferralView } from '@huiqi/shared';
import { type FastifyReply } from 'fastify';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { contentDisposition } from '../files/names.js';
import {
  CreateCrossBorderReferralDto,
  CreateLoanReferralDto,
  ReferralQueryDto,
  ReferralStatusDto,
} from './referrals.dto.js';
import { ReferralsService } from './referrals.service.js';

/** A firm's referral requests (转介): 齐鲁电商贷 (第十一条) and cross-border (第七条). */
@Controller('v1/orgs/:orgId/referrals')
export class OrgReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Operation('createLoanReferral')
  @Post('loan')
  loan(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: CreateLoanReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.requestLoan(user, orgId, body);
  }

  @Operation('createCrossBorderReferral')
  @Post('cross-border')
  crossBorder(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: CreateCrossBorderReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.requestCrossBorder(user, orgId, body);
  }

  @Operation('listOrgReferrals')
  @Get()
  list(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<ReferralList> {
    return this.referrals.ofOrg(user, orgId);
  }
}

/** One referral, and the city's 转介跟踪. */
@Controller('v1/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Operation('listReferrals')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ReferralQueryDto): Promise<ReferralList> {
    return this.referrals.list(user, query);
  }

  @Operation('getReferral')
  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ReferralView> {
    return this.referrals.get(user, id);
  }

  @Operation('withdrawReferral')
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ReferralView> {
    return this.referrals.withdraw(user, id);
  }

  @Operation('updateReferralStatus')
  @Post(':id/status')
  @HttpCode(200)
  status(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: ReferralStatusDto,
  ): Promise<ReferralView> {
    return this.referrals.setStatus(user, id, body);
  }

  @Operation('exportReferral')
  @Get(':id/export')
  async export(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.referrals.export(user, id);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-length', String(file.body.length))
      .header('content-disposition', contentDisposition(file.name, true))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}
