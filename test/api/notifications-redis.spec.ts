import { builtInEditions, type Edition, type NotificationList, type ReviewView } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../../api/src/modules/access/access.service.js';
import { EditionsService } from '../../api/src/modules/editions/editions.service.js';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { OutboxEntity } from '../../api/src/modules/audit/outbox.entity.js';
import { NotificationDispatcher } from '../../api/src/modules/notifications/dispatcher.js';
import { writeNotificationEvent } from '../../api/src/modules/notifications/events.js';
import {
  NotificationDeliveryEntity,
  NotificationEntity,
  SubscriptionCreditEntity,
} from '../../api/src/modules/notifications/notification.entity.js';
import { boot, type Booted, firm } from './support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.js';
import { fillRequired } from './support/files.js';
import { demoEdition } from './support/test-env.mjs';

const REDIS_URL = process.env['REDIS_URL'];
if (!REDIS_URL)
  console.warn('notifications-redis.spec: REDIS_URL is not set, the Redis path is not tested (.ci/run sets it)');

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
const DEADLINE_MS = 30_000;

const until = async (what: string, done: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/**
 * The Redis path (BullMQ): instances on one database lease outbox rows into one queue and their
 * workers share the jobs; every event reaches the inbox once and WeChat at most once per credit,
 * when an instance stops mid-delivery and when WeChat answers 5xx.
 */
(REDIS_URL ? describe.each(ENGINES) : describe.skip.each(ENGINES))('notifications through Redis on %s', (engine) => {
  const env = {
    REDIS_URL: REDIS_URL ?? '',
    // This suite counts the events it writes; proactive matches (matching.spec.ts) would add their own.
    PROACTIVE_MATCHING: '0',
    NOTIFY_BACKOFF_MS: '50',
    NOTIFY_LOCK_MS: '1000',
    NOTIFY_CONCURRENCY: '4',
  };
  let db: TestDatabase;
  let a: Booted;
  let b: Booted;
  let n = 10;

  const dispatcher = (api: Booted): NotificationDispatcher => api.app.app.get(NotificationDispatcher);
  const ds = (): DataSource => a.app.app.get(DataSource);
  const sends = (...apis: Booted[]) => apis.flatMap((x) => x.wechat.sentMessages);
  /** Both instances lease until every outbox row is delivered or dead (their workers deliver). */
  const settle = async (...apis: Booted[]): Promise<void> =>
    until('the outbox to drain', async () => {
      await Promise.all(apis.map((x) => dispatcher(x).dispatchOnce()));
      const open = await ds()
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .where('o.delivered_at IS NULL AND o.dead_at IS NULL')
        .getCount();
      return open === 0;
    });
  const post = <T = ReviewView>(id: number, what: string, token: string, body: unknown = {}) =>
    a.call<T>('POST', `/api/v1/applications/${id}/${what}`, { token, body });
  const newFirm = async (): Promise<{ owner: string; orgId: number }> => {
    const owner = await a.login('applicant', `redis-owner-${n}`);
    const org = await a.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) });
    await a.call('PUT', `/api/v1/orgs/${org.body.id}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
    return { owner, orgId: org.body.id };
  };
  /** Credits as the phone grants them: at most ten a call. */
  const subscribe = async (token: string, templateId: string, count: number): Promise<number> => {
    let remaining = 0;
    for (let left = count; left > 0; left -= 10) {
      const reply = await a.call<{ credits: { templateId: string; remaining: number }[] }>(
        'POST',
        '/api/v1/me/subscriptions',
        {
          token,
          body: { results: Array.from({ length: Math.min(10, left) }, () => ({ templateId, answer: 'accept' })) },
        },
      );
      remaining = reply.body.credits.find((x) => x.templateId === templateId)?.remaining ?? 0;
    }
    return remaining;
  };
  /** Inbox rows per outbox event for the firm's members: every count must be 1. */
  /**
   * Inbox rows per event and user of the firm; with `keyPrefix`, only the events this suite wrote
   * (a firm's facts saved while a round is open also bring it a real proactive match).
   */
  const inboxCounts = async (orgId: number, keyPrefix?: string): Promise<number[]> => {
    const query = ds()
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .innerJoin(OutboxEntity, 'o', 'o.id = n.outbox_id')
      .select('n.outbox_id', 'outboxId')
      .addSelect('n.user_id', 'userId')
      .addSelect('COUNT(*)', 'count')
      .where('n.org_id = :orgId', { orgId });
    if (keyPrefix !== undefined) query.andWhere('o.dedupe_key LIKE :prefix', { prefix: `${keyPrefix}%` });
    const rows = await query.groupBy('n.outbox_id').addGroupBy('n.user_id').getRawMany<{ count: string | number }>();
    return rows.map((r) => Number(r.count));
  };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    a = await boot(engine, env, { database: db });
    const edition = demoEdition(builtInEditions()[0] as Edition, 2026) as Edition;
    await a.app.app.get(EditionsService).publish({
      ...edition,
      review: { ...edition.review, secondApprovalAboveFen: 1_000_000_000 },
    });
    b = await boot(engine, env, { database: db });
  });
  afterAll(async () => {
    // The suite's keys go with it (the prefix is this database's).
    await dispatcher(a).redis?.queue.obliterate({ force: true });
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('shares one queue per database between the instances', () => {
    const qa = dispatcher(a).redis;
    const qb = dispatcher(b).redis;
    expect(qa).not.toBeNull();
    expect(qa?.queue.qualifiedName).toBe(qb?.queue.qualifiedName);
    expect(qa?.queue.qualifiedName).toMatch(/^huiqi:.+:notify$/);
  });

  it('delivers the review path once each through two instances, and WeChat once per credit', async () => {
    const county = await a.login('county-reviewer', 'redis-linqing', 'linqing');
    const city = await a.login('city-reviewer', 'redis-city');
    const finance = await a.login('finance', 'redis-finance');
    const { owner, orgId } = await newFirm();
    expect(await subscribe(owner, 'tmpl-review', 2)).toBe(2);
    await settle(a, b);
    a.wechat.sentMessages.length = 0;
    b.wechat.sentMessages.length = 0;

    const draft = await a.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    const id = draft.body.id;
    await fillRequired(a, owner, orgId, id);
    expect((await post(id, 'submit', owner)).status).toBe(200);
    await settle(a, b);
    expect((await post(id, 'approve', county)).body.application.status).toBe('city-review');
    const view = (await a.call<ReviewView>('GET', `/api/v1/applications/${id}/review`, { token: city })).body;
    await a.call('PUT', `/api/v1/applications/${id}/verification`, {
      token: city,
      body: {
        conditions: view.conditions.map((c) => ({
          conditionId: c.id,
          verdict: c.status === 'review' ? 'met' : 'confirmed',
        })),
      },
    });
    expect((await post(id, 'approve', city)).body.application.status).toBe('finance-review');
    expect((await post(id, 'approve', finance)).body.application.status).toBe('notice');
    await settle(a, b);
    a.clock.advance(10 * 86_400_000);
    b.clock.advance(10 * 86_400_000);
    expect(await a.app.app.get(NoticesService).concludeDueNotices()).toContain(id);
    const finance2 = await a.login('finance', 'redis-finance');
    const paidOn = a.clock.today();
    expect((await post(id, 'payment', finance2, { voucherNo: 'PZ-R1', paidOn })).status).toBe(200);
    await settle(a, b);

    const owner2 = await a.login('applicant', `redis-owner-${n - 1}`);
    const list = (await a.call<NotificationList>('GET', '/api/v1/me/notifications?limit=100', { token: owner2 })).body;
    const mine = list.notifications.filter((x) => x.applicationId === id).reverse();
    // Jobs run side by side and deliver in any order; the inbox reads in the order things happened.
    expect(mine.map((x) => x.kind)).toEqual(['submitted', 'approved', 'notice-started', 'notice-ended', 'paid']);
    expect(mine.find((x) => x.kind === 'approved')?.body).toContain('核定奖补金额10万元');
    expect((await inboxCounts(orgId)).every((c) => c === 1)).toBe(true);
    // Four of the five use the review template; two credits: two sends, across both instances.
    expect(sends(a, b).filter((m) => m.template_id === 'tmpl-review')).toHaveLength(2);
    const credit = await ds().getRepository(SubscriptionCreditEntity).findOneByOrFail({ templateId: 'tmpl-review' });
    expect(credit.remaining).toBe(0);
  });

  it('finishes on the other instance the jobs of one that stops mid-delivery', async () => {
    const c = await boot(engine, env, { database: db });
    c.clock.current = a.clock.now();
    let cClosed = false;
    try {
      const { owner, orgId } = await newFirm();
      const EVENTS = 80;
      expect(await subscribe(owner, 'tmpl-match', EVENTS)).toBe(EVENTS);
      await settle(a, b);
      a.wechat.sentMessages.length = 0;
      b.wechat.sentMessages.length = 0;
      const outboxIds: number[] = [];
      await ds().transaction(async (m) => {
        for (let i = 0; i < EVENTS; i++)
          await writeNotificationEvent(m, {
            type: 'notification.match',
            payload: {
              orgId,
              roundId: 1,
              claimYear: 2026,
              programId: 'talent-hiring',
              programTitle: `奖补项目${i}`,
              maxAmountFen: 10_000_000,
              missingFacts: [],
              closes: '2026-12-31',
            },
            dedupeKey: `redis-test:${orgId}:${i}`,
            now: a.clock.now(),
          });
      });
      for (const row of await ds().getRepository(OutboxEntity).findBy({ orgId }))
        if (row.dedupeKey.startsWith('redis-test:')) outboxIds.push(row.id);
      // Only c leases: every job is in the queue; c's and b's workers take them, and c stops
      // as soon as the first are delivered (its running jobs finish, the waiting ones stay queued).
      expect(await dispatcher(c).dispatchOnce()).toBe(EVENTS);
      await until('the first deliveries', async () => (await inboxCounts(orgId, 'redis-test:')).length > 0);
      await c.close();
      cClosed = true;
      const afterClose = (await inboxCounts(orgId, 'redis-test:')).length;
      expect(afterClose).toBeLessThan(EVENTS);
      await settle(a, b);
      const counts = await inboxCounts(orgId, 'redis-test:');
      expect(counts).toHaveLength(EVENTS);
      expect(counts.every((x) => x === 1)).toBe(true);
      // One send per event at most, over all three fake WeChat servers; the credits spent match.
      const sent = sends(a, b, c).filter((m) => m.template_id === 'tmpl-match');
      const deliveries = await ds()
        .getRepository(NotificationDeliveryEntity)
        .createQueryBuilder('d')
        .where('d.outbox_id IN (:...outboxIds) AND d.status = :s', { outboxIds, s: 'sent' })
        .getCount();
      expect(sent).toHaveLength(EVENTS);
      expect(deliveries).toBe(EVENTS);
      expect(new Set(sent.map((m) => m.data['thing1']?.value)).size).toBe(EVENTS);
    } finally {
      if (!cClosed) await c.close();
    }
  });

  it('retries an event WeChat answered 5xx to, sending it once', async () => {
    const { owner, orgId } = await newFirm();
    expect(await subscribe(owner, 'tmpl-match', 3)).toBe(3);
    await settle(a, b);
    a.wechat.sentMessages.length = 0;
    b.wechat.sentMessages.length = 0;
    // Either instance's worker may take each attempt: both servers fail their next send.
    a.wechat.failNextSends({ http: 502 });
    b.wechat.failNextSends({ http: 503 });
    await ds().transaction((m) =>
      writeNotificationEvent(m, {
        type: 'notification.match',
        payload: {
          orgId,
          roundId: 1,
          claimYear: 2026,
          programId: 'talent-hiring',
          programTitle: '电商人才奖励',
          maxAmountFen: 10_000_000,
          missingFacts: [],
          closes: '2026-12-31',
        },
        dedupeKey: `redis-5xx:${orgId}`,
        now: a.clock.now(),
      }),
    );
    await settle(a, b);
    const row = await ds()
      .getRepository(OutboxEntity)
      .findOneByOrFail({ dedupeKey: `redis-5xx:${orgId}` });
    expect(row.deliveredAt).not.toBeNull();
    const delivery = await ds()
      .getRepository(NotificationDeliveryEntity)
      .findOneByOrFail({ outboxId: row.id, channel: 'wechat' });
    expect(delivery.status).toBe('sent');
    // At least one 5xx was met (a retry), and the send happened once.
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    expect(sends(a, b)).toHaveLength(1);
    expect(await inboxCounts(orgId, 'redis-5xx:')).toEqual([1]);
    const [userId] = await a.app.app.get(AccessService).memberIds(orgId);
    const credit = await ds()
      .getRepository(SubscriptionCreditEntity)
      .findOneByOrFail({ templateId: 'tmpl-match', userId });
    expect(credit.remaining).toBe(2);
  });
});
