import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase, requireForeignKeys } from '../../api/src/database/data-source.js';
import { ForeignKeys1796052040988 } from '../../api/src/database/migrations/1796052040988-ForeignKeys.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.js';
import {
  constraintNames,
  everyRow,
  FK_MIGRATION_TABLES,
  fillEveryTable,
  foreignKeysOf,
  idCounters,
  insertRows,
  schemaOf,
  TABLES,
} from './support/schema.js';

/** Every reference between tables and what deleting the row it points at does (docs/api.md). */
const EXPECTED: [table: string, column: string, references: string, onDelete: 'RESTRICT' | 'CASCADE'][] = [
  ['application_materials', 'application_id', 'applications', 'RESTRICT'],
  ['application_materials', 'attached_by', 'users', 'RESTRICT'],
  ['application_materials', 'file_id', 'files', 'RESTRICT'],
  ['application_materials', 'reviewed_by', 'users', 'RESTRICT'],
  ['application_rounds', 'created_by', 'users', 'RESTRICT'],
  ['application_rounds', 'edition_id', 'editions', 'RESTRICT'],
  ['applications', 'created_by', 'users', 'RESTRICT'],
  ['applications', 'edition_id', 'editions', 'RESTRICT'],
  ['applications', 'edition_version_id', 'edition_versions', 'RESTRICT'],
  ['applications', 'org_id', 'orgs', 'RESTRICT'],
  ['applications', 'round_id', 'application_rounds', 'RESTRICT'],
  ['audit_chain_head', 'last_id', 'audit_log', 'RESTRICT'],
  ['audit_log', 'actor_id', 'users', 'RESTRICT'],
  ['audit_log', 'org_id', 'orgs', 'RESTRICT'],
  ['commendation_publications', 'published_by', 'users', 'RESTRICT'],
  ['county_monthly_figures', 'updated_by', 'users', 'RESTRICT'],
  ['edition_versions', 'content_hash', 'edition_contents', 'RESTRICT'],
  ['edition_versions', 'edition_id', 'editions', 'RESTRICT'],
  ['fact_changes', 'changed_by', 'users', 'RESTRICT'],
  ['fact_changes', 'org_id', 'orgs', 'RESTRICT'],
  ['files', 'org_id', 'orgs', 'RESTRICT'],
  ['files', 'uploaded_by', 'users', 'RESTRICT'],
  ['invites', 'created_by', 'users', 'RESTRICT'],
  ['invites', 'org_id', 'orgs', 'CASCADE'],
  ['invites', 'used_by', 'users', 'RESTRICT'],
  ['memberships', 'org_id', 'orgs', 'CASCADE'],
  ['memberships', 'user_id', 'users', 'CASCADE'],
  ['notification_deliveries', 'outbox_id', 'outbox', 'RESTRICT'],
  ['notification_deliveries', 'user_id', 'users', 'CASCADE'],
  ['notification_settings', 'user_id', 'users', 'CASCADE'],
  ['notifications', 'application_id', 'applications', 'RESTRICT'],
  ['notifications', 'org_id', 'orgs', 'RESTRICT'],
  ['notifications', 'outbox_id', 'outbox', 'RESTRICT'],
  ['notifications', 'user_id', 'users', 'CASCADE'],
  ['objections', 'application_id', 'applications', 'RESTRICT'],
  ['objections', 'filed_by', 'users', 'RESTRICT'],
  ['objections', 'ruled_by', 'users', 'RESTRICT'],
  ['org_facts', 'org_id', 'orgs', 'RESTRICT'],
  ['org_facts', 'updated_by', 'users', 'RESTRICT'],
  ['orgs', 'created_by', 'users', 'RESTRICT'],
  ['outbox', 'audit_id', 'audit_log', 'RESTRICT'],
  ['outbox', 'org_id', 'orgs', 'RESTRICT'],
  ['park_evaluations', 'published_by', 'users', 'RESTRICT'],
  ['park_scores', 'entered_by', 'users', 'RESTRICT'],
  ['park_scores', 'org_id', 'orgs', 'RESTRICT'],
  ['park_scores', 'year', 'park_evaluations', 'RESTRICT'],
  ['pool_holds', 'application_id', 'applications', 'RESTRICT'],
  ['pool_holds', 'round_pool_id', 'round_pools', 'RESTRICT'],
  ['pool_ledger', 'actor_id', 'users', 'RESTRICT'],
  ['pool_ledger', 'application_id', 'applications', 'RESTRICT'],
  ['pool_ledger', 'round_pool_id', 'round_pools', 'RESTRICT'],
  ['province_averages', 'updated_by', 'users', 'RESTRICT'],
  ['referrals', 'org_id', 'orgs', 'RESTRICT'],
  ['referrals', 'requested_by', 'users', 'RESTRICT'],
  ['refresh_tokens', 'user_id', 'users', 'CASCADE'],
  ['relocated_shops', 'org_id', 'orgs', 'RESTRICT'],
  ['relocated_shops', 'registered_by', 'users', 'RESTRICT'],
  ['relocated_shops', 'reviewed_by', 'users', 'RESTRICT'],
  ['round_matches', 'round_id', 'application_rounds', 'RESTRICT'],
  ['round_pools', 'round_id', 'application_rounds', 'RESTRICT'],
  ['streamer_trainees', 'org_id', 'orgs', 'RESTRICT'],
  ['streamer_trainees', 'updated_by', 'users', 'RESTRICT'],
  ['subscription_credits', 'user_id', 'users', 'CASCADE'],
  ['talent_hires', 'org_id', 'orgs', 'RESTRICT'],
  ['talent_hires', 'updated_by', 'users', 'RESTRICT'],
  ['target_observations', 'recorded_by', 'users', 'RESTRICT'],
  ['whitelist_applications', 'decided_by', 'users', 'RESTRICT'],
  ['whitelist_applications', 'org_id', 'orgs', 'RESTRICT'],
  ['whitelist_applications', 'submitted_by', 'users', 'RESTRICT'],
];

const expectedForeignKeys = () =>
  EXPECTED.map(([table, column, references, onDelete]) => ({
    table,
    column,
    references,
    // Keyed by something other than an id: an edition's content by its hash, a park evaluation by its year.
    referencedColumn:
      references === 'edition_contents' ? 'content_hash' : references === 'park_evaluations' ? 'year' : 'id',
    onDelete,
    name: `fk_${table}_${column}`,
  }));

/**
 * The references the foreign-key migration made: those between the tables it found. Later
 * migrations add tables (rounds, pools, objections) and columns (applications.round_id) with
 * their keys, which the schema as this migration leaves it does not have.
 */
const foreignKeysAtMigration = () =>
  expectedForeignKeys().filter(
    (fk) =>
      (FK_MIGRATION_TABLES as readonly string[]).includes(fk.table) &&
      (FK_MIGRATION_TABLES as readonly string[]).includes(fk.references),
  );

const READABLE = /^(pk|uq|idx|fk)_[a-z0-9_]+$/;

describe.each(ENGINES)('the schema on %s', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // The way the API and the staff command line open it.
    dataSource = await openDatabase(db.config);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('every reference between tables is a foreign key named fk_<table>_<column>, with its ON DELETE', async () => {
    expect(await foreignKeysOf(dataSource, engine)).toEqual(expectedForeignKeys());
  });

  it('every constraint and index has a readable name: no name TypeORM made from a hash', async () => {
    const names = await constraintNames(dataSource, engine);
    expect(names.length).toBeGreaterThan(50);
    const unreadable = names.filter(({ table, kind, name }) =>
      engine === 'mariadb'
        ? // MariaDB calls every primary key PRIMARY, whatever it is declared as, and names the
          // json_valid check it adds to a JSON column after the column.
          !(name === 'PRIMARY' && ['PRIMARY KEY', 'INDEX'].includes(kind)) && kind !== 'CHECK' && !READABLE.test(name)
        : // SQLite's automatic index of a text primary key is its only unnamed one; an unnamed UNIQUE would show as origin u.
          !(kind === 'INDEX pk' && name === `sqlite_autoindex_${table}_1`) && !READABLE.test(name),
    );
    expect(unreadable).toEqual([]);
    expect(names.filter((n) => n.kind === 'INDEX u')).toEqual([]);
  });

  it('every entity declares its primary key as pk_<table> (the name engines that keep one will use)', () => {
    const declared = dataSource.entityMetadatas.map((m) => [
      m.tableName,
      m.primaryColumns.map((c) => c.primaryKeyConstraintName),
    ]);
    expect(declared).toEqual(dataSource.entityMetadatas.map((m) => [m.tableName, [`pk_${m.tableName}`]]));
    expect(declared.map(([t]) => t).sort()).toEqual([...TABLES]);
  });

  it('are enforced on the connection the API uses: a row that references nothing is refused', async () => {
    if (engine === 'sqlite') expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await expect(
      insertRows(dataSource, engine, 'org_facts', [
        {
          org_id: 999_999,
          claim_year: 2026,
          name: 'normalOperation',
          value: 'true',
          provenance: 'self-declared',
          updated_by: 999_999,
          updated_at: '2026-06-01 08:00:00',
        },
      ]),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  if (engine === 'sqlite')
    it('a connection without foreign keys, or rows a migration copied that reference nothing, stop the start', async () => {
      await dataSource.query('PRAGMA foreign_keys = OFF');
      try {
        await expect(requireForeignKeys(dataSource, false)).rejects.toThrow(
          'SQLite 未启用外键约束（PRAGMA foreign_keys）',
        );
        await insertRows(dataSource, engine, 'memberships', [
          { org_id: 404, user_id: 404, role: 'admin', created_at: '2026-06-01 08:00:00' },
        ]);
      } finally {
        await dataSource.query('PRAGMA foreign_keys = ON');
      }
      await expect(requireForeignKeys(dataSource, true)).rejects.toThrow(
        '数据库中有 2 行引用了不存在的记录：memberships → users，memberships → orgs',
      );
      await dataSource.query('DELETE FROM memberships WHERE org_id = 404');
      await expect(requireForeignKeys(dataSource, true)).resolves.toBeUndefined();
    });

  it('deleting a user or a firm takes only what means nothing without it; history refuses the delete', async () => {
    await fillEveryTable(dataSource, engine);
    const count = async (table: string, where: string) =>
      Number(((await dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)) as { n: unknown }[])[0]?.n);
    // Firm 1 has facts, files, applications, audit: RESTRICT.
    await expect(dataSource.query('DELETE FROM orgs WHERE id = 1')).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await count('memberships', 'org_id = 1')).toBe(2);
    // Firm 3 has only members and an invite: CASCADE. User 5 created it: RESTRICT while it exists.
    await expect(dataSource.query('DELETE FROM users WHERE id = 5')).rejects.toThrow(/FOREIGN KEY|foreign key/);
    await dataSource.query('DELETE FROM orgs WHERE id = 3');
    expect(await count('memberships', 'org_id = 3')).toBe(0);
    expect(await count('invites', 'org_id = 3')).toBe(0);
    // Then user 5 has only a session: CASCADE.
    await dataSource.query('DELETE FROM users WHERE id = 5');
    expect(await count('refresh_tokens', 'user_id = 5')).toBe(0);
    expect(await count('memberships', 'user_id = 5')).toBe(0);
  });
});

/**
 * The foreign-key migration on a database that has lived: rows in every table, id counters ahead
 * of the largest ids. SQLite rebuilds tables to add constraints; every row and counter survives
 * up, down and up again, and down leaves the schema exactly as the previous migration left it.
 */
describe.each(ENGINES)('the foreign-key migration on a database with rows in every table, on %s', (engine) => {
  const at = MIGRATIONS.indexOf(ForeignKeys1796052040988);
  const before = MIGRATIONS.slice(0, at);

  const atPreviousMigration = async (db: TestDatabase): Promise<DataSource> => {
    const old = new DataSource({ ...dataSourceOptions(db.config), migrations: before });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    return old;
  };

  /** Up to this migration: a later one may change the schema again. */
  const current = async (db: TestDatabase): Promise<DataSource> => {
    const dataSource = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS.slice(0, at + 1) });
    await dataSource.initialize();
    return dataSource;
  };

  it('up, down and up keep every row and id counter; down restores the previous schema exactly', async () => {
    const db = await createTestDatabase(engine);
    const sources: DataSource[] = [];
    try {
      const old = await atPreviousMigration(db);
      sources.push(old);
      await fillEveryTable(old, engine);
      const rows = await everyRow(old, engine);
      const counters = await idCounters(old, engine);
      const previousSchema = await schemaOf(old, engine);
      for (const table of FK_MIGRATION_TABLES) expect([table, rows[table]?.length]).not.toEqual([table, 0]);
      expect(counters['org_facts']).toBe(7);
      await old.destroy();

      const dataSource = await current(db);
      sources.push(dataSource);
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual([ForeignKeys1796052040988.name]);
      expect(await everyRow(dataSource, engine)).toEqual(rows);
      expect(await idCounters(dataSource, engine)).toEqual(counters);
      expect(await foreignKeysOf(dataSource, engine)).toEqual(foreignKeysAtMigration());
      const migratedSchema = await schemaOf(dataSource, engine);

      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await everyRow(dataSource, engine)).toEqual(rows);
      expect(await idCounters(dataSource, engine)).toEqual(counters);
      expect(await schemaOf(dataSource, engine)).toEqual(previousSchema);

      await dataSource.runMigrations({ transaction: 'each' });
      expect(await everyRow(dataSource, engine)).toEqual(rows);
      expect(await idCounters(dataSource, engine)).toEqual(counters);
      expect(await schemaOf(dataSource, engine)).toEqual(migratedSchema);
      // The counters hold: a new fact takes the id after the deleted one's.
      await insertRows(dataSource, engine, 'org_facts', [
        {
          org_id: 2,
          claim_year: 2026,
          name: 'taxCompliant',
          value: 'true',
          provenance: 'self-declared',
          updated_by: 4,
          updated_at: '2026-06-02 08:00:00',
        },
      ]);
      expect(await dataSource.query("SELECT id FROM org_facts WHERE name = 'taxCompliant'")).toEqual([{ id: 7 }]);
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
        const old = await atPreviousMigration(db);
        sources.push(old);
        await fillEveryTable(old, engine);
        await old.query('ALTER TABLE `users` RENAME INDEX `IDX_9c98f005249412c8333a3b2c59` TO `uq_users_openid`');
        await old.query(
          'ALTER TABLE `orgs` ADD CONSTRAINT `fk_orgs_created_by` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`)' +
            ' ON DELETE RESTRICT ON UPDATE NO ACTION',
        );
        await old.destroy();
        const dataSource = await current(db);
        sources.push(dataSource);
        expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
          ForeignKeys1796052040988.name,
        ]);
        expect(await foreignKeysOf(dataSource, engine)).toEqual(foreignKeysAtMigration());
        const names = (await constraintNames(dataSource, engine)).map((n) => n.name);
        expect(names).toContain('uq_users_openid');
        expect(names.filter((n) => n.startsWith('IDX_'))).toEqual([]);
      } finally {
        for (const s of sources) if (s.isInitialized) await s.destroy();
        await db.drop();
      }
    });

  it('stops before changing anything while rows reference rows that do not exist, naming them', async () => {
    const db = await createTestDatabase(engine);
    const sources: DataSource[] = [];
    try {
      const old = await atPreviousMigration(db);
      sources.push(old);
      await fillEveryTable(old, engine);
      await insertRows(old, engine, 'org_facts', [
        {
          org_id: 404,
          claim_year: 2026,
          name: 'normalOperation',
          value: 'true',
          provenance: 'self-declared',
          updated_by: 2,
          updated_at: '2026-06-01 08:00:00',
        },
      ]);
      await old.query('UPDATE audit_log SET actor_id = 77 WHERE id = 1');
      const rows = await everyRow(old, engine);
      const previousSchema = await schemaOf(old, engine);
      await old.destroy();

      const dataSource = await current(db);
      sources.push(dataSource);
      const error = await dataSource.runMigrations({ transaction: 'each' }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toBe(
        [
          '无法添加外键：以下数据引用了不存在的记录，请先修正或删除这些行，再启动服务：',
          '  - org_facts.org_id 有 1 行引用了不存在的 orgs.id（例如 404）',
          '  - audit_log.actor_id 有 1 行引用了不存在的 users.id（例如 77）',
        ].join('\n'),
      );
      expect(await dataSource.showMigrations()).toBe(true);
      expect(await schemaOf(dataSource, engine)).toEqual(previousSchema);
      expect(await everyRow(dataSource, engine)).toEqual(rows);
    } finally {
      for (const s of sources) if (s.isInitialized) await s.destroy();
      await db.drop();
    }
  });
});
