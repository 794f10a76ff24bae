import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type RelocatedShopList,
  type RelocatedShopPage,
  type RelocatedShopView,
  type RelocatedShopsSummary,
} from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { RefuseRelocatedShopDto, RelocatedShopDto, RelocatedShopQueryDto } from './relocated-shops.dto.js';
import { RelocatedShopsService } from './relocated-shops.service.js';

/** A firm's own relocated shops (measure 五). */
@Controller('v1/orgs/:orgId/relocated-shops')
export class OrgRelocatedShopsController {
  constructor(private readonly shops: RelocatedShopsService) {}

  @Operation('registerRelocatedShop')
  @Post()
  register(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: RelocatedShopDto,
  ): Promise<RelocatedShopView> {
    return this.shops.register(user, orgId, body);
  }

  @Operation('listOrgRelocatedShops')
  @Get()
  mine(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<RelocatedShopList> {
    return this.shops.mine(user, orgId);
  }
}

/** The register as reviewers work it, one shop, and the city's counts. */
@Controller('v1/relocated-shops')
export class RelocatedShopsController {
  constructor(private readonly shops: RelocatedShopsService) {}

  @Operation('listRelocatedShops')
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: RelocatedShopQueryDto): Promise<RelocatedShopPage> {
    return this.shops.list(user, query);
  }

  @Operation('getRelocatedShopsSummary')
  @Get('summary')
  summary(@CurrentUser() user: Principal, @Query('year') year: string): Promise<RelocatedShopsSummary> {
    return this.shops.summary(user, checkYear(year));
  }

  @Operation('getRelocatedShop')
  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<RelocatedShopView> {
    return this.shops.get(user, id);
  }

  @Operation('verifyRelocatedShop')
  @Post(':id/verify')
  @HttpCode(200)
  verify(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<RelocatedShopView> {
    return this.shops.verify(user, id);
  }

  @Operation('refuseRelocatedShop')
  @Post(':id/refuse')
  @HttpCode(200)
  refuse(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RefuseRelocatedShopDto,
  ): Promise<RelocatedShopView> {
    return this.shops.refuse(user, id, body.reason);
  }

  @Operation('resubmitRelocatedShop')
  @Post(':id/resubmit')
  @HttpCode(200)
  resubmit(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RelocatedShopDto,
  ): Promise<RelocatedShopView> {
    return this.shops.resubmit(user, id, body);
  }
}
