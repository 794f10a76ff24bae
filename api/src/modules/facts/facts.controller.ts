import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { type FactHistory, type FactsView } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { PutFactsDto } from './facts.dto.js';
import { checkYear, FactsService } from './facts.service.js';

@Controller('v1/orgs/:orgId/facts')
export class FactsController {
  constructor(private readonly facts: FactsService) {}

  @Operation('getFacts')
  @Get()
  get(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
  ): Promise<FactsView> {
    return this.facts.get(user, orgId, checkYear(year));
  }

  @Operation('putFacts')
  @Put()
  put(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
    @Body() body: PutFactsDto,
  ): Promise<FactsView> {
    return this.facts.put(user, orgId, checkYear(year), body.facts, body.provenance ?? 'self-declared');
  }

  @Operation('getFactHistory')
  @Get('history')
  async history(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
  ): Promise<FactHistory> {
    return { changes: await this.facts.history(user, orgId, checkYear(year)) };
  }
}
