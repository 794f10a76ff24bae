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

/** Opens the database and brings its schema up to date. */
export const openDatabase = async (db: DatabaseConfig): Promise<DataSource> => {
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
};
