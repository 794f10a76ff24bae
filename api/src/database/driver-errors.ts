/** A unique index refused the insert (MariaDB ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export const isDuplicate = (error: unknown): boolean => {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

const ER_LOCK_DEADLOCK = 1213;

/** MariaDB broke a deadlock by rolling this transaction back (SQLite serialises writers and has none). */
export const isDeadlock = (error: unknown): boolean => {
  const e = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  return (e?.errno ?? e?.driverError?.errno) === ER_LOCK_DEADLOCK;
};

/**
 * Runs a transaction again, up to three times in all, when MariaDB chose it as a deadlock's
 * victim. Two first writes of one missing row both lock its index gap and then insert, and two
 * changes can lock the same rows in opposite orders; the one rolled back must run again (and see
 * the other's work) rather than answer a server error.
 */
export const retryDeadlocks = async <T>(work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt === 3) throw error;
    }
  }
};
