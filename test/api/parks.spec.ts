import { DataSource } from 'typeorm';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';

type Workspace = {
  year: number;
  status: string;
  criteria: { name: string; weightBp: number }[];
  parks: { orgId: number; name: string; scores: { criterion: string; score: number }[]; complete: boolean }[];
  ranking: { orgId: number; rank: number; weightedScore10k: number; weightedScoreText: string }[];
  publishedAt: string | null;
};
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };

const CRITERIA = [
  { name: '企业孵化', weightBp: 4000 },
  { name: '人才培训', weightBp: 3500 },
  { name: '仓储物流', weightBp: 2500 },
];
const sheet = (a: number, b: number, c: number) => ({
  scores: [
    { criterion: '企业孵化', score: a },
    { criterion: '人才培训', score: b },
    { criterion: '仓储物流', score: c },
  ],
});

describe.each(ENGINES)('the yearly park evaluation (第八条) on %s', (engine) => {
  let api: Booted;
  let admin: string;
  let city: string;
  let county: string;
  let owner: string;
  const parks: number[] = [];
  let shop: number;

  beforeAll(async () => {
    api = await boot(engine);
    admin = await api.login('admin', 'park-admin');
    city = await api.login('city-reviewer', 'park-city');
    county = await api.login('county-reviewer', 'park-county', 'linqing');
    owner = await api.login('applicant', 'park-owner');
    for (const n of [1, 2, 3, 4]) {
      const made = await api.call<{ id: number }>('POST', '/api/v1/orgs', {
        token: owner,
        body: firm(n, { name: `聊城第${n}电商产业园有限公司`, orgTypes: ['ecommerce-park'] }),
      });
      parks.push(made.body.id);
    }
    shop = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(9) })).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const putCriteria = (token: string, criteria: unknown, year = 2025) =>
    api.call<Workspace & Refusal>('PUT', `/api/v1/park-evaluations/${year}/criteria`, { token, body: { criteria } });
  const putScores = (token: string, orgId: number, body: unknown, year = 2025) =>
    api.call<Workspace & Refusal>('PUT', `/api/v1/park-evaluations/${year}/parks/${orgId}/scores`, { token, body });
  const publish = (token: string, year = 2025) =>
    api.call<Workspace & Refusal>('POST', `/api/v1/park-evaluations/${year}/publish`, { token });

  it('only the administrator sets criteria; weights must sum to 10000 basis points', async () => {
    expect((await putCriteria(city, CRITERIA)).status).toBe(403);
    const notWhole = await putCriteria(admin, [
      { name: '企业孵化', weightBp: 5000 },
      { name: '人才培训', weightBp: 4000 },
    ]);
    expect(notWhole.status).toBe(400);
    expect(notWhole.body.details).toEqual([
      { field: 'criteria', message: '各项指标权重之和必须为10000基点（100%），现为9000基点（90%）' },
    ]);
    const badItems = await putCriteria(admin, [
      { name: '企业孵化', weightBp: '5000' },
      { name: 'x', weightBp: 5000, y: 1 },
      7,
    ]);
    expect(badItems.body.details.map((d) => d.field)).toEqual(['criteria[0].weightBp', 'criteria[1].y', 'criteria[2]']);
    expect((await putCriteria(admin, [])).status).toBe(400);
    const count = (await api.app.app.get(DataSource).query('SELECT COUNT(*) AS n FROM park_evaluations')) as {
      n: unknown;
    }[];
    expect(Number(count[0]?.n)).toBe(0);
    const set = await putCriteria(admin, CRITERIA);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ status: 'draft', criteria: CRITERIA });
    expect(set.body.parks.map((p) => p.orgId)).toEqual(parks);
  });

  it('two first saves of a year’s criteria at once: each is taken or told to look again, never a server error', async () => {
    const other = [
      { name: '孵化服务', weightBp: 6000 },
      { name: '人才培训', weightBp: 4000 },
    ];
    for (const year of [2021, 2022]) {
      const answers = await Promise.all([putCriteria(admin, CRITERIA, year), putCriteria(admin, other, year)]);
      expect(answers.map((a) => a.status).every((s) => s === 200 || s === 409)).toBe(true);
      expect(answers.some((a) => a.status === 200)).toBe(true);
      const stored = await api.call<Workspace>('GET', `/api/v1/park-evaluations/${year}/workspace`, { token: admin });
      // One year, one set of criteria: one of the two, whole.
      expect([CRITERIA, other]).toContainEqual(stored.body.criteria);
    }
  });

  it('only city reviewers score, 0 to 100 per criterion of the year, parks only', async () => {
    expect((await putScores(admin, parks[0] as number, sheet(90, 90, 90))).status).toBe(403);
    expect((await putScores(county, parks[0] as number, sheet(90, 90, 90))).status).toBe(403);
    const bad = await putScores(city, parks[0] as number, {
      scores: [
        { criterion: '企业孵化', score: 101 },
        { criterion: '金融服务', score: 50 },
        { criterion: '人才培训', score: 70.5 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual(['scores[0].score', 'scores[1].criterion', 'scores[2].score']);
    expect(bad.body.details[0]?.message).toBe('得分必须是0到100之间的整数');
    expect((await putScores(city, shop, sheet(90, 90, 90))).status).toBe(404);
    expect((await putScores(city, parks[0] as number, sheet(90, 90, 90), 2024)).status).toBe(409);
  });

  it('ranks by the weighted score; ties share a rank; a partial sheet holds publication back', async () => {
    const [a, b, c, d] = parks as [number, number, number, number];
    await putScores(city, a, sheet(60, 60, 60));
    await putScores(city, b, sheet(90, 90, 90));
    await putScores(city, c, sheet(80, 70, 75));
    // Entered in two sittings: one criterion first.
    const partial = await putScores(city, d, { scores: [{ criterion: '企业孵化', score: 85 }] });
    expect(partial.body.parks.find((p) => p.orgId === d)?.complete).toBe(false);
    const held = await publish(city);
    expect(held.status).toBe(409);
    expect(held.body.message).toBe('以下园区尚有指标未评分，请补齐后再公布：聊城第4电商产业园有限公司');
    const done = await putScores(city, d, {
      scores: [
        { criterion: '人才培训', score: 60 },
        { criterion: '仓储物流', score: 81 },
      ],
    });
    expect(done.body.ranking.map((r) => [r.orgId, r.rank, r.weightedScore10k])).toEqual([
      [b, 1, 900_000],
      [c, 2, 752_500],
      [d, 2, 752_500],
      [a, 4, 600_000],
    ]);
    expect(done.body.ranking[1]?.weightedScoreText).toBe('75.25');
    // Nothing public before it is published.
    expect((await api.call<{ years: number[] }>('GET', '/api/v1/park-evaluations')).body).toEqual({ years: [] });
    const before = await api.call<Refusal>('GET', '/api/v1/park-evaluations/2025');
    expect(before.status).toBe(404);
    expect(before.body.message).toBe('2025年度电商产业园区综合评价尚未公布');
    expect((await publish(admin)).status).toBe(403);
    const published = await publish(city);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  });

  it('is public without sign-in once published, and frozen', async () => {
    const read = await api.call<{ ranking: { rank: number; name: string }[]; criteria: unknown[] }>(
      'GET',
      '/api/v1/park-evaluations/2025',
    );
    expect(read.status).toBe(200);
    expect(read.body.criteria).toEqual(CRITERIA);
    expect(read.body.ranking.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(read.body.ranking[0]?.name).toBe('聊城第2电商产业园有限公司');
    expect((await api.call<{ years: number[] }>('GET', '/api/v1/park-evaluations')).body).toEqual({ years: [2025] });
    const frozen = await putCriteria(admin, CRITERIA);
    expect(frozen.status).toBe(409);
    expect(frozen.body.message).toBe('2025年度园区综合评价已公布，指标、权重和得分不能再修改');
    expect((await putScores(city, parks[0] as number, sheet(100, 100, 100))).status).toBe(409);
    expect((await publish(city)).status).toBe(409);
    // The workbench is the city's, not a firm's.
    expect((await api.call('GET', '/api/v1/park-evaluations/2025/workspace', { token: owner })).status).toBe(403);
  });

  it('a criterion taken out takes its scores with it while the year is a draft', async () => {
    await putCriteria(admin, CRITERIA, 2026);
    await putScores(city, parks[0] as number, sheet(50, 60, 70), 2026);
    const changed = await putCriteria(
      admin,
      [
        { name: '企业孵化', weightBp: 5000 },
        { name: '金融服务', weightBp: 5000 },
      ],
      2026,
    );
    const park = changed.body.parks.find((p) => p.orgId === parks[0]);
    expect(park).toMatchObject({ scores: [{ criterion: '企业孵化', score: 50 }], complete: false });
    expect(changed.body.ranking).toEqual([]);
    const none = await publish(city, 2026);
    expect(none.status).toBe(409);
  });
});
