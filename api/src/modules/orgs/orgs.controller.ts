import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { type Invite, type OrgList, type OrgView } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { CreateOrgDto, JoinOrgDto, UpdateOrgDto } from './orgs.dto.js';
import { OrgsService } from './orgs.service.js';

@Controller('v1/orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Operation('createOrg')
  @Post()
  create(@CurrentUser() user: Principal, @Body() body: CreateOrgDto): Promise<OrgView> {
    return this.orgs.create(user, body);
  }

  @Operation('listMyOrgs')
  @Get()
  async mine(@CurrentUser() user: Principal): Promise<OrgList> {
    return { orgs: await this.orgs.mine(user) };
  }

  @RateLimited('invites', 'caller')
  @Operation('joinOrg')
  @Post('join')
  @HttpCode(200)
  join(@CurrentUser() user: Principal, @Body() body: JoinOrgDto): Promise<OrgView> {
    return this.orgs.join(user, body.code);
  }

  @Operation('getOrg')
  @Get(':orgId')
  get(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<OrgView> {
    return this.orgs.get(user, orgId);
  }

  @Operation('updateOrg')
  @Patch(':orgId')
  update(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: UpdateOrgDto,
  ): Promise<OrgView> {
    return this.orgs.update(user, orgId, body);
  }

  @RateLimited('invites', 'caller')
  @Operation('createInvite')
  @Post(':orgId/invites')
  invite(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<Invite> {
    return this.orgs.invite(user, orgId);
  }
}
