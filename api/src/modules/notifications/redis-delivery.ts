import { type Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { type LeasedEvent, type OutboxQueue } from '../audit/outbox-queue.js';

/** The queue under the configured prefix: its keys are `<prefix>:notify:…` (BullMQ refuses `:` in a name). */
export const NOTIFY_QUEUE_NAME = 'notify';

const MAX_BACKOFF_MS = 3_600_000;
/** Tries of one attempt that lost a lock race (a deadlock): delivery is idempotent, so it is run again at once. */
const LOCK_TRIES = 5;

/**
 * A transaction the database chose as a deadlock's victim, or that waited too long for a lock:
 * jobs for one user run side by side on the Redis path and race for the credit row and the
 * delivery key's gap; nothing was written, and running it again is safe.
 */
const lostLockRace = (error: unknown): boolean => {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
};

/** A job names its outbox row only: the row is the truth, read when the job runs. */
export interface NotifyJob {
  outboxId: number;
}

export interface RedisDeliveryOptions {
  url: string;
  prefix: string;
  concurrency: number;
  lockMs: number;
  maxAttempts: number;
  backoffMs: number;
  leaseMs: number;
  outbox: OutboxQueue;
  /** The dispatcher's idempotent delivery of one event (inbox once, WeChat once per credit). */
  deliver: (event: LeasedEvent) => Promise<void>;
  now: () => Date;
  logger: Logger;
}

/** The job id of an outbox row: one job per row while it exists, however many leasers add it. */
export const jobIdOf = (outboxId: number): string => `outbox-${outboxId}`;

/** The delay before attempt `attemptsMade + 1`: the in-process path's doubling, at most an hour. */
export const backoffAfter = (attemptsMade: number, backoffMs: number): number =>
  Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** Math.max(0, attemptsMade - 1));

/**
 * The Redis path (REDIS_URL): leased outbox rows become BullMQ jobs, and a worker on every instance
 * runs them with the in-process path's delivery function. The outbox stays the truth: a job only
 * names its row; a row whose job Redis lost (a flush, a job failed by stalling) comes due again when
 * its lease runs out and is added again. The job id is the row's, so two instances that lease one
 * row (a lease ran out under a slow queue) add one job while it exists; should a second job still
 * run (the first finished and was removed in between), the row is done and the job does nothing,
 * and were it not, delivery is idempotent anyway.
 */
export class RedisDelivery {
  readonly queue: Queue<NotifyJob>;
  readonly worker: Worker<NotifyJob>;
  private closed = false;

  constructor(private readonly options: RedisDeliveryOptions) {
    // Workers block on Redis: BullMQ wants commands retried without a limit (null), not failed.
    const connection = { url: options.url, maxRetriesPerRequest: null };
    this.queue = new Queue<NotifyJob>(NOTIFY_QUEUE_NAME, {
      connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: options.maxAttempts,
        backoff: { type: 'notify' },
        // The outbox row records delivery and death; Redis keeps no history, and a job removed
        // can be added again by a leaser, which is what recovers a job failed by stalling.
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
    this.worker = new Worker<NotifyJob>(NOTIFY_QUEUE_NAME, (job) => this.run(job), {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // A job whose worker died goes back to wait; a few deaths in a row, and the lease recovers it.
      maxStalledCount: 3,
      settings: { backoffStrategy: (attemptsMade: number) => backoffAfter(attemptsMade, options.backoffMs) },
    });
    const log = (what: string) => (error: Error) =>
      options.logger.warn({ msg: `notification queue: ${what}`, err: error.message });
    this.queue.on('error', log('queue error'));
    this.worker.on('error', log('worker error'));
  }

  /** Adds a job per leased event (a job already there for a row is left as it is). */
  async enqueue(events: readonly LeasedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.queue.addBulk(
      events.map((e) => ({ name: e.eventType, data: { outboxId: e.id }, opts: { jobId: jobIdOf(e.id) } })),
    );
  }

  /** One job: the row delivered, or on a failure its error recorded and, past the last attempt, dead. */
  private async run(job: Job<NotifyJob>): Promise<void> {
    const { outbox, now, maxAttempts, leaseMs, backoffMs } = this.options;
    const row = await outbox.find(job.data.outboxId);
    if (row === null || row.done) return;
    const attempt = job.attemptsMade + 1;
    const event: LeasedEvent = {
      id: row.id,
      eventType: row.eventType,
      orgId: row.orgId,
      payload: row.payload,
      dedupeKey: row.dedupeKey,
      createdAt: row.createdAt,
      attempts: attempt,
    };
    try {
      for (let tries = 1; ; tries++) {
        try {
          await this.options.deliver(event);
          break;
        } catch (error) {
          if (!lostLockRace(error) || tries >= LOCK_TRIES) throw error;
        }
      }
      await outbox.delivered(row.id, now());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = attempt >= maxAttempts;
      // Past the last attempt the row is dead; before it, its lease covers BullMQ's backoff, so no
      // leaser adds it again while the job waits to be retried.
      const at = now();
      await outbox.failed(
        row.id,
        at,
        reason,
        final ? null : new Date(at.getTime() + leaseMs + backoffAfter(attempt, backoffMs)),
      );
      if (final) this.options.logger.error({ msg: 'notification dead', outboxId: row.id, reason });
      throw error;
    }
  }

  /** Stops taking jobs, lets the running ones finish, and closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.close();
    await this.queue.close();
  }
}
