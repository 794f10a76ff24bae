import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { type EditionDocument, type EditionList, type EditionPreview } from '@huiqi/shared';
import { CurrentUser, Public, Roles } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { type Principal } from '../../common/tokens.js';
import { EditionsAdminService } from './editions-admin.service.js';
import { CreateDraftDto, UpdateDraftDto } from './editions.dto.js';
import { EditionsService } from './editions.service.js';

@Controller('v1')
export class EditionsController {
  constructor(
    private readonly editions: EditionsService,
    private readonly admin: EditionsAdminService,
  ) {}

  @Public()
  @Operation('listEditions')
  @Get('editions')
  async list(): Promise<EditionList> {
    return { editions: await this.editions.list() };
  }

  @Roles('admin')
  @Operation('getEdition')
  @Get('editions/:id')
  get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EditionDocument> {
    return this.admin.get(user, id);
  }

  /** Copies an edition into a new draft. */
  @Roles('admin')
  @Operation('createEditionDraft')
  @Post('editions/:id/drafts')
  createDraft(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: CreateDraftDto,
  ): Promise<EditionDocument> {
    return this.admin.createDraft(user, id, body.id);
  }

  @Roles('admin')
  @Operation('updateEditionDraft')
  @Patch('editions/:id')
  update(
    @CurrentUser() user: Principal,
    @Param('id') id: string,
    @Body() body: UpdateDraftDto,
  ): Promise<EditionDocument> {
    return this.admin.updateDraft(user, id, body.document);
  }

  @Roles('admin')
  @Operation('previewEdition')
  @Get('editions/:id/preview')
  preview(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EditionPreview> {
    return this.admin.preview(user, id);
  }

  @Roles('admin')
  @Operation('publishEdition')
  @Post('editions/:id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: Principal, @Param('id') id: string): Promise<EditionDocument> {
    return this.admin.publish(user, id);
  }
}
