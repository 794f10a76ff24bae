import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { type DatabaseConfig } from '../config/config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * One description of the database for both engines: SQLite through better-sqlite3 by default,
 * MariaDB/MySQL through mysql2. Schema comes only from migrations, never `synchronize`.
 */
export const dataSourceOptions = (db: DatabaseConfig): DataSourceOptions => {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      prepareDatabase: (sqlite: { pragma: (s: string) => unknown }) => {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'mariadb',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    // JSON is parsed exactly once, by TypeORM. mysql2 parses JSON columns itself (MySQL's JSON
    // type, and MariaDB's when the server sends extended metadata, as 10.5+ does), and TypeORM's
    // MysqlDriver then tries JSON.parse again on any string: the fact "913715000000000021" came
    // back as a number, "2020-01-01" survived only because it is no JSON. With the raw text
    // from mysql2, TypeORM's one parse is the only one, whatever the server.
    extra: { jsonStrings: true },
  };
};

/**
 * Refuses a database that does not enforce foreign keys. SQLite enforces them per connection, when
 * `PRAGMA foreign_keys` is on: TypeORM turns it on when it connects, off for each migration (a
 * table rebuild needs it off) and on again after it, but not after a migration that failed, and
 * in `undoLastMigration` its pragma falls inside the transaction, where SQLite ignores it. After
 * migrations ran, the rows they copied are checked too (with the pragma off, nothing checked them).
 * MariaDB enforces them unless a session turns `foreign_key_checks` off; a server whose default is
 * off would give every pooled connection that default.
 */
export const requireForeignKeys = async (dataSource: DataSource, migrated: boolean): Promise<void> => {
  if (dataSource.options.type === 'better-sqlite3') {
    const [pragma] = (await dataSource.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
    if (pragma?.foreign_keys !== 1) throw new Error('SQLite 未启用外键约束（PRAGMA foreign_keys）');
    if (!migrated) return;
    const violations = (await dataSource.query('PRAGMA foreign_key_check')) as { table: string; parent: string }[];
    if (violations.length > 0)
      throw new Error(
        `数据库中有 ${violations.length} 行引用了不存在的记录：${[...new Set(violations.map((v) => `${v.table} → ${v.parent}`))].join('，')}`,
      );
    return;
  }
  const [row] = (await dataSource.query(
    'SELECT @@GLOBAL.foreign_key_checks AS global, @@SESSION.foreign_key_checks AS session',
  )) as {
    global: number | string;
    session: number | string;
  }[];
  if (Number(row?.global) !== 1 || Number(row?.session) !== 1)
    throw new Error('MariaDB 未启用外键检查（foreign_key_checks），请在服务器配置中打开');
};

/** Opens the database, brings its schema up to date and makes sure foreign keys are enforced. */
export const openDatabase = async (db: DatabaseConfig): Promise<DataSource> => {
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    await requireForeignKeys(dataSource, ran.length > 0);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
};
