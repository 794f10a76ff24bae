import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser, Public, Roles } from '../../common/auth.js';
import { type Principal } from '../../common/tokens.js';
import { type DraftView, EditionsAdminService, type Preview } from './editions-admin.service.js';
import { CreateDraftDto, UpdateDraftDto } from './editions.dto.js';
import { checkYear } from '../facts/facts.service.js';
import { type EditionView, EditionsService, type ProgramWithWindow } from './editions.service.js';

@Controller('v1')
export class EditionsController {
  constructor(
    private readonly editions: EditionsService,
    private readonly admin: EditionsAdminService,
  ) {}

  @Public()
  @Get('editions')
  async list(): Promise<{ editions: EditionView[] }> {
    return { editions: await this.editions.list() };
  }

  @Public()
  @Get('programs')
  programs(@Query('year') year: string): Promise<{ edition: EditionView; programs: ProgramWithWindow[] }> {
    return this.editions.programs(checkYear(year));
  }

  @Roles('admin')
  @Get('editions/:id')
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<DraftView> {
    return this.admin.get(user, id);
  }

  /** Copies an edition into a new draft. */
  @Roles('admin')
  @Post('editions/:id/drafts')
  createDraft(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CreateDraftDto,
  ): Promise<DraftView> {
    return this.admin.createDraft(user, id, body.id);
  }

  @Roles('admin')
  @Patch('editions/:id')
  update(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: UpdateDraftDto): Promise<DraftView> {
    return this.admin.updateDraft(user, id, body.document);
  }

  @Roles('admin')
  @Get('editions/:id/preview')
  preview(@CurrentUser() user: Principal, @Param('id') id: string): Promise<Preview> {
    return this.admin.preview(user, id);
  }

  @Roles('admin')
  @Post('editions/:id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: Principal, @Param('id') id: string): Promise<DraftView> {
    return this.admin.publish(user, id);
  }
}
