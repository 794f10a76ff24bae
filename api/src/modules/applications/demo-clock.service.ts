import { Inject, Injectable } from '@nestjs/common';
import { type AdvanceDemoClockRequest, type DemoClockAdvance, type DemoClockView } from '@huiqi/shared';
import { Clock, isAdvanceable } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { AccessService } from '../access/access.service.js';
import { NoticesService } from './notices.service.js';

const DAY_MS = 86_400_000;

/**
 * 演示时钟 (`npm start` only): the API's today for anyone, and for the administrator of a demo a way
 * to move it forward so a notice period's working days pass in a minute; the notices that end with it
 * are concluded at once, as the notice timer would on its next run. Production has no demo clock
 * (the configuration refuses DEMO_CLOCK there): moving it answers 404.
 */
@Injectable()
export class DemoClockService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly notices: NoticesService,
  ) {}

  private view(): DemoClockView {
    const now = this.clock.now();
    return {
      enabled: this.config.demoClock && isAdvanceable(this.clock),
      now: now.toISOString(),
      today: this.clock.today(),
      offsetDays: Math.max(0, Math.round((now.getTime() - Date.now()) / DAY_MS)),
    };
  }

  read(): DemoClockView {
    return this.view();
  }

  async advance(principal: Principal, request: AdvanceDemoClockRequest): Promise<DemoClockAdvance> {
    const clock = this.clock;
    if (!this.config.demoClock || !isAdvanceable(clock))
      throw new AppError('NOT_FOUND', '演示时钟未开启：只有演示环境（npm start）可以快进日期');
    await this.access.requireAccess(principal, 'clock.advance', { kind: 'service' });
    clock.advance(request.days * DAY_MS);
    const concluded = await this.notices.concludeDueNotices();
    return { ...this.view(), concluded };
  }
}
