import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { type HireRoster, type StreamerRoster } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { HireRowDto, StreamerRowDto, UpdateHireRowDto, UpdateStreamerRowDto } from './rosters.dto.js';
import { RostersService } from './rosters.service.js';

/** 第九条's talent rosters of a firm: hires (e-commerce firms) and streamers (training institutions). */
@Controller('v1/orgs/:orgId/rosters')
export class RostersController {
  constructor(private readonly rosters: RostersService) {}

  @Operation('getHireRoster')
  @Get('hires')
  hires(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
  ): Promise<HireRoster> {
    return this.rosters.hires(user, orgId, checkYear(year));
  }

  @Operation('addHire')
  @Post('hires')
  addHire(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
    @Body() body: HireRowDto,
  ): Promise<HireRoster> {
    return this.rosters.addHire(user, orgId, checkYear(year), body);
  }

  @Operation('updateHire')
  @Put('hires/:rowId')
  updateHire(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Param('rowId', IdPipe) rowId: number,
    @Body() body: UpdateHireRowDto,
  ): Promise<HireRoster> {
    return this.rosters.updateHire(user, orgId, rowId, body);
  }

  @Operation('removeHire')
  @Delete('hires/:rowId')
  removeHire(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Param('rowId', IdPipe) rowId: number,
  ): Promise<HireRoster> {
    return this.rosters.removeHire(user, orgId, rowId);
  }

  @Operation('getStreamerRoster')
  @Get('streamers')
  streamers(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
  ): Promise<StreamerRoster> {
    return this.rosters.streamers(user, orgId, checkYear(year));
  }

  @Operation('addStreamer')
  @Post('streamers')
  addStreamer(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Query('year') year: string,
    @Body() body: StreamerRowDto,
  ): Promise<StreamerRoster> {
    return this.rosters.addStreamer(user, orgId, checkYear(year), body);
  }

  @Operation('updateStreamer')
  @Put('streamers/:rowId')
  updateStreamer(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Param('rowId', IdPipe) rowId: number,
    @Body() body: UpdateStreamerRowDto,
  ): Promise<StreamerRoster> {
    return this.rosters.updateStreamer(user, orgId, rowId, body);
  }

  @Operation('removeStreamer')
  @Delete('streamers/:rowId')
  removeStreamer(
    @CurrentUser() user: Principal,
    @Param('orgId', IdPipe) orgId: number,
    @Param('rowId', IdPipe) rowId: number,
  ): Promise<StreamerRoster> {
    return this.rosters.removeStreamer(user, orgId, rowId);
  }
}
