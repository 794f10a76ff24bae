import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { type CommendationPublication, type CommendationsDraft, type PublishedCommendationYears } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { PublishCommendationsDto } from './commendations.dto.js';
import { CommendationsService } from './commendations.service.js';

/** 通报表扬 (一、四、五): the city computes and publishes; anyone reads what was published. */
@Controller('v1/commendations')
export class CommendationsController {
  constructor(private readonly commendations: CommendationsService) {}

  @Operation('draftCommendations')
  @Get('draft')
  draft(@CurrentUser() user: Principal, @Query('year') year: string): Promise<CommendationsDraft> {
    return this.commendations.draft(user, checkYear(year));
  }

  @Operation('publishCommendations')
  @Post('publications')
  publish(@CurrentUser() user: Principal, @Body() body: PublishCommendationsDto): Promise<CommendationPublication> {
    return this.commendations.publish(user, body.year);
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('listPublishedCommendations')
  @Get('publications')
  years(): Promise<PublishedCommendationYears> {
    return this.commendations.years();
  }

  @Public()
  @RateLimited('anonymous')
  @Operation('getPublishedCommendations')
  @Get('publications/:year')
  published(@Param('year') year: string): Promise<CommendationPublication> {
    return this.commendations.published(checkYear(year));
  }
}
