import { type ValueTransformer } from 'typeorm';

/** mysql2 returns BIGINT as a string; money is integer fen, a JavaScript safe integer. */
export const bigintFen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * JSON columns are stored as text by SQLite and as LONGTEXT with a JSON check by MariaDB;
 * some drivers hand back the raw string. Parse it back where that happens.
 */
export const jsonColumn: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};
