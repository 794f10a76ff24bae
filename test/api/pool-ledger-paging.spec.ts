import { DataSource } from 'typeorm';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { applicationsAtCityReview } from './support/pools.js';

type Ledger = {
  pool: { reservedFen: number };
  awards: { applicationId: number; amountFen: number }[];
  entries: { applicationId: number; amountFen: number }[];
  page: number;
  awardsPage: number;
  pageSize: number;
  entriesTotal: number;
  awardsTotal: number;
};
type Refusal = { code: string; details: { field: string; message: string }[] };

// The workbench shows a pool's ledger a screen at a time: the API pages its lines and its awards.
describe.each(ENGINES)('a pool ledger read a page at a time on %s', (engine) => {
  let api: Booted;

  beforeAll(async () => {
    api = await boot(engine);
  });
  afterAll(async () => {
    await api.close();
  });

  it('pages the lines and the awards separately, with totals over the whole ledger', async () => {
    const city = await api.login('city-reviewer');
    const finance = await api.login('finance');
    const owner = await api.login('applicant', 'ledger-paging-owner');
    const made = await api.call<{ id: number }>('POST', '/api/v1/rounds', {
      token: city,
      body: {
        claimYear: 2023,
        title: '2023年度台账分页测试批次',
        opens: '2026-06-01',
        closes: '2026-06-30',
        programs: ['leading-enterprise'],
        pools: [{ poolId: 'pool-leading', capFen: 100_000_000, sharing: 'order' }],
      },
    });
    expect(made.status).toBe(201);
    const roundId = made.body.id;
    const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(57) })).body.id;
    const ds = api.app.app.get(DataSource);
    const rows = (await ds.query(`SELECT created_by FROM orgs WHERE id = ${orgId}`)) as { created_by: number }[];
    const ids = await applicationsAtCityReview(api.app, orgId, Number(rows[0]?.created_by), 2023, 23);
    const { BudgetService } = await import('../../api/src/modules/budget/budget.service.js');
    const { Transactions } = await import('../../api/src/database/transactions.js');
    const budget = api.app.app.get(BudgetService);
    const tx = api.app.app.get(Transactions);
    for (const [i, id] of ids.entries())
      await tx.run((m) =>
        budget.reserve(m, { roundId, poolId: 'pool-leading', applicationId: id, amountFen: 100 + i, actorId: null }),
      );

    const path = `/api/v1/rounds/${roundId}/pools/pool-leading/ledger`;
    const first = await api.call<Ledger>('GET', path, { token: finance });
    expect(first.status).toBe(200);
    expect([first.body.page, first.body.awardsPage, first.body.pageSize]).toEqual([1, 1, 20]);
    expect([first.body.entriesTotal, first.body.awardsTotal]).toEqual([23, 23]);
    expect(first.body.entries.map((e) => e.applicationId)).toEqual(ids.slice(0, 20));
    expect(first.body.awards.map((a) => a.applicationId)).toEqual(ids.slice(0, 20));

    const second = await api.call<Ledger>('GET', `${path}?page=2&awardsPage=2`, { token: finance });
    expect(second.body.entries.map((e) => e.amountFen)).toEqual([120, 121, 122]);
    expect(second.body.awards.map((a) => a.applicationId)).toEqual(ids.slice(20));
    // The totals are the pool's, whatever the page.
    expect(second.body.pool.reservedFen).toBe(ids.reduce((sum, _, i) => sum + 100 + i, 0));

    const mixed = await api.call<Ledger>('GET', `${path}?page=2`, { token: finance });
    expect(mixed.body.entries).toHaveLength(3);
    expect(mixed.body.awards).toHaveLength(20);

    const beyond = await api.call<Ledger>('GET', `${path}?page=9`, { token: finance });
    expect([beyond.body.entries.length, beyond.body.entriesTotal]).toEqual([0, 23]);

    const bad = await api.call<Refusal>('GET', `${path}?page=0`, { token: finance });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'page', message: '台账页码必须是正整数' }]);
    expect((await api.call('GET', path, { token: owner })).status).toBe(403);
  });
});
