import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type FileLibrary, type FileLink, type FileView, type UploadResult } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { AppError } from '../../common/errors.js';
import { IdPipe } from '../../common/id.pipe.js';
import { type Principal } from '../../common/tokens.js';
import { displayName, FilesService } from './files.service.js';
import { contentDisposition } from './names.js';

@Controller('v1')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** Multipart upload of one file (field `file`) into the firm's library. */
  @Operation('uploadFile')
  @Post('files')
  async upload(
    @CurrentUser() user: Principal,
    @Query('orgId', IdPipe) orgId: number,
    @Req() request: FastifyRequest,
  ): Promise<UploadResult> {
    if (!request.isMultipart())
      throw new AppError('INVALID_REQUEST', '请以 multipart/form-data 上传文件（字段名 file）', [
        { field: 'file', message: '缺少文件' },
      ]);
    return this.files.upload(user, orgId, request.parts());
  }

  @Operation('listOrgFiles')
  @Get('orgs/:orgId/files')
  async library(@CurrentUser() user: Principal, @Param('orgId', IdPipe) orgId: number): Promise<FileLibrary> {
    return { files: await this.files.library(user, orgId) };
  }

  @Operation('getFile')
  @Get('files/:id')
  get(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<FileView> {
    return this.files.get(user, id);
  }

  /** A signed link valid for a few minutes, for clients that cannot send the token. */
  @Operation('createFileLink')
  @Post('files/:id/link')
  @HttpCode(200)
  link(@CurrentUser() user: Principal, @Param('id', IdPipe) id: number): Promise<FileLink> {
    return this.files.link(user, id);
  }

  @Public()
  @Operation('getFileContent')
  @Get('files/:id/content')
  async content(
    @Param('id', IdPipe) id: number,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Query('download') download: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.files.open(id, expires, signature);
    await reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(displayName(file), download === '1'))
      .header('cache-control', 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(stream);
  }
}
