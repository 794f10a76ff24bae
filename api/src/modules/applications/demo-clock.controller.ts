import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type DemoClockAdvance, type DemoClockView } from '@huiqi/shared';
import { CurrentUser, Public } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { RateLimited } from '../../common/rate-limit.js';
import { type Principal } from '../../common/tokens.js';
import { DemoClockService } from './demo-clock.service.js';
import { AdvanceDemoClockDto } from './review.dto.js';

/** 演示时钟: the API's today; moved forward only in a demo. */
@Controller('v1/demo/clock')
export class DemoClockController {
  constructor(private readonly clock: DemoClockService) {}

  @Public()
  @RateLimited('anonymous')
  @Operation('getDemoClock')
  @Get()
  read(): Promise<DemoClockView> {
    return Promise.resolve(this.clock.read());
  }

  @Operation('advanceDemoClock')
  @Post()
  @HttpCode(200)
  advance(@CurrentUser() user: Principal, @Body() body: AdvanceDemoClockDto): Promise<DemoClockAdvance> {
    return this.clock.advance(user, body);
  }
}
