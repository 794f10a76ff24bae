import { builtInEditions, type Edition, type PoolLedger, type PublicNoticeList, type ReviewView } from '@huiqi/shared';
import { EditionsService } from '../../api/src/modules/editions/editions.service.js';
import { MembershipEntity } from '../../api/src/modules/access/membership.entity.js';
import { RoundPoolEntity } from '../../api/src/modules/budget/round-pool.entity.js';
import ExcelJS from 'exceljs';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';
import { demoEdition } from './support/test-env.mjs';

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
/** talent-hiring pays at most 100,000 yuan; this edition asks a second approver above 90,000. */
const MAX_FEN = 10_000_000;
const SECOND_ABOVE_FEN = 9_000_000;

interface AppReply {
  id: number;
  status: string;
  progress: { stage: { status: string; due: string | null } | null; awardFen: number | null; notice: unknown };
}
interface Refusal {
  code: string;
  message: string;
  details: unknown;
}

/**
 * The review of an application from submission to payment, on both engines: each stage's
 * reviewer, the award and its second approver, return and resubmission, rejection and
 * withdrawal giving the pool its money back, and who may see and do what.
 */
describe.each(ENGINES)('review lifecycle on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let county: string;
  let otherCounty: string;
  let city: string;
  let city2: string;
  let finance: string;
  let orgId: number;
  let n = 40;

  const pool = async (): Promise<RoundPoolEntity> =>
    api.app.dataSource.getRepository(RoundPoolEntity).findOneByOrFail({ poolId: 'pool-talent' });

  /** A new firm in Linqing with its 2026 facts, and a submitted talent-hiring application. */
  const submitted = async (): Promise<number> => {
    // One firm per applicant: each application its own firm and owner.
    owner = await api.login('applicant', `review-owner-${n}`);
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) });
    orgId = org.body.id;
    await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
    const draft = await api.call<AppReply>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    await fillRequired(api, owner, orgId, draft.body.id);
    const res = await api.call<AppReply>('POST', `/api/v1/applications/${draft.body.id}/submit`, { token: owner });
    expect(res.status).toBe(200);
    return draft.body.id;
  };

  const review = (id: number, token: string) =>
    api.call<ReviewView>('GET', `/api/v1/applications/${id}/review`, { token });
  const post = <T = ReviewView>(id: number, what: string, token: string, body: unknown = {}) =>
    api.call<T>('POST', `/api/v1/applications/${id}/${what}`, { token, body });

  /** Verifies every condition as the rules read it (a reviewer-only condition as met). */
  const verifyAll = async (id: number, token: string): Promise<void> => {
    const view = (await review(id, token)).body;
    const res = await api.call<ReviewView>('PUT', `/api/v1/applications/${id}/verification`, {
      token,
      body: {
        conditions: view.conditions.map((c) => ({
          conditionId: c.id,
          verdict: c.status === 'review' ? 'met' : 'confirmed',
        })),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.conditions.every((c) => c.verification !== null)).toBe(true);
  };

  /** Submitted, approved by the county: at the city's review. */
  const atCity = async (): Promise<number> => {
    const id = await submitted();
    expect((await post(id, 'approve', county)).body.application.status).toBe('city-review');
    return id;
  };

  beforeAll(async () => {
    api = await boot(engine);
    const base = builtInEditions()[0] as Edition;
    const edition = demoEdition(base, 2026) as Edition;
    await api.app.app.get(EditionsService).publish({
      ...edition,
      review: { ...edition.review, secondApprovalAboveFen: SECOND_ABOVE_FEN },
    });
  });
  /** Fresh sessions at the clock's time (a test that moves the clock outlives the access tokens). */
  const signIn = async (): Promise<void> => {
    county = await api.login('county-reviewer', 'review-linqing', 'linqing');
    otherCounty = await api.login('county-reviewer', 'review-gaotang', 'gaotang');
    city = await api.login('city-reviewer', 'review-city-1');
    city2 = await api.login('city-reviewer', 'review-city-2');
    finance = await api.login('finance', 'review-finance');
  };
  beforeEach(signIn);
  afterAll(() => api.close());

  it('goes submitted → county → city (verified, second approver) → finance → notice → paid → closed', async () => {
    const id = await submitted();
    const first = (await review(id, county)).body;
    expect(first.actions).toEqual(['verify', 'approve', 'return', 'reject']);
    expect(first.application.progress.stage?.due).toBe('2026-06-30'); // 10 working days after 15 June (端午: 19 June is a rest day)

    expect((await post(id, 'approve', county)).body.application.status).toBe('city-review');
    // Approval needs every condition verified.
    const early = await post<Refusal>(id, 'approve', city);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('NOT_VERIFIED');
    await verifyAll(id, city);
    const view = (await review(id, city)).body;
    expect(view.maxAwardFen).toBe(MAX_FEN);
    // What the reviewer verified is the firm's fact, verified by a reviewer.
    const facts = await api.call<{ provenance: Record<string, string> }>(
      'GET',
      `/api/v1/orgs/${orgId}/facts?year=2026`,
      { token: owner },
    );
    expect(facts.body.provenance).toMatchObject({ trainedHireCount: 'verified', registeredInCity: 'verified' });

    // Raising above the maximum, or lowering without a reason, is refused.
    expect((await post<Refusal>(id, 'approve', city, { awardFen: MAX_FEN + 1 })).status).toBe(400);
    const lowered = await post<Refusal>(id, 'approve', city, { awardFen: MAX_FEN - 100 });
    expect(lowered.status).toBe(400);
    expect(JSON.stringify(lowered.body.details)).toContain('reason');

    // Above the threshold: the first approval waits; the same person cannot confirm it; another does.
    const pending = await post(id, 'approve', city);
    expect(pending.status).toBe(200);
    expect(pending.body.application.status).toBe('city-review');
    expect(pending.body.pendingApproval).toMatchObject({ awardFen: MAX_FEN, byCaller: true });
    expect((await post<Refusal>(id, 'approve', city)).status).toBe(403);
    expect((await review(id, city2)).body.actions).toContain('confirm-approval');
    const confirmed = await post(id, 'approve', city2);
    expect(confirmed.body.application.status).toBe('finance-review');
    expect(confirmed.body.application.progress.awardFen).toBe(MAX_FEN);
    expect((await pool()).reservedFen).toBe(MAX_FEN);

    const notice = await post(id, 'approve', finance);
    expect(notice.body.application.status).toBe('notice');
    expect(notice.body.application.progress.notice).toEqual({
      starts: '2026-06-15',
      ends: '2026-06-22',
      objections: 0,
    });

    // On public notice, without signing in: the firm, the program, the amount, the period.
    const listed = await api.call<PublicNoticeList>('GET', '/api/v1/public/notices?year=2026');
    expect(listed.body.notices.find((x) => x.applicationId === id)).toMatchObject({
      amountFen: MAX_FEN,
      starts: '2026-06-15',
      ends: '2026-06-22',
      open: true,
    });
    // On notice the city acts (objections), not finance: no payment before the notice ends.
    const tooEarly = await post<Refusal>(id, 'payment', finance, { voucherNo: 'PZ-1', paidOn: '2026-06-15' });
    expect(tooEarly.status).toBe(403);
    expect(tooEarly.body.message).toContain('公示');
    // The notice's last day passes; the timer (every instance runs it) concludes it and commits the award.
    api.clock.advance(10 * 86_400_000);
    await signIn();
    expect(await api.app.app.get(NoticesService).concludeDueNotices()).toContain(id);
    expect(await pool()).toMatchObject({ reservedFen: 0, committedFen: MAX_FEN });
    // Paid before the notice ended: refused.
    expect((await post<Refusal>(id, 'payment', finance, { voucherNo: 'PZ-1', paidOn: '2026-06-19' })).status).toBe(400);
    owner = await api.login('applicant', `review-owner-${n - 1}`);
    const paid = await post(id, 'payment', finance, { voucherNo: 'PZ-1', paidOn: '2026-06-24' });
    expect(paid.status).toBe(200);
    expect(paid.body.application.progress).toMatchObject({ payment: { voucherNo: 'PZ-1', paidOn: '2026-06-24' } });
    expect((await pool()).paidFen).toBe(MAX_FEN);
    expect((await post(id, 'close', finance)).body.application.status).toBe('closed');

    // The ledger, the public notice and finance's export agree to the fen.
    const roundId = (await review(id, city)).body.application.progress.roundId ?? 0;
    const ledger = await api.call<PoolLedger>('GET', `/api/v1/rounds/${roundId}/pools/pool-talent/ledger`, {
      token: finance,
    });
    expect(ledger.body.pool).toMatchObject({ reservedFen: 0, committedFen: MAX_FEN, paidFen: MAX_FEN });
    expect(ledger.body.entries.filter((e) => e.applicationId === id).map((e) => [e.kind, e.amountFen])).toEqual([
      ['reserve', MAX_FEN],
      ['commit', MAX_FEN],
      ['pay', MAX_FEN],
    ]);
    const noticed = await api.call<PublicNoticeList>('GET', '/api/v1/public/notices?year=2026');
    expect(noticed.body.notices.find((x) => x.applicationId === id)).toMatchObject({ amountFen: MAX_FEN, open: false });
    const csv = await api.call<string>('GET', `/api/v1/rounds/${roundId}/pools/pool-talent/export?format=csv`, {
      token: finance,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const line = csv.text.split('\r\n').find((l) => l.includes(`,${id},`));
    expect(line).toContain('100000.00');
    expect(line).toContain('PZ-1');
    const xlsx = await fetch(`${api.url}/api/v1/rounds/${roundId}/pools/pool-talent/export?format=xlsx`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    const row = sheet?.getRows(2, sheet.rowCount - 1)?.find((r) => String(r.getCell(2).value) === String(id));
    expect(row?.getCell(9).value).toBe(100000);
    // A county reviewer does not read finance's books.
    expect(
      (await api.call('GET', `/api/v1/rounds/${roundId}/pools/pool-talent/export?format=csv`, { token: county }))
        .status,
    ).toBe(403);

    const history = await api.call<{ entries: { action: string; actorLabel: string; amountFen: number | null }[] }>(
      'GET',
      `/api/v1/applications/${id}/history`,
      { token: owner },
    );
    expect(history.body.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['submitted', 'approved', 'verified', 'approval-confirmed', 'paid', 'closed']),
    );
    expect(history.body.entries.find((e) => e.action === 'approval-confirmed')).toMatchObject({
      actorLabel: '市级审核人员',
      amountFen: MAX_FEN,
    });
    api.clock.advance(-10 * 86_400_000);
    owner = await api.login('applicant', `review-owner-${n - 1}`);
  });

  it('returns for supplement, takes only the returned fact, and resubmits to the stage that returned it', async () => {
    const id = await atCity();
    const bad = await post<Refusal>(id, 'return', city, {
      items: [{ kind: 'fact', id: 'noSuchFact', reason: '请补充' }],
    });
    expect(bad.status).toBe(400);
    const returned = await post(id, 'return', city, {
      items: [{ kind: 'fact', id: 'trainedHireCount', reason: '请按社保名单更正招聘人数' }],
    });
    expect(returned.body.application.status).toBe('returned');
    expect(returned.body.application.progress.returned).toMatchObject({ from: 'city-review', deadline: '2026-06-30' });
    const other = await api.call<Refusal>('PATCH', `/api/v1/applications/${id}`, {
      token: owner,
      body: { facts: { registeredInCity: true } },
    });
    expect(other.status).toBe(400);
    const fixed = await api.call('PATCH', `/api/v1/applications/${id}`, {
      token: owner,
      body: { facts: { trainedHireCount: 11 } },
    });
    expect(fixed.status).toBe(200);
    const back = await post<AppReply>(id, 'resubmit', owner);
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('city-review');
    await verifyAll(id, city);
    const approved = await post(id, 'approve', city, { awardFen: 5_000_000, reason: '按实际招聘人数核减' });
    expect(approved.body.application.status).toBe('finance-review');
    expect(approved.body.application.progress.awardReason).toBe('按实际招聘人数核减');
    // Withdrawn during finance's review: the reservation goes back.
    const before = (await pool()).reservedFen;
    expect((await post<AppReply>(id, 'withdraw', owner)).body.status).toBe('withdrawn');
    expect((await pool()).reservedFen).toBe(before - 5_000_000);
  });

  it('rejection needs a reason and gives the reservation back', async () => {
    const id = await atCity();
    await verifyAll(id, city);
    await post(id, 'approve', city, { awardFen: 4_000_000, reason: '材料显示人数不足' });
    const before = (await pool()).reservedFen;
    expect((await post<Refusal>(id, 'reject', finance, {})).status).toBe(400);
    const rejected = await post(id, 'reject', finance, { reason: '财政审核未通过' });
    expect(rejected.body.application).toMatchObject({
      status: 'rejected',
      progress: { rejectionReason: '财政审核未通过' },
    });
    expect((await pool()).reservedFen).toBe(before - 4_000_000);
  });

  it('roles and scopes: another county sees nothing, finance cannot pass the county stage, a member may not review', async () => {
    const id = await submitted();
    expect((await review(id, otherCounty)).status).toBe(404);
    expect((await post(id, 'approve', otherCounty)).status).toBe(404);
    const byFinance = await post<Refusal>(id, 'approve', finance);
    expect(byFinance.status).toBe(403);
    expect((await review(id, finance)).body.blockedReason).toContain('县级初审');
    const admin = await api.login('admin', 'review-admin');
    expect((await post(id, 'approve', admin)).status).toBe(403);
    expect((await post(id, 'approve', owner)).status).toBe(403);

    // A county reviewer who belongs to the firm.
    const me = await api.call<{ id: number }>('GET', '/api/v1/me', { token: county });
    await api.app.dataSource.getRepository(MembershipEntity).insert({ orgId, userId: me.body.id, role: 'member' });
    const conflict = await post<Refusal>(id, 'approve', county);
    expect(conflict.status).toBe(403);
    expect(conflict.body.message).toBe('不能审核本人所在企业的申报');
    await api.app.dataSource.getRepository(MembershipEntity).delete({ orgId, userId: me.body.id });

    // The queue: the county reviewer's own county only; the other county's is empty of it.
    const mine = await api.call<{ items: { applicationId: number }[]; pageSize: number }>(
      'GET',
      '/api/v1/review/queue?stage=submitted',
      { token: county },
    );
    expect(mine.body.items.map((x) => x.applicationId)).toContain(id);
    expect(mine.body.pageSize).toBe(20);
    const theirs = await api.call<{ items: { applicationId: number }[] }>('GET', '/api/v1/review/queue', {
      token: otherCounty,
    });
    expect(theirs.body.items.map((x) => x.applicationId)).not.toContain(id);
    // Batch: the county approval needs no input; a second try is refused and reported.
    const batch = await api.call<{
      approved: number;
      refused: number;
      results: { ok: boolean; status: string | null }[];
    }>('POST', '/api/v1/review/batch-approve', { token: county, body: { applicationIds: [id, id] } });
    expect(batch.body).toMatchObject({ approved: 1, refused: 1 });
    expect(batch.body.results[0]).toMatchObject({ ok: true, status: 'city-review' });
  });

  it('an application submitted before rounds existed draws on its year’s round that takes its program', async () => {
    const id = await atCity();
    await verifyAll(id, city);
    const roundId = (await review(id, city)).body.application.progress.roundId;
    await api.app.dataSource.query('UPDATE applications SET round_id = NULL WHERE id = ?', [id]);
    const approved = await post(id, 'approve', city, { awardFen: 1_000_000, reason: '按实际核定' });
    expect(approved.status).toBe(200);
    expect(approved.body.application.progress.roundId).toBe(roundId);
  });

  it('refuses an award its order pool cannot hold (POOL_EXHAUSTED), leaving the application at the city', async () => {
    const id = await atCity();
    await verifyAll(id, city);
    const p = await pool();
    await api.app.dataSource
      .getRepository(RoundPoolEntity)
      .update(p.id, { capFen: p.reservedFen + p.committedFen + 1_000_000 });
    const refused = await post<Refusal>(id, 'approve', city, { awardFen: 2_000_000, reason: '按实际核定' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'POOL_EXHAUSTED', details: { availableFen: 1_000_000 } });
    expect((await review(id, city)).body.application.status).toBe('city-review');
    const fits = await post(id, 'approve', city, { awardFen: 1_000_000, reason: '资金池余额有限' });
    expect(fits.body.application.status).toBe('finance-review');
  });
});

/**
 * 二 and 六 each cap an award at 20% of the firm's local contribution; whether a firm winning both
 * gets 20% twice is the edition's choice. Per enterprise: the second award takes what the first left.
 */
describe.each(ENGINES)('the 20%% of local contribution per enterprise across 二 and 六, on %s', (engine) => {
  let api: Booted;
  let n = 80;
  /** Eligible for both 电商龙头 (二: 4万元 on 1亿 of online retail) and 直播电商企业 (六: 20万元), 20% of 100万 = 20万. */
  const FACTS = {
    orgTypes: ['livestream-ecommerce'],
    independentLegalPerson: true,
    registeredInCity: true,
    registrationDate: '2026-03-01',
    onlineRetailFen: 10_000_000_000,
    statisticalOnlineRetailFen: 2_000_000_000,
    normalOperation: true,
    taxCompliant: true,
    localContributionFen: 100_000_000,
  };

  beforeAll(async () => {
    api = await boot(engine);
    const edition = demoEdition(builtInEditions()[0] as Edition, 2026) as Edition;
    await api.app.app.get(EditionsService).publish({
      ...edition,
      review: {
        ...edition.review,
        secondApprovalAboveFen: 1_000_000_000,
        localContributionCapScope: { ...edition.review.localContributionCapScope, value: 'per-enterprise' },
      },
    });
  });
  afterAll(() => api.close());

  /** A firm with both applications at the city's review, every condition verified. */
  const both = async (): Promise<{ leading: number; livestream: number; city: string }> => {
    const owner = await api.login('applicant', `cap-owner-${n}`);
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) });
    await api.call('PUT', `/api/v1/orgs/${org.body.id}/facts?year=2026`, { token: owner, body: { facts: FACTS } });
    const county = await api.login('county-reviewer', 'cap-county', 'linqing');
    const city = await api.login('city-reviewer', 'cap-city');
    const ids: number[] = [];
    for (const programId of ['leading-enterprise', 'livestream-enterprise']) {
      const draft = await api.call<{ id: number }>('POST', `/api/v1/orgs/${org.body.id}/applications`, {
        token: owner,
        body: { programId, claimYear: 2026 },
      });
      await fillRequired(api, owner, org.body.id, draft.body.id);
      expect((await api.call('POST', `/api/v1/applications/${draft.body.id}/submit`, { token: owner })).status).toBe(
        200,
      );
      expect((await api.call('POST', `/api/v1/applications/${draft.body.id}/approve`, { token: county })).status).toBe(
        200,
      );
      const view = await api.call<ReviewView>('GET', `/api/v1/applications/${draft.body.id}/review`, { token: city });
      const verified = await api.call('PUT', `/api/v1/applications/${draft.body.id}/verification`, {
        token: city,
        body: {
          conditions: view.body.conditions.map((c) => ({
            conditionId: c.id,
            verdict: c.status === 'review' ? 'met' : 'confirmed',
          })),
        },
      });
      expect(verified.status).toBe(200);
      ids.push(draft.body.id);
    }
    return { leading: ids[0] as number, livestream: ids[1] as number, city };
  };
  const maxOf = async (id: number, token: string): Promise<number | null> =>
    (await api.call<ReviewView>('GET', `/api/v1/applications/${id}/review`, { token })).body.maxAwardFen;

  it('gives the second award only what the first left of the one 20%, and refuses an award of nothing', async () => {
    const { leading, livestream, city } = await both();
    expect(await maxOf(leading, city)).toBe(4_000_000);
    expect(await maxOf(livestream, city)).toBe(20_000_000);
    const first = await api.call<ReviewView>('POST', `/api/v1/applications/${livestream}/approve`, {
      token: city,
      body: {},
    });
    expect(first.body.application.progress.awardFen).toBe(20_000_000);
    expect(await maxOf(leading, city)).toBe(0);
    const none = await api.call<{ code: string; message: string }>('POST', `/api/v1/applications/${leading}/approve`, {
      token: city,
      body: {},
    });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('可核定金额为0元');
  });

  it('holds under two approvals at once: the firm never gets more than its one 20%', async () => {
    const { leading, livestream, city } = await both();
    const city2 = await api.login('city-reviewer', 'cap-city-2');
    const replies = await Promise.all([
      api.call<ReviewView>('POST', `/api/v1/applications/${livestream}/approve`, { token: city, body: {} }),
      api.call<ReviewView>('POST', `/api/v1/applications/${leading}/approve`, { token: city2, body: {} }),
    ]);
    const awarded = replies
      .filter((r) => r.status === 200)
      .reduce((sum, r) => sum + (r.body.application.progress.awardFen ?? 0), 0);
    expect(replies.some((r) => r.status === 200)).toBe(true);
    expect(awarded).toBeLessThanOrEqual(20_000_000);
  });
});
