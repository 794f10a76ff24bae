import {
  type ApplicationHistory,
  type ErrorBody,
  type ObjectionRequest,
  type ObjectionView,
  type PublicNoticeList,
} from '@huiqi/shared';
import { ApplicationEntity } from '../../api/src/modules/applications/application.entity.js';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { ObjectionEntity } from '../../api/src/modules/applications/objection.entity.js';
import { AuditEntity } from '../../api/src/modules/audit/audit.entity.js';
import { PoolLedgerEntity } from '../../api/src/modules/budget/pool-ledger.entity.js';
import { RoundPoolEntity } from '../../api/src/modules/budget/round-pool.entity.js';
import { boot, type Booted, firm, publishDemoEdition, TEST_NOW, testUscc } from './support/app.js';
import { createTestDatabase, ENGINES, type Engine, type TestDatabase } from './support/databases.js';
import { fillRequired } from './support/files.js';
import { putOnNotice } from './support/notice.js';

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
const OBJECTION: ObjectionRequest = {
  name: '张异议',
  phone: '0635-8888888',
  reason: '该企业实际新招用人数不足申报人数',
  evidence: '见该企业2026年社保缴纳名单，可到市人社局核实',
};

/** A firm of its own with a submitted 2026 talent-hiring application (order pool). */
const submittedApplication = async (api: Booted, owner: string, n: number): Promise<number> => {
  const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n) })).body.id;
  await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
  const id = (
    await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    })
  ).body.id;
  await fillRequired(api, owner, orgId, id);
  const submitted = await api.call('POST', `/api/v1/applications/${id}/submit`, { token: owner });
  expect(submitted.status).toBe(200);
  return id;
};

const poolOf = async (api: Booted, id: number): Promise<RoundPoolEntity> => {
  const app = await api.app.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id });
  return api.app.dataSource
    .getRepository(RoundPoolEntity)
    .findOneByOrFail({ roundId: app.roundId as number, poolId: 'pool-talent' });
};

const applicationOf = (api: Booted, id: number): Promise<ApplicationEntity> =>
  api.app.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id });

/** The day after `date` (YYYY-MM-DD), 10:00 in Liaocheng. */
const dayAfter = (date: string): Date => new Date(Date.parse(`${date}T10:00:00+08:00`) + 86_400_000);

const countOf = (api: Booted, action: string, id: number): Promise<number> =>
  api.app.dataSource.getRepository(AuditEntity).countBy({ action, entity: 'application', entityId: String(id) });

describe.each(ENGINES)('public notice and objections on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let objector: string;
  let city: string;
  let n = 60;

  /** Moves the clock, and signs everyone in again (access tokens expire on the app's clock). */
  const at = async (when: Date): Promise<void> => {
    api.clock.current = when;
    owner = await api.login('applicant', 'notice-owner');
    objector = await api.login('applicant', 'notice-objector');
    city = await api.login('city-reviewer', 'notice-city');
  };

  beforeAll(async () => {
    api = await boot(engine, { NOTICE_TIMER_MS: '0' });
    await publishDemoEdition(api, 2026);
  });
  afterAll(() => api.close());
  beforeEach(() => at(TEST_NOW));

  const object = (id: number, token = objector, body: unknown = OBJECTION) =>
    api.call<ObjectionView & ErrorBody>('POST', `/api/v1/applications/${id}/objections`, { token, body });
  const rule = (objectionId: number, token: string, outcome: 'upheld' | 'dismissed', reason = '经核实') =>
    api.call<ObjectionView & ErrorBody>('POST', `/api/v1/objections/${objectionId}/ruling`, {
      token,
      body: { outcome, reason },
    });

  it('lists notices without a sign-in: firm, program, award and period, nothing personal; filters by year and program', async () => {
    const firmNo = n++;
    const id = await submittedApplication(api, owner, firmNo);
    const submittedOnly = await submittedApplication(api, owner, n++);
    const app = await putOnNotice(api, id);

    const res = await api.call<PublicNoticeList>('GET', '/api/v1/public/notices');
    expect(res.status).toBe(200);
    const notice = res.body.notices.find((x) => x.applicationId === id);
    expect(notice).toEqual({
      applicationId: id,
      firmName: firm(firmNo).name,
      programTitle: expect.stringContaining('人才'),
      measure: expect.any(Number),
      claimYear: 2026,
      amountFen: app.awardFen,
      starts: app.noticeStarts,
      ends: app.noticeEnds,
      open: true,
    });
    expect(res.body.notices.some((x) => x.applicationId === submittedOnly)).toBe(false);
    expect(res.body.objectionsTo).toMatch(/公示期内.*实名.*异议/);
    // Nothing of the firm's people or registration reaches the public.
    for (const personal of [testUscc(firmNo), firm(firmNo).contactPhone, '王法人', '赵联系'])
      expect(res.text).not.toContain(personal);

    const filtered = async (query: string) =>
      (await api.call<PublicNoticeList>('GET', `/api/v1/public/notices?${query}`)).body.notices.map(
        (x) => x.applicationId,
      );
    expect(await filtered('year=2026&program=talent-hiring')).toContain(id);
    expect(await filtered('year=2027')).not.toContain(id);
    expect(await filtered('program=leading-enterprise')).not.toContain(id);
    const bad = await api.call<ErrorBody>('GET', '/api/v1/public/notices?year=abc');
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('takes a named objection during the period; refuses it after the period and on an application not on notice', async () => {
    const id = await submittedApplication(api, owner, n++);
    // Not on notice: a stranger is told it does not exist, a reviewer who sees it that it is not on notice.
    expect((await object(id)).status).toBe(404);
    const early = await object(id, city);
    expect([early.status, early.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(early.body.message).toContain('公示期');

    const app = await putOnNotice(api, id);
    const badPhone = await object(id, objector, { ...OBJECTION, phone: '12345' });
    expect([badPhone.status, badPhone.body.code]).toEqual([400, 'INVALID_REQUEST']);
    expect(JSON.stringify(badPhone.body.details)).toContain('phone');
    const noName = await object(id, objector, { ...OBJECTION, name: '  ' });
    expect(noName.status).toBe(400);

    // On the notice's last day it is still in time.
    await at(new Date(`${app.noticeEnds as string}T23:00:00+08:00`));
    const filed = await object(id);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ applicationId: id, status: 'open', name: OBJECTION.name, ruling: null });
    const history = await api.call<ApplicationHistory>('GET', `/api/v1/applications/${id}/history`, { token: owner });
    expect(history.body.entries.map((e) => e.label)).toContain('收到异议');
    // The firm's history says there was one, never who.
    expect(history.text).not.toContain(OBJECTION.name);
    expect(history.text).not.toContain(OBJECTION.phone);

    await at(dayAfter(app.noticeEnds as string));
    const late = await object(id);
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(late.body.message).toContain('公示期已于');
    expect(await api.app.dataSource.getRepository(ObjectionEntity).countBy({ applicationId: id })).toBe(1);
  });

  it('only a city reviewer rules; others are refused or told it does not exist', async () => {
    const id = await submittedApplication(api, owner, n++);
    await putOnNotice(api, id);
    const objectionId = (await object(id)).body.id;
    const county = await api.login('county-reviewer', 'notice-county', 'linqing');
    const admin = await api.login('admin', 'notice-admin');
    expect((await rule(objectionId, owner, 'dismissed')).status).toBe(403);
    expect((await rule(objectionId, county, 'dismissed')).status).toBe(403);
    expect((await rule(objectionId, admin, 'dismissed')).status).toBe(403);
    // The objector is no reviewer of the application: it does not exist for them.
    expect((await rule(objectionId, objector, 'dismissed')).status).toBe(404);
    expect((await rule(999_999, city, 'dismissed')).status).toBe(404);
    const bad = await api.call<ErrorBody>('POST', `/api/v1/objections/${objectionId}/ruling`, {
      token: city,
      body: { outcome: 'maybe', reason: '' },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await applicationOf(api, id)).status).toBe('notice');
  });

  it('upheld: the award goes back to the pool and the application to the city review, its notice and award cleared', async () => {
    const id = await submittedApplication(api, owner, n++);
    const before = await poolOf(api, id);
    const app = await putOnNotice(api, id);
    const award = app.awardFen as number;
    expect((await poolOf(api, id)).reservedFen).toBe(before.reservedFen + award);
    const first = (await object(id)).body.id;
    const second = (await object(id, owner, { ...OBJECTION, name: '李另一' })).body.id;

    const ruled = await rule(first, city, 'upheld', '经核实，新招用人数不足');
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'upheld', ruling: { reason: '经核实，新招用人数不足' } });
    const after = await applicationOf(api, id);
    expect(after).toMatchObject({
      status: 'city-review',
      noticeStarts: null,
      noticeEnds: null,
      awardFen: null,
      stageDue: expect.stringMatching(/^2026-/),
    });
    const pool = await poolOf(api, id);
    expect([pool.reservedFen, pool.committedFen]).toEqual([before.reservedFen, before.committedFen]);
    // The other open objection is closed with it: nothing stays open on an application off notice.
    expect((await api.app.dataSource.getRepository(ObjectionEntity).findOneByOrFail({ id: second })).status).toBe(
      'upheld',
    );
    const again = await rule(first, city, 'dismissed');
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    const history = await api.call<ApplicationHistory>('GET', `/api/v1/applications/${id}/history`, { token: owner });
    expect(history.body.entries.at(-1)).toMatchObject({
      label: '异议成立',
      statusChange: { from: 'notice', to: 'city-review' },
    });
    // Off the public list.
    const list = await api.call<PublicNoticeList>('GET', '/api/v1/public/notices');
    expect(list.body.notices.some((x) => x.applicationId === id)).toBe(false);
  });

  it('dismissed: the reason is recorded and the notice goes on', async () => {
    const id = await submittedApplication(api, owner, n++);
    const app = await putOnNotice(api, id);
    const before = await poolOf(api, id);
    const objectionId = (await object(id)).body.id;
    const ruled = await rule(objectionId, city, 'dismissed', '社保名单核实无误');
    expect(ruled.status).toBe(200);
    expect(ruled.body).toMatchObject({ status: 'dismissed', ruling: { reason: '社保名单核实无误' } });
    expect(await applicationOf(api, id)).toMatchObject({
      status: 'notice',
      noticeEnds: app.noticeEnds,
      awardFen: app.awardFen,
    });
    expect((await poolOf(api, id)).reservedFen).toBe(before.reservedFen);
  });

  it('the timer concludes only due notices without an open objection, commits the award, and once under concurrent runs', async () => {
    const due = await submittedApplication(api, owner, n++);
    const objected = await submittedApplication(api, owner, n++);
    const notYet = await submittedApplication(api, owner, n++);
    const dueApp = await putOnNotice(api, due);
    await putOnNotice(api, objected);
    await object(objected);
    const ends = dueApp.noticeEnds as string;
    // The third starts a day later: on the day after the first's end, it is still on notice.
    await at(dayAfter(ends));
    await putOnNotice(api, notYet);
    const pool = await poolOf(api, due);

    const notices = api.app.app.get(NoticesService);
    // On the last day itself nothing is due yet.
    await at(new Date(`${ends}T23:59:00+08:00`));
    expect(await notices.concludeDueNotices()).not.toContain(due);

    await at(dayAfter(ends));
    const [one, two] = await Promise.all([notices.concludeDueNotices(), notices.concludeDueNotices()]);
    expect([...one, ...two].filter((id) => id === due)).toEqual([due]);
    expect([...one, ...two]).not.toContain(objected);
    expect([...one, ...two]).not.toContain(notYet);

    const concluded = await applicationOf(api, due);
    expect(concluded.status).toBe('approved');
    expect(concluded.stageDue !== null && concluded.stageDue > ends).toBe(true);
    // Earlier tests' notices end the same day: the pool moved by every award this run concluded.
    let award = 0;
    for (const id of [...one, ...two]) award += (await applicationOf(api, id)).awardFen as number;
    const after = await poolOf(api, due);
    expect([after.reservedFen, after.committedFen]).toEqual([pool.reservedFen - award, pool.committedFen + award]);
    expect(await countOf(api, 'application.notice-ended', due)).toBe(1);
    expect(
      await api.app.dataSource.getRepository(PoolLedgerEntity).countBy({ applicationId: due, kind: 'commit' }),
    ).toBe(1);
    expect((await applicationOf(api, objected)).status).toBe('notice');
    expect((await applicationOf(api, notYet)).status).toBe('notice');
    // Run again: nothing more to do for it; still listed, no longer open to objections.
    expect(await notices.concludeDueNotices()).not.toContain(due);
    const list = await api.call<PublicNoticeList>('GET', '/api/v1/public/notices');
    expect(list.body.notices.find((x) => x.applicationId === due)).toMatchObject({ open: false });
    const history = await api.call<ApplicationHistory>('GET', `/api/v1/applications/${due}/history`, { token: owner });
    expect(history.body.entries.at(-1)).toMatchObject({ label: '公示期满', actor: 'system' });

    // Once the objection is dismissed, the next run concludes the other.
    const objection = await api.app.dataSource
      .getRepository(ObjectionEntity)
      .findOneByOrFail({ applicationId: objected });
    expect((await rule(objection.id, city, 'dismissed')).status).toBe(200);
    expect(await notices.concludeDueNotices()).toContain(objected);
  });
});

const MARIADB: Engine[] = ENGINES.filter((e) => e === 'mariadb');

(MARIADB.length > 0 ? describe.each(MARIADB) : describe.skip.each(['mariadb']))(
  'the notice timer on two instances of one %s database',
  (engine) => {
    let db: TestDatabase;
    let one: Booted;
    let two: Booted;

    beforeAll(async () => {
      db = await createTestDatabase(engine as Engine);
      one = await boot(engine as Engine, { NOTICE_TIMER_MS: '0' }, { database: db });
      two = await boot(engine as Engine, { NOTICE_TIMER_MS: '0' }, { database: db });
      await publishDemoEdition(one, 2026);
    });
    afterAll(async () => {
      await one?.close();
      await two?.close();
      await db?.drop();
    });

    it('each due notice is concluded by exactly one instance', async () => {
      const owner = await one.login('applicant', 'two-owner');
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push(await submittedApplication(one, owner, 80 + i));
      const apps = [];
      for (const id of ids) apps.push(await putOnNotice(one, id));
      const ends = apps[0]?.noticeEnds as string;
      one.clock.current = dayAfter(ends);
      two.clock.current = dayAfter(ends);
      const pool = await poolOf(one, ids[0] as number);
      const runs = await Promise.all([
        one.app.app.get(NoticesService).concludeDueNotices(),
        two.app.app.get(NoticesService).concludeDueNotices(),
        one.app.app.get(NoticesService).concludeDueNotices(),
        two.app.app.get(NoticesService).concludeDueNotices(),
      ]);
      expect(runs.flat().sort((a, b) => a - b)).toEqual(ids);
      for (const id of ids) {
        expect((await applicationOf(one, id)).status).toBe('approved');
        expect(await countOf(one, 'application.notice-ended', id)).toBe(1);
      }
      const total = apps.reduce((sum, a) => sum + (a.awardFen as number), 0);
      const after = await poolOf(one, ids[0] as number);
      expect([after.reservedFen, after.committedFen]).toEqual([pool.reservedFen - total, pool.committedFen + total]);
    });
  },
);

/** The timer as deployed: started at boot, running on its interval, with nobody calling it. */
describe.each(ENGINES)('the notice timer running on its interval on %s', (engine) => {
  let api: Booted;

  beforeAll(async () => {
    api = await boot(engine, { NOTICE_TIMER_MS: '50' });
    await publishDemoEdition(api, 2026);
  });
  afterAll(() => api.close());

  it('concludes a notice once its period is over, without being asked', async () => {
    const owner = await api.login('applicant', 'interval-owner');
    const id = await submittedApplication(api, owner, 90);
    const app = await putOnNotice(api, id);
    api.clock.current = dayAfter(app.noticeEnds as string);
    const deadline = Date.now() + 10_000;
    while ((await applicationOf(api, id)).status !== 'approved' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await applicationOf(api, id)).status).toBe('approved');
    expect(await countOf(api, 'application.notice-ended', id)).toBe(1);
  });
});
