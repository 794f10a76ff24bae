import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.js';
import { TABLES } from './support/schema.js';

describe.each(ENGINES)('migrations on %s', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataSource = new DataSource(dataSourceOptions(db.config));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const tables = async (): Promise<string[]> => {
    const rows: { name: string }[] =
      engine === 'sqlite'
        ? await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await dataSource.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          );
    return rows.map((r) => r.name).filter((n) => n !== 'migrations' && !n.startsWith('sqlite_'));
  };

  it('up: creates every table, and the entities match the schema exactly (no drift)', async () => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran).toHaveLength(MIGRATIONS.length);
    expect((await tables()).sort()).toEqual([...TABLES]);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('down: every migration reverts, leaving no table behind; up again works', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await tables()).sort()).toEqual([...TABLES]);
  });
});
