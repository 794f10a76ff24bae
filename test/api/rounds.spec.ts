import { DataSource } from 'typeorm';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { applicationsAtCityReview } from './support/pools.js';

type RoundBody = {
  id: number;
  claimYear: number;
  title: string;
  open: boolean;
  programs: { programId: string; title: string }[];
  pools: { poolId: string; capFen: number; sharing: string; availableFen: number; reservedFen: number }[];
};
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };

const request = (overrides: Record<string, unknown> = {}) => ({
  claimYear: 2023,
  title: '2023年度电商政策资金第一批申报',
  opens: '2026-06-01',
  closes: '2026-06-30',
  programs: ['leading-enterprise'],
  pools: [{ poolId: 'pool-leading', capFen: 150_000_000, sharing: 'order' }],
  ...overrides,
});

describe.each(ENGINES)('application rounds on %s', (engine) => {
  let api: Booted;
  let city: string;
  let admin: string;

  beforeAll(async () => {
    api = await boot(engine);
    city = await api.login('city-reviewer');
    admin = await api.login('admin');
  });
  afterAll(async () => {
    await api.close();
  });

  const create = (token: string, body: unknown) =>
    api.call<RoundBody & Refusal>('POST', '/api/v1/rounds', { token, body });

  it('a city reviewer publishes a round; anyone lists and reads it', async () => {
    const made = await create(city, request());
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      claimYear: 2023,
      open: true,
      programs: [{ programId: 'leading-enterprise' }],
      pools: [
        { poolId: 'pool-leading', capFen: 150_000_000, sharing: 'order', availableFen: 150_000_000, reservedFen: 0 },
      ],
    });
    const read = await api.call<RoundBody>('GET', `/api/v1/rounds/${made.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(made.body);
    const list = await api.call<{ rounds: RoundBody[] }>('GET', '/api/v1/rounds?year=2023&open=true');
    expect(list.body.rounds.map((r) => r.id)).toContain(made.body.id);
    const closed = await api.call<{ rounds: RoundBody[] }>('GET', '/api/v1/rounds?year=2023&open=false');
    expect(closed.body.rounds.map((r) => r.id)).not.toContain(made.body.id);
    expect((await api.call<{ rounds: RoundBody[] }>('GET', '/api/v1/rounds?year=2024')).body.rounds).toEqual([]);
    // The 2023 edition has no window of its own: the round is what opens its program, as the catalogue says.
    const catalogue = await api.call<{ programs: { programId: string; applicationWindow: unknown }[] }>(
      'GET',
      '/api/v1/programs?year=2023',
    );
    const windowOf = (id: string) => catalogue.body.programs.find((p) => p.programId === id)?.applicationWindow;
    expect(windowOf('leading-enterprise')).toEqual({ opens: '2026-06-01', closes: '2026-06-30' });
    expect(windowOf('talent-hiring')).toBeNull();
    const audit = (await api.app.app
      .get(DataSource)
      .query("SELECT COUNT(*) AS n FROM outbox WHERE event_type = 'round.created'")) as { n: unknown }[];
    expect(Number(audit[0]?.n)).toBe(1);
  });

  it('the year’s rounds together never exceed the edition’s pool: CONFLICT names the field and what is left', async () => {
    // 150万 of 200万 taken by the first test's round: 50万 left.
    const over = await create(
      admin,
      request({ pools: [{ poolId: 'pool-leading', capFen: 50_000_001, sharing: 'pro-rata' }] }),
    );
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('CONFLICT');
    expect(over.body.details[0]?.field).toBe('pools[0].capFen');
    expect(over.body.message).toContain('最多还可设置50万元');
    const fits = await create(
      admin,
      request({ pools: [{ poolId: 'pool-leading', capFen: 50_000_000, sharing: 'pro-rata' }] }),
    );
    expect(fits.status).toBe(201);
    expect(fits.body.pools[0]?.sharing).toBe('pro-rata');
  });

  it('refuses, naming each field: dates, programs, pools unknown, repeated, missing, malformed', async () => {
    const fields = async (body: unknown) => {
      const res = await create(city, body);
      expect(res.status).toBe(400);
      return res.body.details.map((d) => d.field);
    };
    expect(await fields(request({ opens: '2026-07-01', closes: '2026-06-30' }))).toEqual(['closes']);
    expect(await fields(request({ opens: '2026-02-30' }))).toEqual(['opens']);
    // A day that does not exist is named with the other fields at fault, not after they are fixed.
    expect((await fields(request({ title: '', opens: '2026-13-01' }))).sort()).toEqual(['opens', 'title']);
    expect(await fields(request({ programs: ['talent-hiring'] }))).toEqual(['programs[0]']);
    expect(await fields(request({ programs: [] }))).toEqual(['programs']);
    expect(await fields(request({ programs: ['no-such'] }))).toEqual(['programs']);
    expect(
      await fields(
        request({
          pools: [
            { poolId: 'pool-leading', capFen: 1, sharing: 'order' },
            { poolId: 'pool-leading', capFen: 1, sharing: 'order' },
          ],
        }),
      ),
    ).toEqual(['pools[1].poolId']);
    expect(await fields(request({ pools: [{ poolId: 'pool-x', capFen: 1.5, sharing: 'first' }] }))).toEqual([
      'pools[0].poolId',
      'pools[0].capFen',
      'pools[0].sharing',
      'programs[0]',
    ]);
    expect(await fields(request({ title: '', claimYear: 'x' }))).toEqual(
      expect.arrayContaining(['claimYear', 'title']),
    );
    const noEdition = await create(city, request({ claimYear: 2031 }));
    expect([noEdition.status, noEdition.body.code]).toEqual([422, 'NO_EDITION']);
  });

  it('only city reviewers and administrators publish rounds', async () => {
    for (const role of ['applicant', 'county-reviewer', 'finance']) {
      const token = await api.login(role, undefined, role === 'county-reviewer' ? 'linqing' : undefined);
      const res = await create(token, request());
      expect([role, res.status, res.body.code]).toEqual([role, 403, 'FORBIDDEN']);
    }
    expect((await api.call('POST', '/api/v1/rounds', { body: request() })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/rounds/999999')).status).toBe(404);
  });

  it('a pro-rata pool is shared out over its waiting awards in one go, then the ledger agrees', async () => {
    const owner = await api.login('applicant', 'rounds-owner');
    const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(41) })).body.id;
    const ds = api.app.app.get(DataSource);
    const rows = (await ds.query(`SELECT created_by FROM orgs WHERE id = ${orgId}`)) as { created_by: number }[];
    const userId = rows[0]?.created_by;
    const rounds = (await api.call<{ rounds: RoundBody[] }>('GET', '/api/v1/rounds?year=2023')).body.rounds;
    const proRata = rounds.find((r) => r.pools[0]?.sharing === 'pro-rata') as RoundBody;
    const ids = await applicationsAtCityReview(api.app, orgId, Number(userId), 2023, 3, 'allocation');
    const { BudgetService } = await import('../../api/src/modules/budget/budget.service.js');
    const { Transactions } = await import('../../api/src/database/transactions.js');
    const budget = api.app.app.get(BudgetService);
    const tx = api.app.app.get(Transactions);
    // 30万 + 30万 + 10万 asked of a pool of 50万: scaled by 5/7.
    const asked = [30_000_000, 30_000_000, 10_000_000];
    for (const [i, id] of ids.entries())
      expect(
        await tx.run((m) =>
          budget.reserve(m, {
            roundId: proRata.id,
            poolId: 'pool-leading',
            applicationId: id,
            amountFen: asked[i] as number,
            actorId: null,
          }),
        ),
      ).toBe('waiting');
    const path = `/api/v1/rounds/${proRata.id}/pools/pool-leading`;
    const finance = await api.login('finance');
    expect((await api.call<Refusal>('POST', `${path}/allocate`, { token: finance })).status).toBe(403);
    expect((await api.call<Refusal>('POST', `${path}/allocate`, { token: admin })).status).toBe(403);
    const shared = await api.call<{ allocatedFen: number; ratioBp: number; shares: { amountFen: number }[] }>(
      'POST',
      `${path}/allocate`,
      { token: city },
    );
    expect(shared.status).toBe(200);
    expect(shared.body.shares.map((s) => s.amountFen)).toEqual([21_428_571, 21_428_571, 7_142_857]);
    expect(shared.body.allocatedFen).toBe(49_999_999);
    expect(shared.body.ratioBp).toBe(7142);
    const again = await api.call<Refusal>('POST', `${path}/allocate`, { token: city });
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    const statuses = (await ds.query(`SELECT status FROM applications WHERE id IN (${ids.join(',')})`)) as {
      status: string;
    }[];
    expect(statuses.map((s) => s.status)).toEqual(['finance-review', 'finance-review', 'finance-review']);
    const ledger = await api.call<{
      pool: { reservedFen: number; availableFen: number };
      awards: { amountFen: number; state: string }[];
      entries: { kind: string; amountFen: number }[];
    }>('GET', `${path}/ledger`, { token: finance });
    expect(ledger.status).toBe(200);
    expect(ledger.body.pool.reservedFen).toBe(49_999_999);
    expect(ledger.body.entries.reduce((s, e) => s + e.amountFen, 0)).toBe(ledger.body.pool.reservedFen);
    expect(ledger.body.awards.map((a) => a.state)).toEqual(['reserved', 'reserved', 'reserved']);
    expect((await api.call('GET', `${path}/ledger`, { token: owner })).status).toBe(403);

    // Each firm reads its share and why it is below what the city approved, in its history too.
    const [first] = ids;
    const history = await api.call<{ entries: { action: string; amountFen: number | null; label: string }[] }>(
      'GET',
      `/api/v1/applications/${String(first)}/history`,
      { token: owner },
    );
    expect(history.body.entries.at(-1)).toMatchObject({
      action: 'allocated',
      label: '资金分配',
      amountFen: 21_428_571,
    });
    const view = await api.call<{ progress: { awardFen: number; awardReason: string } }>(
      'GET',
      `/api/v1/applications/${String(first)}`,
      { token: owner },
    );
    expect(view.body.progress.awardFen).toBe(21_428_571);
    expect(view.body.progress.awardReason).toContain('按同一比例核减');
  });
});
