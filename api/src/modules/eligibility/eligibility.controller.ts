import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { type CommendationsResponse, type EvaluationResponse } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { EligibilityService } from './eligibility.service.js';

@Controller('v1')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  /**
   * The evaluation contract, open to anyone. The body is taken as it came (`unknown`) and
   * validated by the shared contract's own parser, which names every offending field.
   */
  @Public()
  @RateLimited('anonymous')
  @Operation('evaluateEligibility')
  @Post('eligibility')
  @HttpCode(200)
  evaluate(@Body() body: unknown): Promise<EvaluationResponse> {
    return this.eligibility.evaluate(body);
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('rankCommendations')
  @Post('commendations')
  @HttpCode(200)
  commendations(@Body() body: unknown): Promise<CommendationsResponse> {
    return this.eligibility.commendations(body);
  }

  @Operation('getOrgEligibility')
  @Get('orgs/:orgId/eligibility')
  forOrg(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
  ): Promise<EvaluationResponse> {
    return this.eligibility.forOrg(user, orgId, checkYear(year));
  }
}
