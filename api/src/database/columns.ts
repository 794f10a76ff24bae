import { type ValueTransformer } from 'typeorm';

/** mysql2 returns BIGINT as a string; money is integer fen, a JavaScript safe integer. */
export const bigintFen: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
