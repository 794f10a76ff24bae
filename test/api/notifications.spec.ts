import {
  builtInEditions,
  type Edition,
  type NotificationList,
  type NotificationSettings,
  type ReviewView,
} from '@huiqi/shared';
import { EditionsService } from '../../api/src/modules/editions/editions.service.js';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { NotificationsService } from '../../api/src/modules/notifications/notifications.service.js';
import { NotificationDispatcher } from '../../api/src/modules/notifications/dispatcher.js';
import { OutboxQueue } from '../../api/src/modules/audit/outbox-queue.js';
import { MatchingService } from '../../api/src/modules/matching/matching.service.js';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';
import { demoEdition } from './support/test-env.mjs';

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
const REVIEW_TEMPLATE = 'tmpl-review';

/**
 * Every status change of the review path reaches the firm's inbox once, in Chinese, and WeChat at
 * most once per credit: with two dispatchers racing, a dispatcher dying mid-lease, and WeChat's faults.
 */
describe.each(ENGINES)('notifications on %s', (engine) => {
  let api: Booted;
  let county: string;
  let city: string;
  let finance: string;
  let n = 60;

  const service = (): NotificationsService => api.app.app.get(NotificationsService);
  /** Dispatches until nothing is due (a deadline, never a sleep). */
  const drain = async (): Promise<void> => {
    // Proactive matching hears of facts saved while a round is open and writes its events after the
    // change commits: wait for it, so what is drained does not depend on timing.
    await api.app.app.get(MatchingService).idle();
    for (let i = 0; i < 50; i++) if ((await service().dispatchOnce()) === 0) return;
    throw new Error('outbox never drained');
  };
  /** The caller's inbox; proactive matches (政策找企业, matching.spec.ts) left out: this suite is about the review path. */
  const inbox = async (token: string) => {
    const list = (await api.call<NotificationList>('GET', '/api/v1/me/notifications?limit=100', { token })).body;
    return { ...list, notifications: list.notifications.filter((x) => x.kind !== 'match') };
  };
  const post = <T = ReviewView>(id: number, what: string, token: string, body: unknown = {}) =>
    api.call<T>('POST', `/api/v1/applications/${id}/${what}`, { token, body });

  const newFirm = async (): Promise<{ owner: string; orgId: number }> => {
    const owner = await api.login('applicant', `notify-owner-${n}`);
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) });
    await api.call('PUT', `/api/v1/orgs/${org.body.id}/facts?year=2026`, {
      token: owner,
      body: { facts: TALENT_FACTS },
    });
    return { owner, orgId: org.body.id };
  };
  const submit = async (owner: string, orgId: number): Promise<number> => {
    const draft = await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    await fillRequired(api, owner, orgId, draft.body.id);
    expect((await post(draft.body.id, 'submit', owner)).status).toBe(200);
    return draft.body.id;
  };
  const subscribe = (token: string, count: number) =>
    api.call<NotificationSettings>('POST', '/api/v1/me/subscriptions', {
      token,
      body: { results: Array.from({ length: count }, () => ({ templateId: REVIEW_TEMPLATE, answer: 'accept' })) },
    });

  beforeAll(async () => {
    api = await boot(engine);
    const edition = demoEdition(builtInEditions()[0] as Edition, 2026) as Edition;
    await api.app.app.get(EditionsService).publish({
      ...edition,
      review: { ...edition.review, secondApprovalAboveFen: 1_000_000_000 },
    });
  });
  const signIn = async (): Promise<void> => {
    county = await api.login('county-reviewer', 'notify-linqing', 'linqing');
    city = await api.login('city-reviewer', 'notify-city');
    finance = await api.login('finance', 'notify-finance');
  };
  beforeEach(async () => {
    await signIn();
    // Events of earlier tests (and of signing in) delivered, so each test counts only its own.
    await drain();
    api.wechat.sentMessages.length = 0;
  });
  afterAll(() => api.close());

  it('tells the firm every step of its review, once each, even with two dispatchers racing and one dying', async () => {
    const { owner, orgId } = await newFirm();
    const id = await submit(owner, orgId);
    expect((await post(id, 'approve', county)).body.application.status).toBe('city-review');
    const view = (await api.call<ReviewView>('GET', `/api/v1/applications/${id}/review`, { token: city })).body;
    await api.call('PUT', `/api/v1/applications/${id}/verification`, {
      token: city,
      body: {
        conditions: view.conditions.map((c) => ({
          conditionId: c.id,
          verdict: c.status === 'review' ? 'met' : 'confirmed',
        })),
      },
    });
    expect((await post(id, 'approve', city)).body.application.status).toBe('finance-review');

    // A dispatcher takes the events and dies before delivering any: its lease runs out, another delivers.
    const queue = api.app.app.get(OutboxQueue);
    const due = await queue.due(api.clock.now(), 100);
    expect(due.length).toBeGreaterThan(0);
    for (const d of due)
      expect(
        await queue.lease(d.id, d.attempts, api.clock.now(), new Date(api.clock.now().getTime() + 60_000)),
      ).not.toBeNull();
    expect(await service().dispatchOnce()).toBe(0); // leased: nobody else takes them
    api.clock.advance(61_000);
    await signIn();

    expect((await post(id, 'approve', finance)).body.application.status).toBe('notice');
    // Two dispatchers at once (two instances): each event is taken by one.
    await Promise.all([service().dispatchOnce(), service().dispatchOnce()]);
    api.clock.advance(10 * 86_400_000);
    await signIn();
    expect(await api.app.app.get(NoticesService).concludeDueNotices()).toContain(id);
    const ownerAgain = await api.login('applicant', `notify-owner-${n - 1}`);
    expect((await post(id, 'payment', finance, { voucherNo: 'PZ-9', paidOn: api.clock.today() })).status).toBe(200);
    await Promise.all([drain(), drain()]);

    const list = await inbox(ownerAgain);
    const mine = list.notifications.filter((x) => x.applicationId === id).reverse();
    expect(mine.map((x) => [x.kind, x.title])).toEqual([
      ['submitted', '申报已提交'],
      ['approved', '市级复审通过'],
      ['notice-started', '申报进入公示'],
      ['notice-ended', '公示期满'],
      ['paid', '奖补资金已拨付'],
    ]);
    expect(mine[0]?.body).toMatch(/^您的“.+”申报已提交，等待县级初审/);
    expect(mine[1]?.body).toContain('核定奖补金额10万元');
    expect(mine[4]?.body).toContain('10万元已于2026年6月25日拨付');
    expect(list.unread).toBe(mine.length);
    // Without credits nothing went to WeChat; every delivery says why.
    expect(api.wechat.sentMessages).toHaveLength(0);

    // Marking read: one, then all; another user's ids change nothing.
    const firstId = mine[0]?.id ?? 0;
    const other = await newFirm();
    const foreign = await api.call<{ marked: number }>('POST', '/api/v1/me/notifications/read', {
      token: other.owner,
      body: { ids: [firstId] },
    });
    expect(foreign.body.marked).toBe(0);
    const one = await api.call<{ marked: number; unread: number }>('POST', '/api/v1/me/notifications/read', {
      token: ownerAgain,
      body: { ids: [firstId] },
    });
    expect(one.body).toEqual({ marked: 1, unread: mine.length - 1 });
    const all = await api.call<{ marked: number; unread: number }>('POST', '/api/v1/me/notifications/read', {
      token: ownerAgain,
      body: {},
    });
    expect(all.body).toEqual({ marked: mine.length - 1, unread: 0 });
  });

  it('tells a return with its items and deadline, and a rejection with its reason', async () => {
    const { owner, orgId } = await newFirm();
    const id = await submit(owner, orgId);
    const view = (await api.call<ReviewView>('GET', `/api/v1/applications/${id}/review`, { token: county })).body;
    const returned = await post(id, 'return', county, {
      items: [{ kind: 'condition', id: view.conditions[0]?.id ?? '', reason: '请补充社保缴纳证明' }],
    });
    expect(returned.status).toBe(200);
    await drain();
    const list = await inbox(owner);
    const msg = list.notifications.find((x) => x.kind === 'returned');
    expect(msg?.body).toMatch(/共1项需要补正，请于2026年\d+月\d+日前补正并重新提交/);
    const { owner: owner2, orgId: org2 } = await newFirm();
    const id2 = await submit(owner2, org2);
    expect((await post(id2, 'reject', county, { reason: '培训人数不实' })).status).toBe(200);
    await drain();
    expect((await inbox(owner2)).notifications.find((x) => x.kind === 'rejected')?.body).toContain(
      '原因：培训人数不实',
    );
    // A material sent back names the material as the firm knows it, and the reason.
    const { owner: owner3, orgId: org3 } = await newFirm();
    const id3 = await submit(owner3, org3);
    const materials = await api.call<{ materials: { id: string; name: string; current: unknown }[] }>(
      'GET',
      `/api/v1/applications/${id3}/materials`,
      { token: county },
    );
    const slot = materials.body.materials.find((x) => x.current !== null);
    expect(
      (
        await api.call('POST', `/api/v1/applications/${id3}/materials/${slot?.id ?? ''}/review`, {
          token: county,
          body: { decision: 'reject', reason: '扫描件模糊' },
        })
      ).status,
    ).toBe(200);
    await drain();
    const rejected = (await inbox(owner3)).notifications.find((x) => x.kind === 'material-rejected');
    expect(rejected?.body).toContain(`材料“${slot?.name ?? ''}”未通过审核，原因：扫描件模糊`);
  });

  it('sends to WeChat once per credit: 40001 refreshes the token, 43101 falls back to the inbox, 5xx retries later', async () => {
    const { owner, orgId } = await newFirm();
    expect((await subscribe(owner, 2)).body.credits).toEqual([
      { templateId: REVIEW_TEMPLATE, purpose: '审核进度通知', remaining: 2 },
    ]);
    const tokensBefore = api.wechat.tokensIssued();

    // 40001 once: the token is dropped, fetched again, and the send retried once.
    api.wechat.failNextSends({ errcode: 40001 });
    await submit(owner, orgId);
    await drain();
    expect(api.wechat.sentMessages).toHaveLength(1);
    expect(api.wechat.sentMessages[0]?.template_id).toBe(REVIEW_TEMPLATE);
    expect(api.wechat.tokensIssued()).toBeGreaterThan(tokensBefore);

    // 5xx: not sent; the event is retried after its backoff and sent then, once, with the one credit.
    const second = await newFirm();
    await subscribe(second.owner, 1);
    api.wechat.failNextSends({ http: 502 });
    await submit(second.owner, second.orgId);
    await drain();
    expect(api.wechat.sentMessages).toHaveLength(1);
    api.clock.advance(10 * 60_000);
    await drain();
    expect(api.wechat.sentMessages).toHaveLength(2);
    await drain();
    expect(api.wechat.sentMessages).toHaveLength(2);
    await signIn();
    const secondSettings = await api.call<NotificationSettings>('GET', '/api/v1/me/notification-settings', {
      token: second.owner,
    });
    expect(secondSettings.body.credits[0]?.remaining).toBe(0);

    // 43101: WeChat holds no subscription: inbox only, and the credit count is corrected to 0.
    const third = await newFirm();
    await subscribe(third.owner, 3);
    api.wechat.failNextSends({ errcode: 43101 });
    await submit(third.owner, third.orgId);
    await drain();
    expect(api.wechat.sentMessages).toHaveLength(2);
    expect((await inbox(third.owner)).notifications.map((x) => x.kind)).toEqual(['submitted']);
    const thirdSettings = await api.call<NotificationSettings>('GET', '/api/v1/me/notification-settings', {
      token: third.owner,
    });
    expect(thirdSettings.body.credits[0]?.remaining).toBe(0);

    // The first owner's second credit is spent by the next event only.
    const settings = await api.call<NotificationSettings>('GET', '/api/v1/me/notification-settings', { token: owner });
    expect(settings.body.credits[0]?.remaining).toBe(1);
  });

  it('keeps settings and validates what it is sent', async () => {
    const { owner } = await newFirm();
    const get = await api.call<NotificationSettings>('GET', '/api/v1/me/notification-settings', { token: owner });
    expect(get.body.proactiveMatches).toBe(true);
    expect(get.body.templates.map((t) => t.templateId)).toContain(REVIEW_TEMPLATE);
    const put = await api.call<NotificationSettings>('PUT', '/api/v1/me/notification-settings', {
      token: owner,
      body: { proactiveMatches: false },
    });
    expect(put.body.proactiveMatches).toBe(false);
    expect(
      (
        await api.call('POST', '/api/v1/me/subscriptions', {
          token: owner,
          body: { results: [{ templateId: 'x', answer: 'maybe' }] },
        })
      ).status,
    ).toBe(400);
    expect((await api.call('GET', '/api/v1/me/notifications?limit=0', { token: owner })).status).toBe(400);
    const rejected = await api.call<NotificationSettings>('POST', '/api/v1/me/subscriptions', {
      token: owner,
      body: { results: [{ templateId: REVIEW_TEMPLATE, answer: 'reject' }] },
    });
    expect(rejected.body.credits).toEqual([]);
    // The dispatcher class is what the service drives (no second loop in tests: NOTIFY_INTERVAL_MS=0 under test).
    expect(api.app.app.get(NotificationDispatcher)).toBeDefined();
  });
});
