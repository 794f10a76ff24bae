import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { NoticesService } from './notices.service.js';
import { Repeating } from '../../common/repeating.js';

/**
 * Ends the public notices whose period is over, at boot and then every NOTICE_TIMER_MS, in every
 * instance: concludeDueNotices is safe to run on several at once (each notice is concluded by
 * exactly one). NOTICE_TIMER_MS=0 turns it off (tests call concludeDueNotices themselves).
 */
@Injectable()
export class NoticeTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NoticeTimer');
  private readonly repeating: Repeating;

  constructor(
    notices: NoticesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repeating = new Repeating(
      config.noticeTimerMs,
      async (reason) => {
        const ids = await notices.concludeDueNotices();
        if (ids.length > 0) this.logger.log({ msg: 'notices concluded', reason, applicationIds: ids });
      },
      (error, reason) => this.logger.error({ msg: 'notice timer failed', reason, err: String(error) }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.noticeTimerMs === 0) return;
    await this.repeating.start({ wait: true });
  }

  onModuleDestroy(): Promise<void> {
    return this.repeating.stop();
  }
}
