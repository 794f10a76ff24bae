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

/**
 * Calendar years: 1900 to 9999, the years a date may carry (isIsoDate), so a year and a date of
 * one event are judged alike. A firm founded before 1949 is still a firm, and validation checks
 * the form, not whether a year qualifies: that is the rules' answer (a firm first operating in
 * 1999 is ineligible for a 首年度 award in 2023; a claim year without an edition is NO_EDITION).
 */
export const YEARS = { min: 1900, max: 9999, message: '必须是1900到9999之间的整数年份，例如2023' } as const;

/** Messages for numbers, shared by requests and editions. */
export const numberMessage = {
  fen: '必须是不小于0的整数，单位为分（1元=100分）',
  count: '必须是不小于0的整数',
  bp: '必须是0到10000之间的整数，单位为基点（1%=100基点）',
  signedBp: '必须是整数，单位为基点（1%=100基点）',
  year: YEARS.message,
} as const;

export const isYear = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= YEARS.min && value <= YEARS.max;
