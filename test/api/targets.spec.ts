import { DataSource } from 'typeorm';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { figuresOf, seedScenario } from './support/figures.js';

type Target = {
  id: string;
  clause: string;
  goal: number | null;
  current: number | null;
  asOf: string | null;
  reached: boolean | null;
  series: { month: number; value: number | null }[];
  goalLabel: string;
};
type Dashboard = {
  year: number;
  months: number[];
  coverage: string;
  targets: Target[];
  observations: { indicator: string; observedOn: string; value: number }[];
};
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };

describe.each(ENGINES)('the 2023 targets dashboard on %s', (engine) => {
  let api: Booted;
  let city: string;
  let admin: string;
  let county: string;
  let applicant: string;

  beforeAll(async () => {
    api = await boot(engine);
    city = await api.login('city-reviewer');
    admin = await api.login('admin');
    county = await api.login('county-reviewer', undefined, 'gaotang');
    applicant = await api.login('applicant');
  });
  afterAll(async () => {
    await api.close();
  });

  const dashboard = (token: string, year: unknown = 2023) =>
    api.call<Dashboard & Refusal>('GET', `/api/v1/targets?year=${String(year)}`, { token });
  const observe = (token: string, body: unknown) =>
    api.call<{ id: number; label: string } & Refusal>('POST', '/api/v1/targets/observations', { token, body });
  const target = (d: Dashboard, id: string): Target => {
    const found = d.targets.find((t) => t.id === id);
    if (!found) throw new Error(`no target ${id}`);
    return found;
  };

  it('before any figure: every target of the text, cited, and nothing measured', async () => {
    const res = await dashboard(city);
    expect(res.status).toBe(200);
    expect(res.body.targets.map((t) => t.id)).toEqual([
      'online-retail',
      'online-share',
      'firms-over-100m',
      'online-shops',
      'relocated-shops',
      'college-integration',
    ]);
    expect(target(res.body, 'online-retail')).toMatchObject({
      goal: 3_500_000_000_000,
      current: null,
      reached: null,
      clause: '力争到2023年底，全市网络零售额达到350亿元',
    });
    expect(target(res.body, 'online-share').goal).toBeNull();
    expect(target(res.body, 'online-share').goalLabel).toContain('尚未录入');
    expect(res.body.coverage).toBe('2023年暂无月度数据');
  });

  it('measures online retail and its share from the figures, relocated shops from the verified register', async () => {
    await seedScenario(api);
    // 五's register: two verified shops (January, March), one still pending and one of 2024 — neither counts.
    const owner = await api.login('applicant', 'targets-shops-owner');
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', {
      token: owner,
      body: firm(71, { county: 'gaotang', name: '高唐迁入店铺测试有限公司' }),
    });
    const registered: number[] = [];
    for (const [shop, relocatedOn] of [
      ['71000001', '2023-01-15'],
      ['71000002', '2023-03-02'],
      ['71000003', '2023-03-20'],
      ['71000004', '2024-02-01'],
    ] as const) {
      const made = await api.call<{ id: number }>('POST', `/api/v1/orgs/${org.body.id}/relocated-shops`, {
        token: owner,
        body: { platform: 'taobao', shop, relocatedOn },
      });
      expect(made.status).toBe(201);
      registered.push(made.body.id);
    }
    for (const id of [registered[0], registered[1], registered[3]]) {
      const verified = await api.call('POST', `/api/v1/relocated-shops/${String(id)}/verify`, { token: county });
      expect(verified.status).toBe(200);
    }
    await figuresOf(api).province(2023, 1000, 3000);
    const res = await dashboard(city);
    expect(res.body.months).toEqual([1, 2, 3, 4, 5, 6]);
    const retail = target(res.body, 'online-retail');
    // Eight counties: 975万元 a month (975,000,000 fen), 870万元 in June without 临清市.
    expect(retail.series).toEqual([
      { month: 1, value: 975_000_000 },
      { month: 2, value: 1_950_000_000 },
      { month: 3, value: 2_925_000_000 },
      { month: 4, value: 3_900_000_000 },
      { month: 5, value: 4_875_000_000 },
      { month: 6, value: 5_745_000_000 },
    ]);
    expect(retail).toMatchObject({ current: 5_745_000_000, reached: false, asOf: '截至2023年6月' });
    const share = target(res.body, 'online-share');
    // 1,900 of 8,000 (23.75%) a month to May; to June 11,200 of 47,000 (23.83%, half away from zero).
    expect(share.series[0]).toEqual({ month: 1, value: 2375 });
    expect(share.series[5]).toEqual({ month: 6, value: 2383 });
    expect(share).toMatchObject({ goal: 3000, current: 2383, reached: false });
    const relocated = target(res.body, 'relocated-shops');
    // Not the monthly figures' 16 a month: the register's verified shops, by month of relocation.
    expect(relocated.series).toEqual([
      { month: 1, value: 1 },
      { month: 2, value: 1 },
      { month: 3, value: 2 },
    ]);
    expect(relocated).toMatchObject({ goal: 180, current: 2, reached: false, asOf: '截至2023年3月' });
    // The county reviewer sees the same city view; an applicant does not.
    const seen = await dashboard(county);
    expect(seen.status).toBe(200);
    expect(seen.body.targets).toEqual(res.body.targets);
    expect((await dashboard(applicant)).status).toBe(403);
    const otherYear = await dashboard(city, 2024);
    expect(otherYear.status).toBe(400);
    expect(otherYear.body.details).toEqual([{ field: 'year', message: expect.stringContaining('2023年底') }]);
  });

  it('refuses bad observations naming each field, and only city staff enter them', async () => {
    const bad = await observe(city, { indicator: 'shops', observedOn: '2023-02-30', value: -1, source: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(['indicator', 'observedOn', 'value']);
    const future = await observe(city, { indicator: 'online-shops', observedOn: '2026-06-16', value: 1, source: ' ' });
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([
      { field: 'observedOn', message: '观测日期不能晚于今天（2026-06-15）' },
      { field: 'source', message: expect.stringContaining('请填写数据来源') },
    ]);
    const refused = await observe(county, {
      indicator: 'online-shops',
      observedOn: '2023-06-30',
      value: 90_000,
      source: '市统计局',
    });
    expect(refused.status).toBe(403);
    const rows = (await api.app.app.get(DataSource).query('SELECT COUNT(*) AS n FROM target_observations')) as {
      n: unknown;
    }[];
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('reads the latest dated observation of each indicator the figures cannot give', async () => {
    const entries = [
      ['firms-over-100m-base', '2022-12-31', 12],
      ['firms-over-100m', '2023-06-30', 20],
      ['firms-over-100m', '2023-03-31', 30],
      ['online-shops', '2023-06-30', 100_000],
      ['colleges-with-programme', '2023-06-30', 9],
      ['colleges-integrating', '2023-06-30', 5],
    ] as const;
    for (const [indicator, observedOn, value] of entries) {
      const made = await observe(indicator === 'online-shops' ? admin : city, {
        indicator,
        observedOn,
        value,
        source: '市商务投资促进局统计',
      });
      expect(made.status).toBe(201);
    }
    const res = await dashboard(city);
    // 翻一番 of 12: 24; the latest by date is June's 20, though March's was entered after it.
    expect(target(res.body, 'firms-over-100m')).toMatchObject({ goal: 24, current: 20, reached: false });
    // 超过10万家: exactly 100,000 is not yet.
    expect(target(res.body, 'online-shops')).toMatchObject({ goal: 100_000, current: 100_000, reached: false });
    // 5 of 9 colleges: 55.56%, 50%以上.
    expect(target(res.body, 'college-integration')).toMatchObject({ goal: 5000, current: 5556, reached: true });
    expect(target(res.body, 'firms-over-100m').asOf).toContain('2023-06-30');
    expect(res.body.observations).toHaveLength(6);
    const events = (await api.app.app
      .get(DataSource)
      .query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'target.observed'")) as { n: unknown }[];
    expect(Number(events[0]?.n)).toBe(6);
  });
});
