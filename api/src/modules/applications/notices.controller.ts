import { Body, Controller, Get, Param, Post, Query, HttpCode } from '@nestjs/common';
import { type ObjectionView, type PublicNoticeList } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { NoticesService } from './notices.service.js';
import { ObjectionDto, ObjectionRulingDto, PublicNoticeQueryDto } from './review.dto.js';

/** Public notice (公示) and objections (异议). */
@Controller('v1')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Public()
  @RateLimited('anonymous')
  @Operation('listPublicNotices')
  @Get('public/notices')
  list(@Query() query: PublicNoticeQueryDto): Promise<PublicNoticeList> {
    return this.notices.list(query);
  }

  @Operation('fileObjection')
  @Post('applications/:id/objections')
  file(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: ObjectionDto,
  ): Promise<ObjectionView> {
    return this.notices.file(user, id, body);
  }

  @Operation('ruleObjection')
  @Post('objections/:id/ruling')
  @HttpCode(200)
  rule(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: ObjectionRulingDto,
  ): Promise<ObjectionView> {
    return this.notices.rule(user, id, body);
  }
}
