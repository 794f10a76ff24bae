import { DataSource } from 'typeorm';
import { boot, type Booted } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { figuresOf, seedScenario } from './support/figures.js';

type Entry = { county: string; name: string; rank: number; value: number };
type Publication = {
  year: number;
  version: number;
  publishedAt: string;
  inputs: { coverage: string; throughMonth: number; complete: boolean; months: { county: string; months: number[] }[] };
  result: {
    lists: Record<'retail-growth' | 'online-share' | 'new-shops' | 'relocated-shops', Entry[]>;
    criteria: Record<string, { measure: number; clauses: string[] }>;
  };
  versions: { version: number; coverage: string }[];
};
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };

const ranks = (entries: Entry[]) => entries.map((e) => [e.county, e.rank]);

describe.each(ENGINES)('commendations published from the monthly figures on %s', (engine) => {
  let api: Booted;
  let city: string;
  let admin: string;
  let county: string;

  beforeAll(async () => {
    api = await boot(engine);
    city = await api.login('city-reviewer');
    admin = await api.login('admin');
    county = await api.login('county-reviewer', undefined, 'linqing');
  });
  afterAll(async () => {
    await api.close();
  });

  const draft = (token: string | undefined, year: unknown = 2023) =>
    api.call<Publication & Refusal>('GET', `/api/v1/commendations/draft?year=${String(year)}`, token ? { token } : {});
  const publish = (token: string | undefined, body: unknown = { year: 2023 }) =>
    api.call<Publication & Refusal>('POST', '/api/v1/commendations/publications', token ? { token, body } : { body });
  const outboxCount = async (type: string) =>
    Number(
      (
        (await api.app.app.get(DataSource).query('SELECT COUNT(*) AS n FROM outbox WHERE event_type = ?', [type])) as {
          n: unknown;
        }[]
      )[0]?.n,
    );

  it('refuses, naming the year, while the figures or the province averages of the year are missing', async () => {
    const none = await draft(city);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('CONFLICT');
    // The province's averages are asked for first: without them 高于全省平均 cannot be judged.
    expect(none.body.message).toContain('全省平均');
    expect(none.body.details).toEqual([{ field: 'year', message: expect.stringContaining('全省网络零售额平均增幅') }]);

    await seedScenario(api);
    const noProvince = await publish(city);
    expect(noProvince.status).toBe(409);
    expect(noProvince.body.details[0]?.field).toBe('year');
    expect(await outboxCount('commendation.published')).toBe(0);

    await figuresOf(api).province(2024, 1000, 3000);
    const noFigures = await draft(city, 2024);
    expect(noFigures.status).toBe(409);
    expect(noFigures.body.message).toContain('尚无任何县（市、区）的月度数据');
    // Figures and averages, but no edition in force for 2024: the ranking's parameters are the edition's.
    await figuresOf(api).month('linqing', 2024, 1, {
      onlineRetailFen: 1,
      onlineRetailPriorYearFen: 1,
      physicalGoodsOnlineRetailFen: 1,
      totalRetailSalesFen: 1,
      newOnlineShops: 1,
      relocatedShops: 1,
      relocatedShopsStatisticalRetailFen: 1,
    });
    const noEdition = await publish(city, { year: 2024 });
    expect(noEdition.status).toBe(422);
    expect(noEdition.body.code).toBe('NO_EDITION');
    expect(await outboxCount('commendation.published')).toBe(0);
  });

  it('computes the lists with shared ranks for ties, strictly above the province, with the months covered', async () => {
    await figuresOf(api).province(2023, 1000, 3000);
    const res = await draft(city);
    expect(res.status).toBe(200);
    const { lists, criteria } = res.body.result;
    // 50%, 30%, 30%, 20%, 15%, 15%: the tie at 5th keeps both; 10% (gaotang) is not above 10% anyway.
    expect(ranks(lists['retail-growth'])).toEqual([
      ['dongchangfu', 1],
      ['chiping', 2],
      ['yanggu', 2],
      ['shenxian', 4],
      ['donge', 5],
      ['guanxian', 5],
    ]);
    expect(lists['retail-growth'][0]).toMatchObject({ name: '东昌府区', value: 5000 });
    // 30% equals the province's 30%: not 超过.
    expect(ranks(lists['online-share'])).toEqual([['dongchangfu', 1]]);
    // 501 is 超过500家; exactly 500 is not.
    expect(ranks(lists['new-shops'])).toEqual([['dongchangfu', 1]]);
    expect(ranks(lists['relocated-shops'])).toEqual([
      ['dongchangfu', 1],
      ['chiping', 2],
      ['yanggu', 2],
    ]);
    expect(criteria['retail-growth']?.clauses).toContain('对当年网络零售额增幅高于全省平均增幅');
    expect(criteria['new-shops']?.measure).toBe(4);
    expect(res.body.inputs).toMatchObject({ throughMonth: 6, complete: false });
    expect(res.body.inputs.coverage).toBe('截至2023年6月（临清市仅有1月、2月、3月、4月、5月数据）');
    expect(res.body.inputs.months.find((m) => m.county === 'linqing')?.months).toEqual([1, 2, 3, 4, 5]);
    // The administrator may look; a county reviewer may not.
    expect((await draft(admin)).status).toBe(200);
    const refused = await draft(county);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('市级审核员');
  });

  it('publishes a frozen version; a later one supersedes it and both are kept and audited', async () => {
    expect((await publish(admin)).status).toBe(403);
    expect((await publish(county)).status).toBe(403);
    expect((await publish(undefined)).status).toBe(401);
    const bad = await publish(city, { year: '二〇二三' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(['year']);

    const first = await publish(city);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ year: 2023, version: 1, versions: [{ version: 1 }] });

    // 高唐县 revises June upwards: 60% growth for the half-year would top the list.
    await figuresOf(api).month('gaotang', 2023, 6, {
      onlineRetailFen: 400_000_000,
      onlineRetailPriorYearFen: 100_000_000,
      physicalGoodsOnlineRetailFen: 200_000_000,
      totalRetailSalesFen: 1_000_000_000,
      newOnlineShops: 0,
      relocatedShops: 2,
      relocatedShopsStatisticalRetailFen: 0,
    });
    const second = await publish(city);
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.result.lists['retail-growth'][0]).toMatchObject({ county: 'gaotang', rank: 1 });
    expect(second.body.versions.map((v) => v.version)).toEqual([2, 1]);

    // Version 1 stays as it was published.
    const stored = (await api.app.app
      .get(DataSource)
      .query('SELECT version, result FROM commendation_publications WHERE year = 2023 ORDER BY version')) as {
      version: number;
      result: unknown;
    }[];
    expect(stored).toHaveLength(2);
    const v1 = (
      typeof stored[0]?.result === 'string' ? JSON.parse(stored[0].result) : stored[0]?.result
    ) as Publication['result'];
    expect(v1.lists['retail-growth'][0]?.county).toBe('dongchangfu');
    expect(await outboxCount('commendation.published')).toBe(2);
    const audit = (await api.app.app
      .get(DataSource)
      .query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'commendation.published'")) as { n: unknown }[];
    expect(Number(audit[0]?.n)).toBe(2);
  });

  it('anyone reads the latest published lists of a year and which years are published, without signing in', async () => {
    const read = await api.call<Publication & Refusal>('GET', '/api/v1/commendations/publications/2023');
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(2);
    expect(read.body.result.lists['retail-growth'][0]?.county).toBe('gaotang');
    expect(read.body.inputs.coverage).toContain('截至2023年6月');
    const years = await api.call<{ years: { year: number; version: number }[] }>(
      'GET',
      '/api/v1/commendations/publications',
    );
    expect(years.status).toBe(200);
    expect(years.body.years).toEqual([expect.objectContaining({ year: 2023, version: 2 })]);
    const missing = await api.call<Refusal>('GET', '/api/v1/commendations/publications/2024');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('2024年度已发布的通报表扬名单');
    expect((await api.call<Refusal>('GET', '/api/v1/commendations/publications/abc')).status).toBe(400);
  });
});
