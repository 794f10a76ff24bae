import { Transform } from 'class-transformer';
import { invalid } from './errors.js';

// Decimal digits only, written the one way: Number() would also read '0x7EA', '2.026e3',
// ' 2026', '2026.0', '+2026' and '' (as 0), each silently meaning something else, and a
// leading zero would give one record two spellings.
const DECIMAL = /^(?:0|[1-9]\d{0,14})$/;

export interface IntegerRange {
  min: number;
  max: number;
  /** What to write, in Chinese, e.g. 必须是四位年份，例如2023. */
  message: string;
}

/**
 * An integer from a path or a query string, or a 400 naming the parameter. A repeated query
 * parameter (`?year=2026&year=2027`) arrives as an array and is refused like any other
 * non-number.
 */
export const parseInteger = (raw: unknown, field: string, range: IntegerRange): number => {
  const n = typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) throw invalid(field, range.message);
  return n;
};

/**
 * For query DTOs: a decimal string becomes a number; anything else stays as it came, for the
 * property's @IsInt to refuse with its message.
 */
export const DecimalInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
  );
