import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { type ApplicationMaterials } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { AttachDto, ReviewMaterialDto } from './materials.dto.js';
import { MaterialsService } from './materials.service.js';

/** An application's material slots: the firm fills them from its library, reviewers accept or send back. */
@Controller('v1/applications/:id/materials')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Operation('listMaterials')
  @Get()
  slots(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<ApplicationMaterials> {
    return this.materials.slots(user, id);
  }

  @Operation('attachMaterial')
  @Put(':materialId')
  attach(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('materialId') materialId: string,
    @Body() body: AttachDto,
  ): Promise<ApplicationMaterials> {
    return this.materials.attach(user, id, materialId, body.fileId);
  }

  @Operation('reviewMaterial')
  @Post(':materialId/review')
  @HttpCode(200)
  review(
    @CurrentUser() user: Principal,
    @Param('id', IdPipe) id: number,
    @Param('materialId') materialId: string,
    @Body() body: ReviewMaterialDto,
  ): Promise<ApplicationMaterials> {
    return this.materials.review(user, id, materialId, body.decision, body.reason);
  }
}
