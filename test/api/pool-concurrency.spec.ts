import { DataSource } from 'typeorm';
import { AppError } from '../../api/src/common/errors.js';
import { Transactions } from '../../api/src/database/transactions.js';
import { BudgetService } from '../../api/src/modules/budget/budget.service.js';
import { boot, type Booted, firm } from './support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.js';
import { applicationsAtCityReview } from './support/pools.js';

const AWARD_FEN = 1_000_000;
const FITS = 50;
const ATTEMPTS = 200;

/** An order pool of the 2023 edition that holds exactly FITS awards, and ATTEMPTS applications to race for it. */
const setUp = async (api: Booted, n: number): Promise<{ roundId: number; ids: number[] }> => {
  const city = await api.login('city-reviewer');
  const round = await api.call<{ id: number }>('POST', '/api/v1/rounds', {
    token: city,
    body: {
      claimYear: 2023,
      title: '并发测试批次',
      opens: '2026-06-01',
      closes: '2026-06-30',
      programs: ['leading-enterprise'],
      pools: [{ poolId: 'pool-leading', capFen: FITS * AWARD_FEN, sharing: 'order' }],
    },
  });
  if (round.status !== 201) throw new Error(`round: ${round.status} ${round.text}`);
  const owner = await api.login('applicant', `pool-owner-${n}`);
  const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n) })).body.id;
  const rows = (await api.app.app.get(DataSource).query(`SELECT created_by FROM orgs WHERE id = ${orgId}`)) as {
    created_by: number;
  }[];
  const ids = await applicationsAtCityReview(api.app, orgId, Number(rows[0]?.created_by), 2023, ATTEMPTS);
  return { roundId: round.body.id, ids };
};

/** One reservation in its own transaction, as an approval makes it: 'reserved' or the refusal's code. */
const reserveOne = (api: Booted, roundId: number, applicationId: number): Promise<string> =>
  api.app.app
    .get(Transactions)
    .run((m) =>
      api.app.app
        .get(BudgetService)
        .reserve(m, { roundId, poolId: 'pool-leading', applicationId, amountFen: AWARD_FEN, actorId: null }),
    )
    .catch((error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)));

const expectExact = async (api: Booted, roundId: number, outcomes: string[]): Promise<void> => {
  expect(outcomes.filter((o) => o === 'reserved')).toHaveLength(FITS);
  expect(outcomes.filter((o) => o === 'POOL_EXHAUSTED')).toHaveLength(ATTEMPTS - FITS);
  const ds = api.app.app.get(DataSource);
  const pool = (await ds.query(
    `SELECT p.id, p.cap_fen, p.reserved_fen, p.committed_fen FROM round_pools p WHERE p.round_id = ${roundId}`,
  )) as { id: number; cap_fen: unknown; reserved_fen: unknown; committed_fen: unknown }[];
  expect(Number(pool[0]?.reserved_fen)).toBe(FITS * AWARD_FEN);
  expect(Number(pool[0]?.reserved_fen) + Number(pool[0]?.committed_fen)).toBeLessThanOrEqual(Number(pool[0]?.cap_fen));
  const lines = (await ds.query(
    `SELECT COUNT(*) AS n, SUM(amount_fen) AS s FROM pool_ledger WHERE round_pool_id = ${pool[0]?.id}`,
  )) as { n: unknown; s: unknown }[];
  expect([Number(lines[0]?.n), Number(lines[0]?.s)]).toEqual([FITS, FITS * AWARD_FEN]);
  const holds = (await ds.query(
    `SELECT COUNT(*) AS n FROM pool_holds WHERE round_pool_id = ${pool[0]?.id} AND state = 'reserved'`,
  )) as { n: unknown }[];
  expect(Number(holds[0]?.n)).toBe(FITS);
};

describe.each(ENGINES)('an order pool under concurrent reservations, on %s', (engine) => {
  it(`${ATTEMPTS} reservations at once, each in its own transaction: exactly ${FITS} fit, never over the cap`, async () => {
    const api = await boot(engine);
    try {
      const { roundId, ids } = await setUp(api, 51);
      const outcomes = await Promise.all(ids.map((id) => reserveOne(api, roundId, id)));
      await expectExact(api, roundId, outcomes);
    } finally {
      await api.close();
    }
  });
});

if (ENGINES.includes('mariadb'))
  describe('two API instances on one MariaDB database racing for one pool', () => {
    let db: TestDatabase;
    let one: Booted;
    let two: Booted;

    beforeAll(async () => {
      db = await createTestDatabase('mariadb');
      one = await boot('mariadb', {}, { database: db });
      two = await boot('mariadb', {}, { database: db });
    });
    afterAll(async () => {
      await one?.close();
      await two?.close();
      await db?.drop();
    });

    it(`${ATTEMPTS} reservations split over both instances: exactly ${FITS} fit`, async () => {
      const { roundId, ids } = await setUp(one, 52);
      const outcomes = await Promise.all(ids.map((id, i) => reserveOne(i % 2 === 0 ? one : two, roundId, id)));
      await expectExact(one, roundId, outcomes);
    });
  });
