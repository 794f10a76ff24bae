import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentUser } from '../../common/auth.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { CreateOrgDto, JoinOrgDto, UpdateOrgDto } from './orgs.dto.js';
import { type OrgView, OrgsService } from './orgs.service.js';

@Controller('v1/orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Post()
  create(@CurrentUser() user: Principal, @Body() body: CreateOrgDto): Promise<OrgView> {
    return this.orgs.create(user, body);
  }

  @Get()
  async mine(@CurrentUser() user: Principal): Promise<{ orgs: OrgView[] }> {
    return { orgs: await this.orgs.mine(user) };
  }

  @RateLimited('invites', 'caller')
  @Post('join')
  @HttpCode(200)
  join(@CurrentUser() user: Principal, @Body() body: JoinOrgDto): Promise<OrgView> {
    return this.orgs.join(user, body.code);
  }

  @Get(':orgId')
  get(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<OrgView> {
    return this.orgs.get(user, orgId);
  }

  @Patch(':orgId')
  update(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: UpdateOrgDto,
  ): Promise<OrgView> {
    return this.orgs.update(user, orgId, body);
  }

  @RateLimited('invites', 'caller')
  @Post(':orgId/invites')
  invite(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
  ): Promise<{ code: string; expiresAt: string }> {
    return this.orgs.invite(user, orgId);
  }
}
