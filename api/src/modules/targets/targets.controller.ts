import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { type TargetObservationView, type TargetsDashboard } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { TargetObservationDto } from './targets.dto.js';
import { TargetsService } from './targets.service.js';

/** 目标看板: the 2023 targets of the text against the figures. */
@Controller('v1/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Operation('getTargets')
  @Get()
  dashboard(@CurrentUser() user: Principal, @Query('year') year: string): Promise<TargetsDashboard> {
    return this.targets.dashboard(user, checkYear(year));
  }

  @Operation('recordTargetObservation')
  @Post('observations')
  observe(@CurrentUser() user: Principal, @Body() body: TargetObservationDto): Promise<TargetObservationView> {
    return this.targets.observe(user, body);
  }
}
