import { DataSource } from 'typeorm';
import { RelocatedShopsService } from '../../api/src/modules/relocated-shops/relocated-shops.service.js';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';

type Shop = {
  id: number;
  orgId: number;
  firmName: string;
  firmUscc: string;
  platform: string;
  platformName: string;
  shop: string;
  shopKind: string;
  county: string;
  countyName: string;
  relocatedOn: string;
  status: string;
  statusLabel: string;
  refusalReason: string | null;
  reviewedAt: string | null;
};
type Page = { shops: Shop[]; total: number; page: number; pageSize: number };
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };
type Summary = {
  year: number;
  total: number;
  months: number[];
  counties: { county: string; total: number; months: number[] }[];
  cumulative: number;
  pending: number;
  target: { shops: number; by: string; clause: string; met: boolean };
};

const registration = (overrides: Record<string, unknown> = {}) => ({
  platform: 'taobao',
  shop: '58001234',
  relocatedOn: '2026-03-10',
  ...overrides,
});

// Its own API (a database of its own): the summary counts the whole city.
describe.each(ENGINES)('relocated shops (迁入店铺, measure 五) on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let otherFirm: string;
  let linqing: string;
  let gaotang: string;
  let city: string;
  let admin: string;
  let orgId: number;
  let otherOrgId: number;

  beforeAll(async () => {
    api = await boot(engine);
    owner = await api.login('applicant', 'shops-owner');
    otherFirm = await api.login('applicant', 'shops-other');
    linqing = await api.login('county-reviewer', 'shops-linqing', 'linqing');
    gaotang = await api.login('county-reviewer', 'shops-gaotang', 'gaotang');
    city = await api.login('city-reviewer', 'shops-city');
    admin = await api.login('admin', 'shops-admin');
    const made = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(61) });
    orgId = made.body.id;
    const other = await api.call<{ id: number }>('POST', '/api/v1/orgs', {
      token: otherFirm,
      body: firm(62, { county: 'gaotang', name: '高唐测试电商有限公司' }),
    });
    otherOrgId = other.body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const register = (token: string, body: unknown, org = orgId) =>
    api.call<Shop & Refusal>('POST', `/api/v1/orgs/${org}/relocated-shops`, { token, body });
  const act = (token: string, id: number, action: 'verify' | 'refuse' | 'resubmit', body?: unknown) =>
    api.call<Shop & Refusal>('POST', `/api/v1/relocated-shops/${id}/${action}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
  const fieldsOf = (refusal: Refusal) => Object.fromEntries(refusal.details.map((d) => [d.field, d.message]));
  const auditCount = async (action: string): Promise<number> => {
    const rows = (await api.app.app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?', [action])) as { n: unknown }[];
    return Number(rows[0]?.n);
  };

  it('a member registers a shop: pending, the firm named with its credit code, the county the firm’s by default', async () => {
    const made = await register(owner, registration());
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      orgId,
      firmName: '测试电商企业61号有限公司',
      firmUscc: firm(61).uscc,
      platform: 'taobao',
      platformName: '淘宝',
      shop: '58001234',
      shopKind: 'id',
      county: 'linqing',
      countyName: '临清市',
      relocatedOn: '2026-03-10',
      status: 'pending',
      statusLabel: '待核实',
      refusalReason: null,
      reviewedAt: null,
    });
    const link = await register(
      owner,
      registration({ platform: 'other:微店', shop: ' https://Weidian.com/shop/88/ ', county: 'gaotang' }),
    );
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ shop: 'https://Weidian.com/shop/88/', shopKind: 'link', county: 'gaotang' });
    expect(link.body.platformName).toBe('微店');
    const mine = await api.call<{ shops: Shop[] }>('GET', `/api/v1/orgs/${orgId}/relocated-shops`, { token: owner });
    expect(mine.body.shops.map((s) => s.id)).toEqual([link.body.id, made.body.id]);
    expect(await auditCount('relocated-shop.registered')).toBe(2);
  });

  it('a shop is registered once across the city: 409 naming the field, for the same firm and for another', async () => {
    const again = await register(owner, registration({ relocatedOn: '2026-04-01' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(fieldsOf(again.body)['shop']).toMatch(/本企业已登记过该店铺.*同一店铺全市只能登记一次/);
    const byOther = await register(otherFirm, registration(), otherOrgId);
    expect(byOther.status).toBe(409);
    expect(fieldsOf(byOther.body)['shop']).toMatch(/已由其他企业登记/);
    // The same link however written: http or https, the host's case, a trailing slash, a fragment.
    const sameLink = await register(
      otherFirm,
      registration({ platform: 'other:微店', shop: 'http://weidian.com/shop/88#top' }),
      otherOrgId,
    );
    expect(sameLink.status).toBe(409);
    // The same id on another platform is another shop.
    expect((await register(otherFirm, registration({ platform: 'jd' }), otherOrgId)).status).toBe(201);
  });

  it.each([
    ['platform', { platform: 'tmall' }, /平台只能是/],
    ['platform', { platform: 'other:' }, /平台只能是/],
    ['shop', { shop: '   ' }, /请填写店铺ID或店铺链接/],
    ['shop', { shop: 'ftp://example.com/shop' }, /只能以 http:\/\/ 或 https:\/\/ 开头/],
    ['shop', { shop: 'https://shop 1.taobao.com' }, /不是有效的网址/],
    ['shop', { shop: 'shop1.taobao.com/x' }, /请以 http:\/\/ 或 https:\/\/ 开头/],
    ['shop', { shop: 'a'.repeat(65) }, /店铺ID最多64个字符/],
    ['shop', { shop: `https://a.com/${'x'.repeat(490)}` }, /店铺链接最多500个字符/],
    ['shop', { shop: '店铺 123' }, /不能含空格/],
    ['county', { county: 'beijing' }, /请从列表中选择县/],
    ['relocatedOn', { relocatedOn: '2026-02-30' }, /格式为YYYY-MM-DD/],
    ['relocatedOn', { relocatedOn: '2022-12-31' }, /不能早于2023年1月1日/],
    // The API's clock stands at 2026-06-15.
    ['relocatedOn', { relocatedOn: '2026-06-16' }, /不能晚于今天（2026年6月15日）/],
  ])('refuses a bad %s, naming it in Chinese (case %#)', async (field, overrides, message) => {
    const refused = await register(owner, registration({ shop: 'bad-input-shop', ...overrides }));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_REQUEST');
    expect(Object.keys(fieldsOf(refused.body))).toEqual([field]);
    expect(fieldsOf(refused.body)[field]).toMatch(message);
  });

  it('refuses every bad field at once, unknown fields and wrong types, and writes nothing', async () => {
    const before = await api.call<{ shops: Shop[] }>('GET', `/api/v1/orgs/${orgId}/relocated-shops`, { token: owner });
    const all = await register(owner, { platform: 'tmall', shop: '', county: 'x', relocatedOn: '2030-01-01' });
    expect(all.status).toBe(400);
    expect(Object.keys(fieldsOf(all.body)).sort()).toEqual(['county', 'platform', 'relocatedOn', 'shop']);
    const typed = await register(owner, { platform: 1, shop: ['x'], relocatedOn: 20260101 });
    expect(typed.status).toBe(400);
    expect(Object.keys(fieldsOf(typed.body)).sort()).toEqual(['platform', 'relocatedOn', 'shop']);
    const unknown = await register(owner, { ...registration({ shop: 'fine-1' }), orgId: otherOrgId });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)['orgId']).toBeDefined();
    const after = await api.call<{ shops: Shop[] }>('GET', `/api/v1/orgs/${orgId}/relocated-shops`, { token: owner });
    expect(after.body.shops).toEqual(before.body.shops);
  });

  it('only the firm’s members register and read its shops; staff and outsiders are answered as if there were none', async () => {
    expect((await register(otherFirm, registration({ shop: 'not-mine' }))).status).toBe(404);
    expect((await register(linqing, registration({ shop: 'not-mine' }))).status).toBe(404);
    expect((await api.call('GET', `/api/v1/orgs/${orgId}/relocated-shops`, { token: otherFirm })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/orgs/${orgId}/relocated-shops`)).status).toBe(401);
  });

  it('county scoping: a county reviewer lists and reads their county only; the city and the administrator all', async () => {
    const mine = await api.call<Page>('GET', '/api/v1/relocated-shops', { token: linqing });
    expect(mine.status).toBe(200);
    expect(mine.body.shops.length).toBeGreaterThan(0);
    expect(new Set(mine.body.shops.map((s) => s.county))).toEqual(new Set(['linqing']));
    expect(mine.body).toMatchObject({ page: 1, pageSize: 20, total: mine.body.shops.length });
    const other = await api.call<Refusal>('GET', '/api/v1/relocated-shops?county=gaotang', { token: linqing });
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/只能查看本县（市、区）（临清市）/);
    const all = await api.call<Page>('GET', '/api/v1/relocated-shops', { token: city });
    expect(new Set(all.body.shops.map((s) => s.county))).toEqual(new Set(['linqing', 'gaotang']));
    const filtered = await api.call<Page>('GET', '/api/v1/relocated-shops?county=gaotang&status=pending', {
      token: admin,
    });
    expect(filtered.body.shops.every((s) => s.county === 'gaotang' && s.status === 'pending')).toBe(true);
    expect(filtered.body.total).toBe(2);
    const linqingShop = mine.body.shops[0] as Shop;
    // Another county's shop answers exactly like one that does not exist.
    const hidden = await api.call<Refusal>('GET', `/api/v1/relocated-shops/${linqingShop.id}`, { token: gaotang });
    const missing = await api.call<Refusal>('GET', '/api/v1/relocated-shops/999999', { token: gaotang });
    expect(hidden.status).toBe(404);
    expect([hidden.body.code, hidden.body.message, hidden.body.details]).toEqual([
      missing.body.code,
      missing.body.message,
      missing.body.details,
    ]);
    expect((await api.call('GET', `/api/v1/relocated-shops/${linqingShop.id}`, { token: city })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/relocated-shops/${linqingShop.id}`, { token: owner })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/relocated-shops/${linqingShop.id}`, { token: otherFirm })).status).toBe(404);
    const applicant = await api.call<Refusal>('GET', '/api/v1/relocated-shops', { token: owner });
    expect(applicant.status).toBe(403);
    const bad = await api.call<Refusal>('GET', '/api/v1/relocated-shops?status=done&page=0', { token: city });
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldsOf(bad.body)).sort()).toEqual(['page', 'status']);
  });

  it('the county verifies; refuses with a reason; the firm corrects and resubmits; all audited', async () => {
    const made = await register(owner, registration({ shop: 'review-flow-1', relocatedOn: '2026-05-02' }));
    const refusedOne = await register(owner, registration({ shop: 'review-flow-2', relocatedOn: '2026-05-03' }));
    // Another county's reviewer does not see it; the city sees it but the county decides.
    expect((await act(gaotang, made.body.id, 'verify')).status).toBe(404);
    const byCity = await act(city, made.body.id, 'verify');
    expect(byCity.status).toBe(403);
    expect(byCity.body.message).toMatch(/所在县（市、区）的审核员核实/);
    expect((await act(owner, made.body.id, 'verify')).status).toBe(403);

    const verified = await act(linqing, made.body.id, 'verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', statusLabel: '已核实', refusalReason: null });
    expect(verified.body.reviewedAt).not.toBeNull();
    const twice = await act(linqing, made.body.id, 'verify');
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/该登记已核实，只有待核实的登记可以核实或不通过/);

    const noReason = await act(linqing, refusedOne.body.id, 'refuse', { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)['reason']).toMatch(/不通过的理由/);
    const refused = await act(linqing, refusedOne.body.id, 'refuse', {
      reason: '店铺经营主体与企业不符，请核对店铺ID',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: '店铺经营主体与企业不符，请核对店铺ID' });
    // The firm sees the status and the reason.
    const seen = await api.call<Shop>('GET', `/api/v1/relocated-shops/${refusedOne.body.id}`, { token: owner });
    expect(seen.body).toMatchObject({ status: 'refused', statusLabel: '未通过' });

    // Only a refused registration is resubmitted, by the firm, with the same checks.
    expect((await act(owner, made.body.id, 'resubmit', registration({ shop: 'review-flow-1' }))).status).toBe(409);
    expect((await act(otherFirm, refusedOne.body.id, 'resubmit', registration({ shop: 'x-9' }))).status).toBe(404);
    expect((await act(linqing, refusedOne.body.id, 'resubmit', registration({ shop: 'x-9' }))).status).toBe(404);
    const badDay = await act(owner, refusedOne.body.id, 'resubmit', registration({ relocatedOn: '2020-01-01' }));
    expect(badDay.status).toBe(400);
    const taken = await act(owner, refusedOne.body.id, 'resubmit', registration({ shop: 'review-flow-1' }));
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken.body)['shop']).toMatch(/本企业已登记过该店铺/);
    const resubmitted = await act(
      owner,
      refusedOne.body.id,
      'resubmit',
      registration({ shop: 'review-flow-2b', relocatedOn: '2026-05-04' }),
    );
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({
      shop: 'review-flow-2b',
      relocatedOn: '2026-05-04',
      status: 'pending',
      refusalReason: null,
      reviewedAt: null,
    });
    // Its own key again is no conflict with itself.
    const same = await act(linqing, refusedOne.body.id, 'refuse', { reason: '请补充店铺链接' });
    expect(same.status).toBe(200);
    expect(
      (
        await act(
          owner,
          refusedOne.body.id,
          'resubmit',
          registration({ shop: 'review-flow-2b', relocatedOn: '2026-05-04' }),
        )
      ).status,
    ).toBe(200);
    expect((await act(linqing, refusedOne.body.id, 'verify')).status).toBe(200);

    expect(await auditCount('relocated-shop.verified')).toBe(2);
    expect(await auditCount('relocated-shop.refused')).toBe(2);
    expect(await auditCount('relocated-shop.resubmitted')).toBe(2);
    const entries = await api.call<{ entries: { action: string; before: unknown; after: unknown }[] }>(
      'GET',
      `/api/v1/audit?entity=relocated-shop&entityId=${refusedOne.body.id}`,
      { token: admin },
    );
    expect(entries.body.entries.map((e) => e.action)).toEqual([
      'relocated-shop.verified',
      'relocated-shop.resubmitted',
      'relocated-shop.refused',
      'relocated-shop.resubmitted',
      'relocated-shop.refused',
      'relocated-shop.registered',
    ]);
  });

  it('two registrations of one shop at once: one is registered, the other told 409', async () => {
    const body = registration({ shop: 'raced-shop', relocatedOn: '2026-01-05' });
    const replies = await Promise.all([register(owner, body), register(otherFirm, body, otherOrgId)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('counts verified shops by county and month of relocation, and the city summary against the target of 五', async () => {
    // Verified so far: review-flow-1 (linqing, May), review-flow-2b (linqing, May).
    const pending = await api.call<Page>('GET', '/api/v1/relocated-shops?status=pending', { token: city });
    for (const shop of pending.body.shops) {
      const reviewer = shop.county === 'linqing' ? linqing : gaotang;
      expect((await act(reviewer, shop.id, 'verify')).status).toBe(200);
    }
    // One waiting and one refused: neither counts.
    expect((await register(owner, registration({ shop: 'still-pending', relocatedOn: '2026-04-01' }))).status).toBe(
      201,
    );
    const refusedLater = await register(owner, registration({ shop: 'refused-later', relocatedOn: '2026-04-02' }));
    expect((await act(linqing, refusedLater.body.id, 'refuse', { reason: '主体不符' })).status).toBe(200);
    // Now verified: 58001234 (linqing, March), the 微店 link (gaotang, March), jd 58001234 (gaotang,
    // March), raced-shop (January, the winner's county) and the two of May.
    const counts = await api.app.app.get(RelocatedShopsService).verifiedCounts(2026);
    const total = counts.reduce((n, c) => n + c.count, 0);
    expect(total).toBe(6);
    expect(counts.filter((c) => c.month === 5)).toEqual([{ county: 'linqing', month: 5, count: 2 }]);
    expect(counts.find((c) => c.county === 'gaotang' && c.month === 3)?.count).toBe(2);
    expect(await api.app.app.get(RelocatedShopsService).verifiedCounts(2025)).toEqual([]);

    const summary = await api.call<Summary>('GET', '/api/v1/relocated-shops/summary?year=2026', { token: city });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ year: 2026, total: 6, cumulative: 6, pending: 1 });
    expect(summary.body.months[3]).toBe(0);
    expect(summary.body.months[4]).toBe(2);
    expect(summary.body.months.reduce((a, b) => a + b, 0)).toBe(6);
    expect(summary.body.counties).toHaveLength(11);
    expect(summary.body.counties.find((c) => c.county === 'linqing')?.months[4]).toBe(2);
    expect(summary.body.target).toEqual({
      shops: 180,
      by: '2023-12-31',
      clause: expect.stringContaining('回迁市内店铺超过180家') as unknown as string,
      met: false,
    });
    // A year before has nothing.
    const earlier = await api.call<Summary>('GET', '/api/v1/relocated-shops/summary?year=2025', { token: linqing });
    expect(earlier.body).toMatchObject({ total: 0, cumulative: 0 });
    expect((await api.call('GET', '/api/v1/relocated-shops/summary?year=2026', { token: owner })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/relocated-shops/summary?year=abc', { token: city })).status).toBe(400);
  });

  it('two decisions on one registration at once: one is made, the other told 409', async () => {
    const made = await register(owner, registration({ shop: 'decided-twice', relocatedOn: '2026-02-01' }));
    const replies = await Promise.all([
      act(linqing, made.body.id, 'verify'),
      act(linqing, made.body.id, 'refuse', { reason: '主体不符' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const decided = await api.call<Shop>('GET', `/api/v1/relocated-shops/${made.body.id}`, { token: owner });
    const winner = replies.find((r) => r.status === 200)?.body.status;
    expect(['verified', 'refused']).toContain(winner);
    expect(decided.body.status).toBe(winner);
  });
});
