import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type FileLink,
  type PublicWhitelist,
  type WhitelistApplicationList,
  type WhitelistApplicationView,
} from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { WhitelistApplyDto, WhitelistQueueQueryDto, WhitelistReviewDto } from './whitelist.dto.js';
import { WhitelistService } from './whitelist.service.js';

/** 第八条: the whitelist recommendation, from the firm's application to the public list. */
@Controller('v1')
export class WhitelistController {
  constructor(private readonly whitelist: WhitelistService) {}

  @Operation('applyWhitelist')
  @Post('orgs/:orgId/whitelist-applications')
  apply(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: WhitelistApplyDto,
  ): Promise<WhitelistApplicationView> {
    return this.whitelist.apply(user, orgId, body);
  }

  @Operation('listOrgWhitelistApplications')
  @Get('orgs/:orgId/whitelist-applications')
  async ofOrg(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
  ): Promise<WhitelistApplicationList> {
    return { applications: await this.whitelist.ofOrg(user, orgId) };
  }

  @Operation('listWhitelistApplications')
  @Get('whitelist/applications')
  async queue(
    @CurrentUser() user: Principal,
    @Query() query: WhitelistQueueQueryDto,
  ): Promise<WhitelistApplicationList> {
    return { applications: await this.whitelist.queue(user, query) };
  }

  @Operation('getWhitelistApplication')
  @Get('whitelist/applications/:id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<WhitelistApplicationView> {
    return this.whitelist.get(user, id);
  }

  @Operation('reviewWhitelistApplication')
  @Post('whitelist/applications/:id/review')
  @HttpCode(200)
  review(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: WhitelistReviewDto,
  ): Promise<WhitelistApplicationView> {
    return this.whitelist.review(user, id, body);
  }

  @Operation('linkWhitelistFile')
  @Post('whitelist/applications/:id/files/:fileId/link')
  @HttpCode(200)
  fileLink(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('fileId', IdPipe) fileId: number,
  ): Promise<FileLink> {
    return this.whitelist.fileLink(user, id, fileId);
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('listWhitelist')
  @Get('whitelist')
  list(@Query('year') year: string): Promise<PublicWhitelist> {
    return this.whitelist.publicList(checkYear(year));
  }
}
