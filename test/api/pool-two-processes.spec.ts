import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  approvalBurst,
  AWARD_FEN,
  type ClientFor,
  type Outcome,
  prepareRace,
  readPool,
} from '../../bench/pool-race.mjs';
import { API_MAIN, type ApiProcess, startApiProcess } from './support/api-process.js';
import { type Connected, connect } from './support/connect.js';
import { createTestDatabase, type TestDatabase } from './support/databases.js';

const FITS = 5;
const APPLICATIONS = 12;

/**
 * Two API processes (the built API, as deployed: no shared memory, only the database) on one
 * MariaDB database, approving applications that race for an order pool holding FITS awards.
 * MariaDB only: the processes serialise on the pool's row lock, which SQLite does not have.
 */
(process.env['TEST_MYSQL_URL'] ? describe : describe.skip)('two API processes approving against one pool', () => {
  let db: TestDatabase;
  const processes: ApiProcess[] = [];
  const connected: Connected[] = [];

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the API first (npm run build)`);
    db = await createTestDatabase('mariadb');
    if (db.config.type !== 'mariadb') throw new Error('expected MariaDB');
    // One after the other: the first migrates the new database, the second finds it up to date.
    for (let i = 0; i < 2; i++) processes.push(await startApiProcess(db.config.url));
    for (const p of processes) connected.push(await connect('mariadb', p.url));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.drop();
  }, 30_000);

  it(`${APPLICATIONS} approvals and their retries through both processes at once: exactly ${FITS} reserved, never over the cap`, async () => {
    const bases = processes.map((p) => p.url);
    // Every answer checked against the OpenAPI document of the process that gave it.
    const clientFor: ClientFor = (base, tokens) => {
      const api = connected.find((c) => c.url === base);
      if (!api) throw new Error(`no process at ${base}`);
      return api.client(tokens);
    };
    const race = await prepareRace({ bases, fits: FITS, applications: APPLICATIONS, prefix: 'TWPRC', clientFor });
    const { outcomes } = await approvalBurst({
      bases,
      applicationIds: race.applicationIds,
      sessions: 3,
      prefix: 'TWPRC',
      clientFor,
    });

    expect(outcomes).toHaveLength(APPLICATIONS * 2);
    // Both processes answered approvals that succeeded or were refused: the race was between them.
    expect(new Set(outcomes.map((o) => o.process))).toEqual(new Set([0, 1]));
    const succeeded = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
    expect(succeeded).toHaveLength(FITS);
    expect(succeeded.every((o) => o.status === 'finance-review')).toBe(true);
    const approved = new Set(succeeded.map((o) => o.applicationId));
    expect(approved.size).toBe(FITS); // never the same application twice

    for (const o of outcomes) {
      if (o.ok) continue;
      expect(o.message).toMatch(/[\u4e00-\u9fff]/);
      if (approved.has(o.applicationId)) {
        // The other request of an approved application found it moved on to finance's stage: the
        // access policy answers that before the status rule (403, not 409; see the report).
        expect([
          ['FORBIDDEN', 403],
          ['INVALID_TRANSITION', 409],
        ]).toContainEqual([o.code, o.httpStatus]);
      } else {
        expect([o.code, o.httpStatus]).toEqual(['POOL_EXHAUSTED', 409]);
        expect(o.message).toContain('资金池余额不足');
      }
    }

    const ds = new DataSource({ type: 'mariadb', url: db.config.type === 'mariadb' ? db.config.url : '' });
    await ds.initialize();
    try {
      const pool = await readPool((sql, params) => ds.query(sql, params), race.roundId);
      expect(pool.capFen).toBe(FITS * AWARD_FEN);
      expect(pool.reservedFen).toBe(FITS * AWARD_FEN);
      expect(pool.reservedFen + pool.committedFen).toBeLessThanOrEqual(pool.capFen);
      expect(pool.ledgerLines).toBe(FITS);
      expect(pool.ledgerReservedFen).toBe(FITS * AWARD_FEN);
      expect(pool.reservedHolds).toBe(FITS);
      const rows = (await ds.query(
        `SELECT id FROM applications WHERE round_id = ? AND status = 'finance-review' ORDER BY id`,
        [race.roundId],
      )) as { id: number }[];
      expect(rows.map((r) => Number(r.id))).toEqual([...approved].sort((a, b) => a - b));
    } finally {
      await ds.destroy();
    }
  }, 60_000);
});
