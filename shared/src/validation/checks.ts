import { type FieldError } from '../contracts/errors';

/** Collects every problem of a document instead of stopping at the first. */
export class Issues {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isNonNegativeSafeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const isSafeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** Refuses every key of `value` not in `allowed`, so a typo is never silently ignored. */
export const refuseUnknownKeys = (
  value: Json,
  allowed: ReadonlySet<string> | readonly string[],
  path: string,
  issues: Issues,
  hint: string,
): void => {
  const has = Array.isArray(allowed)
    ? (k: string) => allowed.includes(k)
    : (k: string) => (allowed as ReadonlySet<string>).has(k);
  for (const key of Object.keys(value)) {
    if (!has(key)) issues.add(path ? `${path}.${key}` : key, `不认识的字段“${key}”，${hint}`);
  }
};

/** Messages for numbers, shared by requests and editions. */
export const numberMessage = {
  fen: '必须是不小于0的整数，单位为分（1元=100分）',
  count: '必须是不小于0的整数',
  bp: '必须是0到10000之间的整数，单位为基点（1%=100基点）',
  signedBp: '必须是整数，单位为基点（1%=100基点）',
  year: '必须是四位整数年份，例如2023',
} as const;

export const isYear = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 2000 && value <= 2100;
