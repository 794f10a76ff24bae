import { addWorkingDays, cnCalendar, factLabel, type NotificationList } from '@huiqi/shared';
import { ApplicationEntity } from '../../api/src/modules/applications/application.entity.js';
import { MembershipEntity } from '../../api/src/modules/access/membership.entity.js';
import { type MatchEvent, type ReminderEvent } from '../../api/src/modules/audit/change-events.js';
import { OutboxEntity } from '../../api/src/modules/audit/outbox.entity.js';
import { MatchingService } from '../../api/src/modules/matching/matching.service.js';
import { NotificationSettingsEntity } from '../../api/src/modules/notifications/notification.entity.js';
import { ProactiveTimer } from '../../api/src/modules/matching/proactive-timer.js';
import { NotificationsService } from '../../api/src/modules/notifications/notifications.service.js';
import { RoundMatchEntity } from '../../api/src/modules/matching/round-match.entity.js';
import { boot, type Booted, firm, TEST_NOW } from './support/app.js';
import { ENGINES } from './support/databases.js';

const ELIGIBLE = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
/** The number of trained hires missing: undetermined for want of exactly one fact. */
const ONE_MISSING = { orgTypes: ['ecommerce'], registeredInCity: true };
const INELIGIBLE = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 1 };

/** The talent-hiring program of the 2023 edition, in a round open 2026-06-01 to 2026-06-30 (TEST_NOW is 06-15). */
const ROUND = {
  claimYear: 2023,
  title: '2023年度人才招用奖励申报',
  opens: '2026-06-01',
  closes: '2026-06-30',
  programs: ['talent-hiring'],
  pools: [{ poolId: 'pool-talent', capFen: 50_000_000, sharing: 'order' }],
};

describe.each(ENGINES)('proactive matching (免申即享) on %s', (engine) => {
  let api: Booted;
  let matching: MatchingService;
  let n = 90;
  const firms: Record<'eligible' | 'applied' | 'optedOut' | 'oneMissing' | 'ineligible', number> = {
    eligible: 0,
    applied: 0,
    optedOut: 0,
    oneMissing: 0,
    ineligible: 0,
  };
  const owners: Record<string, string> = {};
  let roundId = 0;

  const events = async (type: 'notification.match' | 'notification.reminder') =>
    (
      await api.app.dataSource.getRepository(OutboxEntity).find({ where: { eventType: type }, order: { id: 'ASC' } })
    ).map((e) => ({ ...e, payload: e.payload as MatchEvent & ReminderEvent }));

  /** A firm of its own owner with these 2023 facts. */
  const firmWith = async (name: string, facts: Record<string, unknown>): Promise<number> => {
    const owner = await api.login('applicant', `matching-${name}-${engine}`);
    owners[name] = owner;
    const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) })).body.id;
    const put = await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2023`, { token: owner, body: { facts } });
    if (put.status !== 200) throw new Error(put.text);
    return orgId;
  };

  beforeAll(async () => {
    api = await boot(engine, { PROACTIVE_TIMER_MS: '0', NOTICE_TIMER_MS: '0' });
    matching = api.app.app.get(MatchingService);
    firms.eligible = await firmWith('eligible', ELIGIBLE);
    firms.applied = await firmWith('applied', ELIGIBLE);
    firms.optedOut = await firmWith('optedOut', ELIGIBLE);
    firms.oneMissing = await firmWith('oneMissing', ONE_MISSING);
    firms.ineligible = await firmWith('ineligible', INELIGIBLE);
    const draft = await api.call('POST', `/api/v1/orgs/${firms.applied}/applications`, {
      token: owners['applied'],
      body: { programId: 'talent-hiring', claimYear: 2023 },
    });
    expect(draft.status).toBe(201);
    const [member] = await api.app.dataSource.getRepository(MembershipEntity).findBy({ orgId: firms.optedOut });
    await api.app.dataSource
      .getRepository(NotificationSettingsEntity)
      .save({ userId: member?.userId as number, proactiveMatches: false, updatedAt: new Date() });
    await matching.idle();
  });
  afterAll(() => api.close());

  it('writes nothing while no round of the year is open', async () => {
    expect(await events('notification.match')).toEqual([]);
  });

  it('a round opening tells each eligible or nearly eligible firm once, not one that applied or opted out', async () => {
    const admin = await api.login('admin');
    const created = await api.call<{ id: number }>('POST', '/api/v1/rounds', { token: admin, body: ROUND });
    expect(created.status).toBe(201);
    roundId = created.body.id;
    await matching.idle();

    const matches = await events('notification.match');
    expect(matches.map((e) => e.orgId).sort()).toEqual([firms.eligible, firms.oneMissing].sort());
    const eligible = matches.find((e) => e.orgId === firms.eligible);
    expect(eligible).toMatchObject({
      entity: 'org',
      entityId: String(firms.eligible),
      auditId: null,
      dedupeKey: `match:${roundId}:${firms.eligible}:talent-hiring`,
      deliveredAt: null,
    });
    expect(eligible?.payload).toEqual({
      orgId: firms.eligible,
      roundId,
      claimYear: 2023,
      programId: 'talent-hiring',
      programTitle: expect.stringContaining('人才'),
      maxAmountFen: 10_000_000,
      missingFacts: [],
      closes: '2026-06-30',
    });
    const nearly = matches.find((e) => e.orgId === firms.oneMissing);
    expect(nearly?.payload.missingFacts).toEqual([factLabel('trainedHireCount')]);
    expect(await api.app.dataSource.getRepository(RoundMatchEntity).findOneBy({ roundId })).toMatchObject({
      firms: 5,
      notified: 2,
    });

    // Delivered, the firm's members read it in 消息, in Chinese, opening the program to apply for.
    await api.app.app.get(NotificationsService).dispatchOnce();
    const inbox = await api.call<NotificationList>('GET', '/api/v1/me/notifications', { token: owners['eligible'] });
    expect(inbox.body.notifications).toEqual([
      expect.objectContaining({
        kind: 'match',
        title: expect.stringContaining('可申报'),
        body: expect.stringContaining('最多可获10万元'),
        programId: 'talent-hiring',
        applicationId: null,
      }),
    ]);
    const optedOut = await api.call<NotificationList>('GET', '/api/v1/me/notifications', {
      token: owners['optedOut'],
    });
    expect(optedOut.body.notifications).toEqual([]);
  });

  it('screening the round again, twice at once and by the timer, writes no event twice', async () => {
    const before = await events('notification.match');
    const [a, b] = await Promise.all([matching.matchRound(roundId), matching.matchRound(roundId)]);
    expect([a?.firms, b?.firms]).toEqual([5, 5]);
    expect([a?.notified, b?.notified]).toEqual([0, 0]);
    expect((await api.app.app.get(ProactiveTimer).runOnce()).rounds).toBe(0);
    expect(await events('notification.match')).toEqual(before);
  });

  it('a firm whose facts change while the round is open is screened, alone', async () => {
    const before = await events('notification.match');
    const put = await api.call('PUT', `/api/v1/orgs/${firms.ineligible}/facts?year=2023`, {
      token: owners['ineligible'],
      body: { facts: { trainedHireCount: 15 } },
    });
    expect(put.status).toBe(200);
    await matching.idle();
    const after = await events('notification.match');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => [e.orgId, e.payload.programId])).toEqual([
      [firms.ineligible, 'talent-hiring'],
    ]);
    // A change of the already matched firm's facts tells it nothing new.
    await api.call('PUT', `/api/v1/orgs/${firms.eligible}/facts?year=2023`, {
      token: owners['eligible'],
      body: { facts: { trainedHireCount: 20 } },
    });
    await matching.idle();
    expect(await events('notification.match')).toHaveLength(after.length);
  });

  it('reminds once of a supplement deadline two working days away', async () => {
    const timer = api.app.app.get(ProactiveTimer);
    const today = TEST_NOW.toISOString().slice(0, 10);
    const deadline = addWorkingDays(today, 2, cnCalendar());
    const apps = api.app.dataSource.getRepository(ApplicationEntity);
    const app = await apps.findOneByOrFail({ orgId: firms.applied });
    // The state a return for supplement leaves (review.service.ts returnForSupplement), set directly.
    await apps.update({ id: app.id }, { status: 'returned', stageDue: deadline });

    expect((await timer.runOnce()).supplement).toBe(1);
    expect((await timer.runOnce()).supplement).toBe(0);
    api.clock.current = new Date(Date.parse(`${addWorkingDays(today, 1, cnCalendar())}T10:00:00+08:00`));
    try {
      expect((await timer.runOnce()).supplement).toBe(0);
    } finally {
      api.clock.current = TEST_NOW;
    }
    const reminders = (await events('notification.reminder')).filter((e) => e.payload.kind === 'supplement-due');
    expect(reminders.map((e) => e.payload)).toEqual([
      {
        kind: 'supplement-due',
        orgId: firms.applied,
        applicationId: app.id,
        programId: 'talent-hiring',
        programTitle: expect.stringContaining('人才'),
        claimYear: 2023,
        deadline,
        workingDaysLeft: 2,
      },
    ]);
    expect(reminders[0]?.dedupeKey).toBe(`reminder:supplement-due:${app.id}:${deadline}`);
  });

  it('reminds eligible firms that have not applied, once, three working days before the round closes', async () => {
    const timer = api.app.app.get(ProactiveTimer);
    expect((await timer.runOnce()).closing).toBe(0);
    api.clock.current = new Date('2026-06-25T02:00:00Z');
    try {
      expect((await timer.runOnce()).closing).toBe(2);
      expect((await timer.runOnce()).closing).toBe(0);
    } finally {
      api.clock.current = TEST_NOW;
    }
    const closing = (await events('notification.reminder')).filter((e) => e.payload.kind === 'round-closing');
    expect(closing.map((e) => e.orgId).sort()).toEqual([firms.eligible, firms.ineligible].sort());
    expect(closing[0]?.payload).toMatchObject({ roundId, closes: '2026-06-30', workingDaysLeft: 3 });
  });
});
