import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  type ParkEvaluationWorkspace,
  type PublishedParkEvaluation,
  type PublishedParkEvaluationYears,
} from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { PutParkCriteriaDto, PutParkScoresDto } from './parks.dto.js';
import { ParksService } from './parks.service.js';

/** The yearly park evaluation (第八条): published rankings for anyone, the workbench for the city. */
@Controller('v1/park-evaluations')
export class ParksController {
  constructor(private readonly parks: ParksService) {}

  @Public()
  @RateLimited('anonymous')
  @Operation('listParkEvaluations')
  @Get()
  years(): Promise<PublishedParkEvaluationYears> {
    return this.parks.publishedYears();
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('getParkEvaluation')
  @Get(':year')
  published(@Param('year') year: string): Promise<PublishedParkEvaluation> {
    return this.parks.published(checkYear(year));
  }

  @Operation('getParkEvaluationWorkspace')
  @Get(':year/workspace')
  workspace(@CurrentUser() user: Principal, @Param('year') year: string): Promise<ParkEvaluationWorkspace> {
    return this.parks.workspace(user, checkYear(year));
  }

  @Operation('putParkCriteria')
  @Put(':year/criteria')
  criteria(
    @CurrentUser() user: Principal,
    @Param('year') year: string,
    @Body() body: PutParkCriteriaDto,
  ): Promise<ParkEvaluationWorkspace> {
    return this.parks.putCriteria(user, checkYear(year), body);
  }

  @Operation('putParkScores')
  @Put(':year/parks/:orgId/scores')
  scores(
    @CurrentUser() user: Principal,
    @Param('year') year: string,
    @Param('orgId', IdPipe) orgId: number,
    @Body() body: PutParkScoresDto,
  ): Promise<ParkEvaluationWorkspace> {
    return this.parks.putScores(user, checkYear(year), orgId, body);
  }

  @Operation('publishParkEvaluation')
  @Post(':year/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: Principal, @Param('year') year: string): Promise<ParkEvaluationWorkspace> {
    return this.parks.publish(user, checkYear(year));
  }
}
