import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type NotificationKind } from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, shanghaiTime } from '../../common/clock.js';
import { type AppConfig, type TemplatePurpose } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { Transactions } from '../../database/transactions.js';
import { WechatSubscribeClient } from '../../wechat/subscribe.client.js';
import { AccessService } from '../access/access.service.js';
import { type LeasedEvent, OutboxQueue } from '../audit/outbox-queue.js';
import { UserAddresses } from '../auth/user-addresses.js';
import { EditionsService } from '../editions/editions.service.js';
import { type ComposeContext, type ComposedMessage, composeMessage, mayNotify } from './compose.js';
import {
  NotificationDeliveryEntity,
  NotificationEntity,
  NotificationSettingsEntity,
  SubscriptionCreditEntity,
} from './notification.entity.js';
import { isDuplicate } from '../../database/driver-errors.js';
import { RedisDelivery } from './redis-delivery.js';

const BATCH = 50;
/** Rows leased per round on the Redis path: leasing only adds jobs, so a round can take more. */
const REDIS_BATCH = 500;
const MAX_BACKOFF_MS = 3_600_000;

/** Which template each kind of message uses. */
export const PURPOSE_OF: Record<NotificationKind, TemplatePurpose> = {
  submitted: 'review',
  returned: 'supplement',
  'material-rejected': 'supplement',
  approved: 'review',
  'notice-started': 'review',
  'notice-ended': 'review',
  'objection-filed': 'review',
  'objection-decided': 'review',
  rejected: 'review',
  paid: 'payment',
  'supplement-due': 'supplement',
  'round-closing': 'match',
  match: 'match',
  referral: 'review',
  'relocated-shop': 'review',
  whitelist: 'review',
};

/** What an application event's payload names (the others' fields are absent). */
interface EventIds {
  orgId?: number;
  applicationId?: number | null;
  programId?: string | null;
  claimYear?: number;
  materialId?: string;
}

/** A send WeChat did not take and may take later: the event is retried. */
class RetryLater extends Error {}

/** WeChat's `thing` fields hold at most 20 characters. */
const thing = (text: string): string => (text.length <= 20 ? text : `${text.slice(0, 19)}…`);

/**
 * Delivers the outbox's events: each due event is leased (OutboxQueue), composed into its Chinese
 * message, written to each member's inbox (once: the unique outbox×user key) and sent to WeChat
 * where the member holds a credit (once: the unique outbox×channel×user delivery row, written with
 * the credit's decrement in one transaction). A failure leaves the event for a later attempt,
 * backing off; past the limit it is dead. Every step is safe to repeat, so a dispatcher that dies
 * mid-event, or two that race, deliver each message once.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NotificationDispatcher');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();
  readonly wechat: WechatSubscribeClient;
  /** The Redis path's queue and worker (REDIS_URL); null: events are delivered in process. */
  redis: RedisDelivery | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly queue: OutboxQueue,
    private readonly access: AccessService,
    private readonly addresses: UserAddresses,
    private readonly editions: EditionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.wechat = new WechatSubscribeClient({
      baseUrl: config.wechat.baseUrl,
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      now: () => clock.now().getTime(),
    });
  }

  onApplicationBootstrap(): void {
    const n = this.config.notifications;
    if (n.redisUrl !== null)
      // The worker runs on every instance whatever the interval: it waits on Redis, not on a timer.
      this.redis = new RedisDelivery({
        url: n.redisUrl,
        prefix: n.queuePrefix,
        concurrency: n.concurrency,
        lockMs: n.lockMs,
        maxAttempts: n.maxAttempts,
        backoffMs: n.backoffMs,
        leaseMs: n.leaseMs,
        outbox: this.queue,
        deliver: (event) => this.deliver(event),
        now: () => this.clock.now(),
        logger: this.logger,
      });
    if (n.intervalMs === 0) return;
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    // Running jobs finish (the database is still open: it closes after the modules); waiting ones
    // stay in Redis for the other instances.
    await this.redis?.close();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const run = this.dispatchAll().catch((error: unknown) =>
        this.logger.error({ msg: 'notification dispatch failed', err: String(error) }),
      );
      this.running = run;
      void run.then(() => this.schedule());
    }, this.config.notifications.intervalMs);
    this.timer.unref();
  }

  /** Rounds until one finds less than a batch due (a backlog is worked off without waiting an interval). */
  private async dispatchAll(): Promise<void> {
    const batch = this.redis ? REDIS_BATCH : BATCH;
    while (!this.stopped && (await this.dispatchOnce()) >= batch);
  }

  /**
   * Leases the due events (up to a batch) and delivers them, or on the Redis path adds a job for
   * each (the workers deliver): how many it delivered, or added.
   */
  async dispatchOnce(): Promise<number> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.notifications.leaseMs);
    const redis = this.redis;
    if (redis) {
      const leased: LeasedEvent[] = [];
      for (const { id, attempts } of await this.queue.due(now, REDIS_BATCH)) {
        const event = await this.queue.lease(id, attempts, now, until);
        if (event) leased.push(event);
      }
      // Should adding fail (Redis away), the leases run out and the rows are leased again.
      await redis.enqueue(leased);
      return leased.length;
    }
    let delivered = 0;
    for (const { id, attempts } of await this.queue.due(now, BATCH)) {
      const event = await this.queue.lease(id, attempts, now, until);
      if (event && (await this.process(event))) delivered += 1;
    }
    return delivered;
  }

  /** Delivers one leased event; records the outcome on the outbox. True when delivered. */
  async process(event: LeasedEvent): Promise<boolean> {
    try {
      await this.deliver(event);
      await this.queue.delivered(event.id, this.clock.now());
      return true;
    } catch (error) {
      const now = this.clock.now();
      const reason = error instanceof Error ? error.message : String(error);
      const { maxAttempts, backoffMs } = this.config.notifications;
      const retryAt =
        event.attempts >= maxAttempts
          ? null
          : new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (event.attempts - 1)));
      await this.queue.failed(event.id, now, reason, retryAt);
      if (retryAt === null) this.logger.error({ msg: 'notification dead', outboxId: event.id, reason });
      return false;
    }
  }

  /**
   * Inbox and WeChat for every recipient; throws RetryLater when a send should be tried again.
   * Both paths run this: safe to repeat, and `event.attempts` is the attempt it is (the last one
   * gives up on a send WeChat did not take).
   */
  private async deliver(event: LeasedEvent): Promise<void> {
    if (!mayNotify(event.eventType)) return;
    const ids = (event.payload ?? {}) as EventIds;
    const message = composeMessage(event.eventType, event.payload, await this.context(ids));
    const orgId = event.orgId ?? ids.orgId ?? null;
    if (message === null || orgId === null) return;
    let recipients = await this.access.memberIds(orgId);
    if (message.kind === 'match') {
      const optedOut = new Set(await this.proactiveOptOut(recipients));
      recipients = recipients.filter((u) => !optedOut.has(u));
    }
    let retry: string | null = null;
    for (const userId of recipients) {
      await this.toInbox(event, orgId, ids, message, userId);
      const outcome = await this.toWechat(event, message, ids, userId);
      if (outcome !== null) retry = outcome;
    }
    if (retry !== null) throw new RetryLater(retry);
  }

  private async context(ids: EventIds): Promise<ComposeContext> {
    if (ids.claimYear === undefined || !ids.programId) return { programTitle: ids.programId ?? '' };
    try {
      const edition = await this.editions.forYear(ids.claimYear);
      const program = (
        edition.programs as Record<string, { title: string; materials?: { id: string; name: string }[] } | undefined>
      )[ids.programId];
      const material = ids.materialId ? program?.materials?.find((m) => m.id === ids.materialId) : undefined;
      return { programTitle: program?.title ?? ids.programId, ...(material ? { materialTitle: material.name } : {}) };
    } catch {
      return { programTitle: ids.programId };
    }
  }

  /** The users of these who turned proactive matches off. */
  async proactiveOptOut(userIds: number[]): Promise<number[]> {
    if (userIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(NotificationSettingsEntity)
      .createQueryBuilder('s')
      .where('s.user_id IN (:...userIds) AND s.proactive_matches = :off', { userIds, off: false })
      .getMany();
    return rows.map((r) => r.userId);
  }

  private async toInbox(
    event: LeasedEvent,
    orgId: number,
    ids: EventIds,
    message: ComposedMessage,
    userId: number,
  ): Promise<void> {
    const inbox = this.dataSource.getRepository(NotificationEntity);
    if (await inbox.existsBy({ outboxId: event.id, userId })) return;
    try {
      await this.tx.run((m) =>
        m.getRepository(NotificationEntity).insert({
          userId,
          orgId,
          applicationId: ids.applicationId ?? null,
          programId: ids.programId ?? null,
          kind: message.kind,
          title: message.title,
          body: message.body,
          outboxId: event.id,
          createdAt: this.clock.now(),
          readAt: null,
        }),
      );
    } catch (error) {
      // Another dispatcher wrote it first: the message is there once, which is the point.
      if (!isDuplicate(error)) throw error;
    }
  }

  /**
   * The WeChat send of one event to one user, at most once: the delivery row (with the credit it
   * spends) is written before the send, in one transaction; a `pending` row is the only one ever
   * sent (again, after a failure WeChat did not take). Returns a reason to retry the event, or null.
   */
  private async toWechat(
    event: LeasedEvent,
    message: ComposedMessage,
    ids: EventIds,
    userId: number,
  ): Promise<string | null> {
    const template = this.config.notifications.templates[PURPOSE_OF[message.kind]];
    const openid = await this.addresses.openidOf(userId);
    const now = this.clock.now();
    const delivery = await this.tx
      .run(async (m): Promise<NotificationDeliveryEntity | null> => {
        const deliveries = m.getRepository(NotificationDeliveryEntity);
        const existing = await deliveries.findOne({
          where: { outboxId: event.id, channel: 'wechat', userId },
          lock: this.tx.lock,
        });
        if (existing) return existing;
        const skip = (lastError: string) =>
          insertDelivery(m, {
            outboxId: event.id,
            userId,
            templateId: template.templateId,
            status: 'skipped',
            lastError,
            now,
          });
        if (openid === null) return skip('no openid');
        const spent = await m
          .createQueryBuilder()
          .update(SubscriptionCreditEntity)
          .set({ remaining: () => 'remaining - 1', updatedAt: now })
          .where('user_id = :userId AND template_id = :templateId AND remaining > 0', {
            userId,
            templateId: template.templateId,
          })
          .execute();
        if (spent.affected !== 1) return skip('no credit');
        return insertDelivery(m, {
          outboxId: event.id,
          userId,
          templateId: template.templateId,
          status: 'pending',
          lastError: null,
          now,
        });
      })
      .catch((error: unknown) => {
        // Another dispatcher wrote the row first (its lease ran out under a slow one): it sends.
        if (isDuplicate(error)) return null;
        throw error;
      });
    if (delivery === null || delivery.status !== 'pending' || openid === null) return null;

    const outcome = await this.wechat.sendSubscribeMessage({
      touser: openid,
      templateId: template.templateId,
      page: ids.applicationId ? `subpackages/apply/detail/index?id=${ids.applicationId}` : 'pages/messages/index',
      data: {
        [template.fields.title]: thing(message.title),
        [template.fields.body]: thing(message.body),
        [template.fields.date]: shanghaiTime(this.clock.now()).slice(0, 16),
      },
    });
    const deliveries = this.dataSource.getRepository(NotificationDeliveryEntity);
    const attempts = delivery.attempts + 1;
    switch (outcome.outcome) {
      case 'sent':
        await deliveries.update(
          { id: delivery.id },
          { status: 'sent', attempts, sentAt: this.clock.now(), lastError: null },
        );
        return null;
      case 'refused':
        // WeChat holds no subscription for it: our count was wrong; the inbox has the message.
        await this.tx.run(async (m) => {
          await m
            .getRepository(NotificationDeliveryEntity)
            .update({ id: delivery.id }, { status: 'skipped', attempts, lastError: `errcode ${outcome.errcode}` });
          await m
            .getRepository(SubscriptionCreditEntity)
            .update({ userId, templateId: template.templateId }, { remaining: 0, updatedAt: this.clock.now() });
        });
        return null;
      case 'failed':
        if (outcome.retryable && event.attempts < this.config.notifications.maxAttempts) {
          await deliveries.update({ id: delivery.id }, { attempts, lastError: outcome.reason });
          return `wechat: ${outcome.reason}`;
        }
        await deliveries.update({ id: delivery.id }, { status: 'failed', attempts, lastError: outcome.reason });
        return null;
    }
  }
}

const insertDelivery = async (
  m: EntityManager,
  d: {
    outboxId: number;
    userId: number;
    templateId: string;
    status: 'pending' | 'skipped';
    lastError: string | null;
    now: Date;
  },
): Promise<NotificationDeliveryEntity> => {
  const deliveries = m.getRepository(NotificationDeliveryEntity);
  return deliveries.save(
    deliveries.create({
      outboxId: d.outboxId,
      channel: 'wechat',
      userId: d.userId,
      templateId: d.templateId,
      status: d.status,
      attempts: 0,
      lastError: d.lastError,
      sentAt: null,
      createdAt: d.now,
    }),
  );
};
