import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { type ProgramCatalogue, type RoundList, type RoundView } from '@huiqi/shared';
import { checkYear } from '../facts/facts.service.js';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { CreateRoundDto, RoundQueryDto } from './rounds.dto.js';
import { RoundsService } from './rounds.service.js';

/**
 * The programs of the year's edition, each with the window of the round that takes it (the one
 * open today, else the next): what a firm can apply for and when. Here, not with the editions,
 * because the window is the rounds'.
 */
@Controller('v1/programs')
export class ProgramsController {
  constructor(private readonly rounds: RoundsService) {}

  @Public()
  @Operation('listPrograms')
  @Get()
  programs(@Query('year') year: string): Promise<ProgramCatalogue> {
    return this.rounds.programs(checkYear(year));
  }
}

/** Application rounds (申报批次): anyone reads them; city reviewers and administrators publish them. */
@Controller('v1/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Public()
  @RateLimited('anonymous')
  @Operation('listRounds')
  @Get()
  list(@Query() query: RoundQueryDto): Promise<RoundList> {
    return this.rounds.list(query);
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('getRound')
  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<RoundView> {
    return this.rounds.get(id);
  }

  @Operation('createRound')
  @Post()
  create(@CurrentUser() user: Principal, @Body() body: CreateRoundDto): Promise<RoundView> {
    return this.rounds.create(user, body);
  }
}
