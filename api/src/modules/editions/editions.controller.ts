import { Controller, Get, Query } from '@nestjs/common';
import { Public } from '../../common/auth.js';
import { checkYear } from '../facts/facts.service.js';
import { type EditionView, EditionsService, type ProgramWithWindow } from './editions.service.js';

@Controller('v1')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

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
}
