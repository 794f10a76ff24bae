import { type DataSource, type EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. TypeORM keeps a single connection for SQLite, so two
 * concurrent transactions would nest as savepoints and lose updates: on SQLite they are queued
 * and run one at a time. MariaDB runs them concurrently with row locks.
 */
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    const result = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** SELECT … FOR UPDATE where the engine has it; SQLite's queue already serialises. */
  get lock(): { mode: 'pessimistic_write' } | undefined {
    return this.serial ? undefined : { mode: 'pessimistic_write' };
  }
}
