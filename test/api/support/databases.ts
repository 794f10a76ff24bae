import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type DatabaseConfig } from '../../../api/src/config/config.js';

/** A fresh, empty database on one engine, and how to get rid of it. */
export interface TestDatabase {
  engine: 'sqlite' | 'mariadb';
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export type Engine = TestDatabase['engine'];

/** SQLite always; MariaDB when TEST_MYSQL_URL is set (.ci/run sets it to the machine's MariaDB). */
export const ENGINES: Engine[] = process.env['TEST_MYSQL_URL'] ? ['sqlite', 'mariadb'] : ['sqlite'];

export const createTestDatabase = async (engine: Engine): Promise<TestDatabase> => {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'huiqi-test-'));
    return {
      engine,
      config: { type: 'sqlite', path: join(dir, 'test.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = process.env['TEST_MYSQL_URL'] as string;
  const name = `huiqi_t_${randomBytes(5).toString('hex')}`;
  const admin = new DataSource({ type: 'mariadb', url });
  await admin.initialize();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    engine,
    config: { type: 'mariadb', url: target.toString() },
    drop: async () => {
      const a = new DataSource({ type: 'mariadb', url });
      await a.initialize();
      await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.destroy();
    },
  };
};
