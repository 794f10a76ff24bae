import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { RateLimitedError } from '../../common/rate-limit.js';
import { LoginThrottleEntity } from './login-throttle.entity.js';

/** Attempts a username may fail from one address before each next one must wait. */
export const FREE_ATTEMPTS = 5;
/** The wait after the last free attempt fails; it doubles with each failure after that. */
export const FIRST_DELAY_SECONDS = 60;
export const MAX_DELAY_SECONDS = 3600;
/** A count nobody has added to for this long starts again (and its row is deleted). */
export const FORGET_AFTER_SECONDS = 24 * 3600;

/** How long the attempt after failure number `failures` must wait, in seconds. */
export const delayAfter = (failures: number): number =>
  failures < FREE_ATTEMPTS ? 0 : Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);

/**
 * Slows password guessing per username and client address, with growing delays instead of a
 * lock: someone failing at `admin` from one address delays only themselves, never the real
 * administrator signing in from another, and an unknown username is counted exactly like a
 * known one. Counts are rows in the database, so every instance shares them without Redis.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(LoginThrottleEntity);
  }

  keyOf(username: string, address: string): string {
    return createHash('sha256').update(`staff-sign-in\n${username}\n${address}`).digest('hex');
  }

  /**
   * Claims one attempt, counted as a failure until `succeeded` says otherwise, or throws
   * RateLimitedError while the count's delay runs. The claim is a compare-and-set on the count
   * before the slow password check: counted only afterwards, a burst of concurrent guesses would
   * all read the same count, all be checked, and each write back the same total, so the delay
   * would never bite. Here each guess of a burst claims its own number, or waits.
   */
  async claim(key: string): Promise<void> {
    const now = this.clock.now();
    for (let round = 0; round < 20; round++) {
      const row = await this.rows.findOneBy({ throttleKey: key });
      if (!row) {
        await this.rows
          .createQueryBuilder()
          .insert()
          .values({ throttleKey: key, failures: 0, nextAttemptAt: null, lastAttemptAt: now })
          .orIgnore()
          .execute();
        continue;
      }
      const forgotten = row.lastAttemptAt.getTime() <= now.getTime() - FORGET_AFTER_SECONDS * 1000;
      if (!forgotten && row.nextAttemptAt && row.nextAttemptAt > now)
        throw new RateLimitedError(Math.ceil((row.nextAttemptAt.getTime() - now.getTime()) / 1000), '登录尝试');
      const failures = (forgotten ? 0 : row.failures) + 1;
      const wait = delayAfter(failures);
      const claimed = await this.rows.update(
        { id: row.id, failures: row.failures },
        { failures, nextAttemptAt: wait ? new Date(now.getTime() + wait * 1000) : null, lastAttemptAt: now },
      );
      if (claimed.affected) return;
    }
    // Lost the race twenty times: a burst at this very username and address, which can wait.
    throw new RateLimitedError(1, '登录尝试');
  }

  /** The right password: the count for this username and address starts again. */
  async succeeded(key: string): Promise<void> {
    await this.rows.delete({ throttleKey: key });
  }

  /** Forgets counts nobody has added to for a day, so the table holds recent attempts only. */
  async prune(): Promise<void> {
    await this.rows.delete({
      lastAttemptAt: LessThan(new Date(this.clock.now().getTime() - FORGET_AFTER_SECONDS * 1000)),
    });
  }
}
