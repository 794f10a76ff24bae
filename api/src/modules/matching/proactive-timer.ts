import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { Repeating } from '../../common/repeating.js';
import { MatchingService } from './matching.service.js';

/**
 * At boot and then every PROACTIVE_TIMER_MS (a day by default), in every instance: screens the
 * open rounds no screening has finished for (a round that opened today, or one whose screening a
 * crash cut short) and writes the day's reminders. Safe on several instances at once: every event
 * has its dedupe key. PROACTIVE_TIMER_MS=0 turns it off (tests call the work themselves).
 */
@Injectable()
export class ProactiveTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ProactiveTimer');
  private readonly repeating: Repeating;

  constructor(
    private readonly matching: MatchingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repeating = new Repeating(
      config.proactiveTimerMs,
      async (reason) => {
        const done = await this.runOnce();
        if (done.rounds + done.supplement + done.closing > 0)
          this.logger.log({ msg: 'proactive matching', reason, ...done });
      },
      (error, reason) => this.logger.error({ msg: 'proactive timer failed', reason, err: String(error) }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.proactiveTimerMs === 0) return;
    // Not awaited: screening the city must not hold up the boot.
    await this.repeating.start({ wait: false });
  }

  onModuleDestroy(): Promise<void> {
    return this.repeating.stop();
  }

  /** The timer's work, once: what tests call. */
  async runOnce(): Promise<{ rounds: number; supplement: number; closing: number }> {
    const rounds = await this.matching.matchOpenRounds();
    const reminders = await this.matching.sendReminders();
    return { rounds: rounds.length, ...reminders };
  }
}
