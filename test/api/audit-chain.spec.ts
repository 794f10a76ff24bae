import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type AuditChainProblem, type AuditVerification } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { type DatabaseConfig } from '../../api/src/config/config.js';
import { dataSourceOptions } from '../../api/src/database/data-source.js';
import { AuditChain1796064440319 } from '../../api/src/database/migrations/1796064440319-AuditChain.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { AuditChain } from '../../api/src/modules/audit/audit-chain.js';
import { entryHash, GENESIS_HASH } from '../../api/src/modules/audit/chain-hash.js';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { boot, type Booted, firm, publishDemoEdition, TEST_NOW } from './support/app.js';
import { createTestDatabase, type Engine, ENGINES, type TestDatabase } from './support/databases.js';
import { EVERY_TABLE, everyRow, fillEveryTable, insertRows, schemaOf } from './support/schema.js';

const ROOT = process.cwd();
const CLI = join(ROOT, 'api', 'dist', 'cli', 'audit-verify.js');

const quote = (engine: Engine, name: string): string => (engine === 'sqlite' ? `"${name}"` : `\`${name}\``);

/** The audit log as stored, in id order: what the chain is made of. */
const chainOf = async (ds: DataSource): Promise<{ id: number; prevHash: string; hash: string }[]> =>
  (
    (await ds.query('SELECT id, prev_hash, hash FROM audit_log ORDER BY id')) as {
      id: number | string;
      prev_hash: string;
      hash: string;
    }[]
  ).map((r) => ({ id: Number(r.id), prevHash: r.prev_hash, hash: r.hash }));

/** One line: every entry follows the one before it, ids without a gap, and the head names the last. */
const expectLinear = async (ds: DataSource): Promise<void> => {
  const chain = await chainOf(ds);
  chain.forEach((entry, i) => {
    expect([entry.id, entry.prevHash]).toEqual([(chain[0]?.id ?? 0) + i, i === 0 ? GENESIS_HASH : chain[i - 1]?.hash]);
  });
  expect(new Set(chain.map((e) => e.prevHash)).size).toBe(chain.length);
  const [head] = (await ds.query('SELECT last_id, last_hash FROM audit_chain_head')) as {
    last_id: number;
    last_hash: string;
  }[];
  expect(head).toEqual({ last_id: chain.at(-1)?.id, last_hash: chain.at(-1)?.hash });
};

/** `npm run audit:verify` against a database: the built command line with the API's configuration. */
const verifyCli = async (database: DatabaseConfig): Promise<{ code: number; stdout: string; stderr: string }> => {
  const env = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'test',
    DB_URL: database.type === 'sqlite' ? `sqlite:${database.path}` : database.url,
  };
  return promisify(execFile)(process.execPath, [CLI], { cwd: ROOT, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
};

describe.each(ENGINES)('the audit chain on %s', (engine) => {
  let db: TestDatabase;
  let api: Booted;
  let owner: string;
  let admin: string;
  let orgId: number;
  let n = 40;

  const q = (name: string) => quote(engine, name);
  const ds = () => api.app.dataSource;
  const verify = async (): Promise<AuditVerification> => {
    const res = await api.call<AuditVerification>('GET', '/api/v1/audit/verify', { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };
  const register = async (): Promise<number> => {
    const res = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const putFacts = (id: number, trainedHireCount: number, through: Booted = api) =>
    through.call('PUT', `/api/v1/orgs/${id}/facts?year=2026`, {
      token: owner,
      body: { facts: { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount } },
    });
  const entryCount = async (): Promise<number> =>
    Number(((await ds().query('SELECT COUNT(*) AS n FROM audit_log')) as { n: unknown }[])[0]?.n);

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    api = await boot(engine, {}, { database: db });
    // A fraction of a second that SQLite would keep and MariaDB would not: entries are written to the second.
    api.clock.advance(123);
    await publishDemoEdition(api, 2026);
    owner = await api.login('applicant', 'chain-owner');
    admin = await api.login('admin', 'chain-admin');
    orgId = await register();
    for (let i = 1; i <= 5; i++) expect((await putFacts(orgId, i)).status).toBe(200);
    expect(
      (await api.call('PATCH', `/api/v1/orgs/${orgId}`, { token: owner, body: { contactName: '钱联系' } })).status,
    ).toBe(200);
    expect((await api.call('POST', `/api/v1/orgs/${orgId}/invites`, { token: owner })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('after many changes every entry links to the one before, and the check says so, naming both ends', async () => {
    await expectLinear(ds());
    const count = await entryCount();
    expect(count).toBeGreaterThanOrEqual(10);
    const chain = await chainOf(ds());
    const result = await verify();
    expect(result).toMatchObject({
      intact: true,
      entries: count,
      first: { id: chain[0]?.id, hash: chain[0]?.hash },
      last: { id: chain.at(-1)?.id, hash: chain.at(-1)?.hash },
      broken: null,
    });
    expect(result.message).toBe(
      `审计日志完整：${count} 条记录，链首 #${chain[0]?.id}（2026-06-15 10:00:00），链尾 #${chain.at(-1)?.id}（2026-06-15 10:00:00，哈希 ${chain.at(-1)?.hash}）`,
    );
  });

  it('every hash is the hash of the row read back from the database', async () => {
    const rows = (await ds().query(
      `SELECT id, ${q('at')}, actor_id, actor_role, action, entity, entity_id, org_id, ${q('before')}, ${q('after')}, request_id, prev_hash, hash FROM audit_log ORDER BY id`,
    )) as Record<string, unknown>[];
    for (const row of rows) {
      const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
      const at = row['at'] instanceof Date ? row['at'] : new Date(`${String(row['at']).replace(' ', 'T')}Z`);
      expect(at.getUTCMilliseconds()).toBe(0);
      expect(
        entryHash(String(row['prev_hash']), {
          id: Number(row['id']),
          at,
          actorId: row['actor_id'] as number | null,
          actorRole: row['actor_role'] as string | null,
          action: String(row['action']),
          entity: String(row['entity']),
          entityId: String(row['entity_id']),
          orgId: row['org_id'] as number | null,
          before: json(row['before']),
          after: json(row['after']),
          requestId: row['request_id'] as string | null,
        }),
      ).toBe(row['hash']);
    }
  });

  it('changes made at once, several to one firm (through two instances on MariaDB), still form one line', async () => {
    // Several API instances share one MariaDB; SQLite is one instance whose transactions queue.
    const other = engine === 'mariadb' ? await boot(engine, {}, { database: db }) : api;
    try {
      const before = await entryCount();
      const firms = await Promise.all([register(), register()]);
      // Their first facts one at a time: two first puts for one firm and year race in the facts module itself.
      for (const id of firms) expect((await putFacts(id, 1)).status).toBe(200);
      const draft = await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token: owner,
        body: { programId: 'talent-hiring', claimYear: 2026 },
      });
      expect(draft.status).toBe(201);
      const through = (i: number) => (i % 2 ? other : api);
      const moves = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => putFacts(orgId, 100 + i, through(i))),
        // An application's change locks the application, not its firm, whose row its audit entry references.
        ...Array.from({ length: 10 }, (_, i) =>
          through(i).call('PATCH', `/api/v1/applications/${draft.body.id}`, {
            token: owner,
            body: { facts: { trainedHireCount: 300 + i } },
          }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          through(i).call('PATCH', `/api/v1/orgs/${orgId}`, { token: owner, body: { contactName: `并发${i}号` } }),
        ),
        ...Array.from({ length: 10 }, (_, i) => putFacts(firms[i % 2] as number, 200 + i, through(i))),
        ...Array.from({ length: 5 }, (_, i) =>
          through(i).call('POST', '/api/v1/orgs', { token: owner, body: firm(n++) }),
        ),
      ]);
      expect(moves.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
      expect(await entryCount()).toBe(before + 5 + 45);
      await expectLinear(ds());
      expect((await verify()).intact).toBe(true);
    } finally {
      if (other !== api) await other.close();
    }
  });

  it('only administrators check the chain', async () => {
    expect((await api.call('GET', '/api/v1/audit/verify', { token: owner })).status).toBe(403);
    const reviewer = await api.login('city-reviewer', 'chain-reviewer');
    expect((await api.call('GET', '/api/v1/audit/verify', { token: reviewer })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/audit/verify')).status).toBe(401);
  });

  it('the command line prints that the chain is intact and exits 0', async () => {
    const count = await entryCount();
    const cli = await verifyCli(api.config.database);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toMatch(
      new RegExp(`^审计日志完整：${count} 条记录，链首 #1（.+），链尾 #${count}（.+，哈希 [0-9a-f]{64}）\\n$`),
    );
  });

  /** Runs `work` on one connection with foreign keys unchecked, as someone with the database's rights can. */
  const withoutForeignKeys = async (
    work: (query: (sql: string, parameters: unknown[]) => Promise<unknown>) => Promise<void>,
  ): Promise<void> => {
    const runner = ds().createQueryRunner();
    await runner.connect();
    const set = (on: boolean) =>
      runner.query(
        engine === 'sqlite' ? `PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}` : `SET FOREIGN_KEY_CHECKS = ${on ? 1 : 0}`,
      );
    try {
      await set(false);
      await work((sql, parameters) => runner.query(sql, parameters));
    } finally {
      await set(true);
      await runner.release();
    }
  };

  /** An entry in the middle of the chain, with its action and time as the check names them. */
  const middle = async (): Promise<{ id: number; action: string; at: string }> => {
    const chain = await chainOf(ds());
    const id = chain[Math.floor(chain.length / 2)]?.id as number;
    const [row] = (await ds().query('SELECT action FROM audit_log WHERE id = ?', [id])) as { action: string }[];
    return { id, action: row?.action as string, at: '2026-06-15 10:00:00' };
  };

  /** Tampers, checks that the API and the command line name the first broken entry, and puts it back. */
  const expectBroken = async (
    tamper: () => Promise<void>,
    restore: () => Promise<void>,
    expected: { problem: AuditChainProblem; id: number; message: string },
  ): Promise<void> => {
    await tamper();
    try {
      const result = await verify();
      expect(result).toMatchObject({
        intact: false,
        broken: { problem: expected.problem, entry: { id: expected.id } },
      });
      expect(result.message).toBe(expected.message);
      const cli = await verifyCli(api.config.database);
      expect(cli).toEqual({ code: 1, stdout: `${expected.message}\n`, stderr: '' });
    } finally {
      await restore();
    }
    expect((await verify()).intact).toBe(true);
  };

  it('an entry changed in the database: its hash no longer matches, and it is named', async () => {
    const entry = await middle();
    const [row] = (await ds().query(`SELECT ${q('after')} AS a FROM audit_log WHERE id = ?`, [entry.id])) as {
      a: string | null;
    }[];
    await expectBroken(
      () => ds().query(`UPDATE audit_log SET ${q('after')} = ? WHERE id = ?`, ['{"name":"篡改过的企业"}', entry.id]),
      () => ds().query(`UPDATE audit_log SET ${q('after')} = ? WHERE id = ?`, [row?.a ?? null, entry.id]),
      {
        problem: 'hash-mismatch',
        id: entry.id,
        message: `审计日志在 #${entry.id}（${entry.action}，${entry.at}）处断开：记录内容与其哈希不符（记录或哈希被改动过）`,
      },
    );
  });

  it('a hash changed: that entry is named', async () => {
    const entry = await middle();
    const [row] = (await ds().query('SELECT hash FROM audit_log WHERE id = ?', [entry.id])) as { hash: string }[];
    await expectBroken(
      () => ds().query('UPDATE audit_log SET hash = ? WHERE id = ?', ['e'.repeat(64), entry.id]),
      () => ds().query('UPDATE audit_log SET hash = ? WHERE id = ?', [row?.hash, entry.id]),
      {
        problem: 'hash-mismatch',
        id: entry.id,
        message: `审计日志在 #${entry.id}（${entry.action}，${entry.at}）处断开：记录内容与其哈希不符（记录或哈希被改动过）`,
      },
    );
  });

  it('a prev_hash changed: that entry is named as not following the one before', async () => {
    const entry = await middle();
    const [row] = (await ds().query('SELECT prev_hash FROM audit_log WHERE id = ?', [entry.id])) as {
      prev_hash: string;
    }[];
    await expectBroken(
      () => ds().query('UPDATE audit_log SET prev_hash = ? WHERE id = ?', ['d'.repeat(64), entry.id]),
      () => ds().query('UPDATE audit_log SET prev_hash = ? WHERE id = ?', [row?.prev_hash, entry.id]),
      {
        problem: 'prev-hash-mismatch',
        id: entry.id,
        message: `审计日志在 #${entry.id}（${entry.action}，${entry.at}）处断开：prev_hash 不是上一条记录 #${entry.id - 1} 的哈希`,
      },
    );
  });

  it('an entry deleted (with its outbox event): the gap is named at the entry after it', async () => {
    const entry = await middle();
    const next = (await ds().query('SELECT action FROM audit_log WHERE id = ?', [entry.id + 1])) as {
      action: string;
    }[];
    const audit = (await ds().query('SELECT * FROM audit_log WHERE id = ?', [entry.id])) as Record<string, unknown>[];
    const outbox = (await ds().query('SELECT * FROM outbox WHERE audit_id = ?', [entry.id])) as Record<
      string,
      unknown
    >[];
    await expectBroken(
      async () => {
        await ds().query('DELETE FROM outbox WHERE audit_id = ?', [entry.id]);
        await ds().query('DELETE FROM audit_log WHERE id = ?', [entry.id]);
      },
      async () => {
        await insertRows(ds(), engine, 'audit_log', audit);
        await insertRows(ds(), engine, 'outbox', outbox);
      },
      {
        problem: 'gap',
        id: entry.id + 1,
        message: `审计日志在 #${entry.id + 1}（${next[0]?.action}，2026-06-15 10:00:00）处断开：#${entry.id - 1} 与 #${entry.id + 1} 之间的记录缺失（其 prev_hash 不是 #${entry.id - 1} 的哈希）`,
      },
    );
  });

  it('the newest entry cannot be deleted while the head names it; a head changed is named', async () => {
    const chain = await chainOf(ds());
    const last = chain.at(-1) as { id: number; hash: string };
    const outbox = (await ds().query('SELECT * FROM outbox WHERE audit_id = ?', [last.id])) as Record<
      string,
      unknown
    >[];
    await ds().query('DELETE FROM outbox WHERE audit_id = ?', [last.id]);
    try {
      await expect(ds().query('DELETE FROM audit_log WHERE id = ?', [last.id])).rejects.toThrow(
        /FOREIGN KEY|foreign key/,
      );
    } finally {
      await insertRows(ds(), engine, 'outbox', outbox);
    }
    const [row] = (await ds().query('SELECT action FROM audit_log WHERE id = ?', [last.id])) as { action: string }[];
    const named = `#${last.id}（${row?.action}，2026-06-15 10:00:00）`;
    await expectBroken(
      () => ds().query('UPDATE audit_chain_head SET last_hash = ?', ['c'.repeat(64)]),
      () => ds().query('UPDATE audit_chain_head SET last_hash = ?', [last.hash]),
      {
        problem: 'tail-missing',
        id: last.id,
        message: `审计日志在 ${named}处断开：链头所记的哈希不是这最后一条记录的哈希：链头被改动过`,
      },
    );
    const previous = chain.at(-2) as { id: number; hash: string };
    const [before] = (await ds().query('SELECT action FROM audit_log WHERE id = ?', [previous.id])) as {
      action: string;
    }[];
    // Deleted by someone who can turn the database's checks off: the chain ends before its head.
    const audit = (await ds().query('SELECT * FROM audit_log WHERE id = ?', [last.id])) as Record<string, unknown>[];
    await expectBroken(
      () =>
        withoutForeignKeys(async (query) => {
          await query('DELETE FROM outbox WHERE audit_id = ?', [last.id]);
          await query('DELETE FROM audit_log WHERE id = ?', [last.id]);
        }),
      async () => {
        await insertRows(ds(), engine, 'audit_log', audit);
        await insertRows(ds(), engine, 'outbox', outbox);
      },
      {
        problem: 'tail-missing',
        id: previous.id,
        message: `审计日志在 #${previous.id}（${before?.action}，2026-06-15 10:00:00）处断开：链头所记的最后一条是 #${last.id}，链却止于此：其后的记录缺失，或链头被改动过`,
      },
    );
  });

  it('an entry written around the chain, after its head, is named', async () => {
    const chain = await chainOf(ds());
    const last = chain.at(-1) as { id: number; hash: string };
    const [copy] = (await ds().query('SELECT * FROM audit_log WHERE id = ?', [last.id])) as Record<string, unknown>[];
    const forged = { ...copy, id: last.id + 1, prev_hash: last.hash, hash: 'b'.repeat(64) };
    await expectBroken(
      () => insertRows(ds(), engine, 'audit_log', [forged]),
      async () => void (await ds().query('DELETE FROM audit_log WHERE id = ?', [last.id + 1])),
      {
        problem: 'not-chained',
        id: last.id + 1,
        message: `审计日志在 #${last.id + 1}（${String(copy?.['action'])}，2026-06-15 10:00:00）处断开：它在链头所记的最后一条 #${last.id} 之后，不是经审计链写入的`,
      },
    );
  });

  it('the staff command line appends to the same chain', async () => {
    const count = await entryCount();
    await createStaff(ds(), { username: 'chain-staff', password: 'long-enough-1', role: 'finance' }, TEST_NOW);
    expect(await entryCount()).toBe(count + 1);
    await expectLinear(ds());
    expect((await verify()).intact).toBe(true);
  });
});

/**
 * A database that lived before the chain: its entries are chained by the migration in id order,
 * so it verifies, and changes written after it continue the chain; down takes the chain away and
 * leaves every row and the schema as before.
 */
describe.each(ENGINES)('the audit chain migration on a database with entries, on %s', (engine) => {
  const at = MIGRATIONS.indexOf(AuditChain1796064440319);

  /** More entries than one batch of the migration, with JSON a copy can get wrong. */
  const moreEntries = Array.from({ length: 1100 }, (_, i) => ({
    id: 10 + i,
    at: `2026-06-0${1 + (i % 9)} 0${i % 10}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
    actor_id: i % 3 === 0 ? null : 1 + (i % 5),
    actor_role: i % 3 === 0 ? 'system' : 'applicant',
    action: i % 2 ? 'facts.updated' : 'org.updated',
    entity: i % 2 ? 'facts' : 'org',
    entity_id: String(1 + (i % 3)),
    org_id: 1 + (i % 3),
    before: i % 4 === 0 ? null : JSON.stringify({ z: i, a: { y: [1, '二', null], b: '“引号”' } }),
    after: JSON.stringify({ uscc: '913715000000000021', n: 12345678901234, ok: i % 2 === 0 }),
    request_id: i % 5 === 0 ? null : `2b6c1f3e-6f1a-4f5e-9d5c-${String(i).padStart(12, '0')}`,
  }));

  const open = async (db: TestDatabase, upTo: number): Promise<DataSource> => {
    const dataSource = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS.slice(0, upTo) });
    await dataSource.initialize();
    return dataSource;
  };

  /** A database at the previous migration, with rows in every table and 1,100 more audit entries. */
  const lived = async (db: TestDatabase): Promise<DataSource> => {
    const old = await open(db, at);
    await old.runMigrations({ transaction: 'each' });
    await fillEveryTable(old, engine);
    for (let i = 0; i < moreEntries.length; i += 200)
      await insertRows(old, engine, 'audit_log', moreEntries.slice(i, i + 200));
    return old;
  };

  it('chains the entries in id order: they verify, new changes continue the chain, down and up keep every row', async () => {
    const db = await createTestDatabase(engine);
    const sources: DataSource[] = [];
    try {
      const old = await lived(db);
      sources.push(old);
      const rows = await everyRow(old, engine);
      const previousSchema = await schemaOf(old, engine);
      await old.destroy();

      const dataSource = await open(db, at + 1);
      sources.push(dataSource);
      expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
        AuditChain1796064440319.name,
      ]);
      const result = await new AuditChain(dataSource).verify();
      expect(result).toMatchObject({
        intact: true,
        entries: 2 + moreEntries.length,
        first: { id: 1 },
        last: { id: 10 + moreEntries.length - 1 },
      });
      // The support code chained its rows with the API's own function: the migration's copy agrees.
      expect((await chainOf(dataSource)).slice(0, 2).map((e) => e.hash)).toEqual(
        EVERY_TABLE.find(([t]) => t === 'audit_log')?.[1].map((r) => r['hash']),
      );

      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await everyRow(dataSource, engine)).toEqual(rows);
      expect(await schemaOf(dataSource, engine)).toEqual(previousSchema);

      await dataSource.runMigrations({ transaction: 'each' });
      expect((await new AuditChain(dataSource).verify()).intact).toBe(true);
      await dataSource.destroy();
      // The change below writes through today's entities: the schema of every migration since.
      const upgraded = await open(db, MIGRATIONS.length);
      sources.push(upgraded);
      await upgraded.runMigrations({ transaction: 'each' });
      await createStaff(upgraded, { username: 'after-upgrade', password: 'long-enough-1', role: 'finance' }, TEST_NOW);
      expect((await chainOf(upgraded)).at(-1)?.id).toBe(10 + moreEntries.length);
      expect(await new AuditChain(upgraded).verify()).toMatchObject({
        intact: true,
        entries: 2 + moreEntries.length + 1,
      });
    } finally {
      for (const s of sources) if (s.isInitialized) await s.destroy();
      await db.drop();
    }
  });

  if (engine === 'mariadb')
    it('a run that stopped half way (MariaDB commits each ALTER TABLE) finishes when it runs again', async () => {
      const db = await createTestDatabase(engine);
      const sources: DataSource[] = [];
      try {
        const old = await lived(db);
        sources.push(old);
        await old.query(
          'ALTER TABLE `audit_log` ADD COLUMN `prev_hash` varchar(64) NULL, ADD COLUMN `hash` varchar(64) NULL',
        );
        await old.query("UPDATE `audit_log` SET `prev_hash` = 'x', `hash` = 'y' WHERE id < 100");
        await old.destroy();
        const dataSource = await open(db, at + 1);
        sources.push(dataSource);
        await dataSource.runMigrations({ transaction: 'each' });
        expect(await new AuditChain(dataSource).verify()).toMatchObject({
          intact: true,
          entries: 2 + moreEntries.length,
        });
      } finally {
        for (const s of sources) if (s.isInitialized) await s.destroy();
        await db.drop();
      }
    });
});
