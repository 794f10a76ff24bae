import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { type Multipart } from '@fastify/multipart';
import {
  COUNTIES,
  type MonthlyFiguresImportResult,
  type MonthlyFiguresList,
  type MonthlyFiguresRecord,
  type ProvinceAverages,
} from '@huiqi/shared';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { AppError } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { checkYear } from '../facts/facts.service.js';
import { cleanName, contentDisposition } from '../files/names.js';
import { IMPORT_LIMITS } from './import-format.js';
import { XLSX_TYPE } from './sheets.js';
import {
  MonthlyFeedbackQueryDto,
  MonthlyFiguresQueryDto,
  PutMonthlyFiguresDto,
  PutProvinceAveragesDto,
} from './statistics.dto.js';
import { checkCounty, checkMonth, StatisticsService } from './statistics.service.js';

const MULTIPART_ONLY = '请以 multipart/form-data 上传导入文件（字段名 file）';
const TOO_LARGE_MB = IMPORT_LIMITS.bytes / 1024 / 1024;

const tooLarge = (): AppError =>
  new AppError('FILE_TOO_LARGE', `导入文件超过${TOO_LARGE_MB}MB，请分开导入`, [
    { field: 'file', message: `导入文件不能超过${TOO_LARGE_MB}MB` },
  ]);

/** An error from reading the client's multipart body, in the user's words (as the files module answers). */
const refusal = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT')
    return new AppError('INVALID_REQUEST', '一次只能导入一个文件', [{ field: 'file', message: '只能有一个文件' }]);
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError('TOO_MANY_FIELDS', '上传的表单字段过多：只需发送一个文件（字段名 file）', [
      { field: 'file', message: '除文件外的表单字段过多' },
    ]);
  return new AppError('MALFORMED_MULTIPART', '上传的表单格式有误或内容不完整，请重新上传（字段名 file）', [
    { field: 'file', message: '无法读取上传的表单（multipart/form-data）' },
  ]);
};

/** The one file of the form, read into memory up to the import's limit. */
const receive = async (parts: AsyncIterableIterator<Multipart>): Promise<{ name: string; bytes: Buffer }> => {
  let file: { name: string; bytes: Buffer } | undefined;
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (file)
        throw new AppError('INVALID_REQUEST', '一次只能导入一个文件', [{ field: 'file', message: '只能有一个文件' }]);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > IMPORT_LIMITS.bytes) throw tooLarge();
        chunks.push(chunk);
      }
      if (part.file.truncated) throw tooLarge();
      file = { name: cleanName(part.filename), bytes: Buffer.concat(chunks) };
    }
  } catch (error) {
    throw refusal(error);
  }
  if (!file) throw new AppError('INVALID_REQUEST', '请选择要导入的文件', [{ field: 'file', message: '缺少文件' }]);
  return file;
};

/** 十二、电商运行监测 (the workbench's 运行监测). */
@Controller('v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Operation('listMonthlyFigures')
  @Get('figures')
  list(@CurrentUser() user: Principal, @Query() query: MonthlyFiguresQueryDto): Promise<MonthlyFiguresList> {
    return this.statistics.list(user, query.year);
  }

  @Operation('putMonthlyFigures')
  @Put('figures/:county/:year/:month')
  put(
    @CurrentUser() user: Principal,
    @Param('county') county: string,
    @Param('year') year: string,
    @Param('month') month: string,
    @Body() body: PutMonthlyFiguresDto,
  ): Promise<MonthlyFiguresRecord> {
    return this.statistics.put(user, checkCounty(county), checkYear(year), checkMonth(month), body);
  }

  @Operation('importMonthlyFigures')
  @Post('import')
  @HttpCode(200)
  async import(@CurrentUser() user: Principal, @Req() request: FastifyRequest): Promise<MonthlyFiguresImportResult> {
    if (!request.isMultipart())
      throw new AppError('INVALID_REQUEST', MULTIPART_ONLY, [{ field: 'file', message: '缺少文件' }]);
    const file = await receive(request.parts());
    return this.statistics.import(user, file.name, file.bytes);
  }

  @Operation('getMonthlyFiguresTemplate')
  @Get('template')
  async template(@CurrentUser() user: Principal, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.statistics.template(user), '运行监测逐月数据导入模板.xlsx');
  }

  @Operation('getMonthlyFeedback')
  @Get('feedback')
  async feedback(
    @CurrentUser() user: Principal,
    @Query() query: MonthlyFeedbackQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const county = checkCounty(query.county);
    const body = await this.statistics.feedback(user, county, query.year, query.month);
    const name = COUNTIES.find((c) => c.id === county)?.name ?? county;
    await send(reply, body, `${name}${query.year}年${query.month}月运行监测反馈.xlsx`);
  }

  @Operation('putProvinceAverages')
  @Put('averages/:year')
  putAverages(
    @CurrentUser() user: Principal,
    @Param('year') year: string,
    @Body() body: PutProvinceAveragesDto,
  ): Promise<ProvinceAverages> {
    return this.statistics.setProvinceAverages(user, checkYear(year), body);
  }
}

const send = async (reply: FastifyReply, body: Buffer, name: string): Promise<void> => {
  await reply
    .header('content-type', XLSX_TYPE)
    .header('content-length', String(body.length))
    .header('content-disposition', contentDisposition(name, true))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
};
