import { Inject, Injectable } from '@nestjs/common';
import {
  type MarkReadResult,
  type NotificationList,
  type NotificationQuery,
  type NotificationSettings,
  type NotificationSettingsRequest,
  type NotificationView,
  type ProgramId,
  type SubscriptionRequest,
} from '@huiqi/shared';
import { DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { type Principal } from '../../common/tokens.js';
import { type AppConfig, type TemplatePurpose } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { Transactions } from '../../database/transactions.js';
import { NotificationDispatcher } from './dispatcher.js';
import { NotificationEntity, NotificationSettingsEntity, SubscriptionCreditEntity } from './notification.entity.js';
import { isDuplicate } from '../../database/driver-errors.js';

const DEFAULT_LIMIT = 20;

/** What each template is for, as the mini-program shows it. */
const PURPOSE_LABELS: Record<TemplatePurpose, string> = {
  review: '审核进度通知',
  supplement: '补正提醒',
  payment: '资金拨付通知',
  match: '政策匹配提醒',
};

const toView = (n: NotificationEntity): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  applicationId: n.applicationId,
  programId: n.programId as ProgramId | null,
  orgId: n.orgId,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/**
 * The signed-in user's inbox, subscription credits and settings. Every row here is the caller's
 * own (user_id = the principal), so no record of anyone else's is ever read or changed; there is
 * nothing to audit that the user did not do to their own messages.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly dispatcher: NotificationDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(p: Principal, query: NotificationQuery): Promise<NotificationList> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const inbox = this.dataSource.getRepository(NotificationEntity);
    const rows = await inbox.find({
      where: {
        userId: p.userId,
        ...(query.before ? { outboxId: LessThan(query.before) } : {}),
        ...(query.unread === 'true' ? { readAt: IsNull() } : {}),
      },
      // In the order things happened (the events'), not the order they were delivered: racing
      // dispatchers and queue workers deliver one application's events in any order. An event
      // reaches a user once, so its id orders the user's inbox.
      order: { outboxId: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      notifications: page.map(toView),
      unread: await this.unread(p.userId),
      next: rows.length > limit ? (page[page.length - 1]?.outboxId ?? null) : null,
    };
  }

  /** Marks the caller's messages read (the given ones, or all); another user's ids are not theirs and stay as they are. */
  async markRead(p: Principal, ids: number[] | undefined): Promise<MarkReadResult> {
    const now = this.clock.now();
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .update(
        { userId: p.userId, readAt: IsNull(), ...(ids ? { id: In(ids.length ? ids : [0]) } : {}) },
        { readAt: now },
      );
    return { marked: result.affected ?? 0, unread: await this.unread(p.userId) };
  }

  async settings(p: Principal): Promise<NotificationSettings> {
    const templates = Object.entries(this.config.notifications.templates).map(([purpose, t]) => ({
      templateId: t.templateId,
      purpose: PURPOSE_LABELS[purpose as TemplatePurpose],
    }));
    const purposeOf = new Map(templates.map((t) => [t.templateId, t.purpose]));
    const credits = await this.dataSource
      .getRepository(SubscriptionCreditEntity)
      .find({ where: { userId: p.userId }, order: { templateId: 'ASC' } });
    const own = await this.dataSource.getRepository(NotificationSettingsEntity).findOneBy({ userId: p.userId });
    return {
      credits: credits.map((c) => ({
        templateId: c.templateId,
        purpose: purposeOf.get(c.templateId) ?? '',
        remaining: c.remaining,
      })),
      templates,
      proactiveMatches: own?.proactiveMatches ?? true,
    };
  }

  async putSettings(p: Principal, body: NotificationSettingsRequest): Promise<NotificationSettings> {
    await this.tx.run(async (m) => {
      const repo = m.getRepository(NotificationSettingsEntity);
      const row = await repo.findOne({ where: { userId: p.userId }, lock: this.tx.lock });
      if (row)
        await repo.update(
          { userId: p.userId },
          { proactiveMatches: body.proactiveMatches, updatedAt: this.clock.now() },
        );
      else
        await repo.insert({ userId: p.userId, proactiveMatches: body.proactiveMatches, updatedAt: this.clock.now() });
    });
    return this.settings(p);
  }

  /** Each `accept` is one more credit for its template (one WeChat message); other answers change nothing. */
  async recordSubscriptions(p: Principal, body: SubscriptionRequest): Promise<NotificationSettings> {
    const accepted = new Map<string, number>();
    for (const r of body.results)
      if (r.answer === 'accept') accepted.set(r.templateId, (accepted.get(r.templateId) ?? 0) + 1);
    for (const [templateId, count] of accepted) await this.addCredits(p.userId, templateId, count);
    return this.settings(p);
  }

  private async addCredits(userId: number, templateId: string, count: number): Promise<void> {
    const now = this.clock.now();
    const add = (m: EntityManager) =>
      m
        .createQueryBuilder()
        .update(SubscriptionCreditEntity)
        .set({ remaining: () => `remaining + ${count}`, updatedAt: now })
        .where('user_id = :userId AND template_id = :templateId', { userId, templateId })
        .execute();
    await this.tx.run(async (m) => {
      if ((await add(m)).affected === 1) return;
      try {
        await m
          .getRepository(SubscriptionCreditEntity)
          .insert({ userId, templateId, remaining: count, updatedAt: now });
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        await add(m);
      }
    });
  }

  private unread(userId: number): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() });
  }

  /** The users of these who turned proactive matches off. */
  proactiveOptOut(userIds: number[]): Promise<number[]> {
    return this.dispatcher.proactiveOptOut(userIds);
  }

  /** Delivers the due outbox events once (the loop's step; tests call it). */
  dispatchOnce(): Promise<number> {
    return this.dispatcher.dispatchOnce();
  }
}
