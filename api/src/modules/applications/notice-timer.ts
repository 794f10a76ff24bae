import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { NoticesService } from './notices.service.js';

/**
 * Ends the public notices whose period is over, at boot and then every NOTICE_TIMER_MS, in every
 * instance: concludeDueNotices is safe to run on several at once (each notice is concluded by
 * exactly one). NOTICE_TIMER_MS=0 turns it off (tests call concludeDueNotices themselves).
 */
@Injectable()
export class NoticeTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NoticeTimer');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly notices: NoticesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.noticeTimerMs === 0) return;
    await this.run('boot');
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // Let a running conclusion finish before the database closes under it.
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    // One run after the other (a timeout, not an interval): a slow run never overlaps the next.
    this.timer = setTimeout(() => void this.run('scheduled').then(() => this.schedule()), this.config.noticeTimerMs);
    // A pending run never keeps the process alive.
    this.timer.unref();
  }

  private run(reason: 'boot' | 'scheduled'): Promise<void> {
    const run = this.notices.concludeDueNotices().then(
      (ids) => {
        if (ids.length > 0) this.logger.log({ msg: 'notices concluded', reason, applicationIds: ids });
      },
      (error: unknown) => this.logger.error({ msg: 'notice timer failed', reason, err: String(error) }),
    );
    this.running = run;
    return run;
  }
}
