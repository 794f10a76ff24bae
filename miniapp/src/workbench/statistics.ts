import {
  ApiError,
  type ImportProblem,
  MONTHLY_FIGURES_FIELDS,
  type MonthlyFiguresField,
  type MonthlyFiguresValues,
  type PutProvinceAveragesRequest,
} from '@huiqi/shared';

/** Fen as 万元 text, exact (integer arithmetic): 1234567891 → "1234.567891", trailing zeros dropped. */
export const fenToWan = (fen: number): string => {
  const whole = Math.floor(fen / 1_000_000);
  const rest = String(fen % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
};

/** 万元 text as fen, exactly: up to six decimals (one fen), thousands commas allowed; else what to fix. */
export const wanToFen = (text: string): { fen: number } | { error: string } => {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { error: '请填写金额（万元），没有的填0' };
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(t);
  if (!m) {
    if (/^\d+\.\d{7,}$/.test(t)) return { error: '最多6位小数（单位万元，精确到分）' };
    if (/^-/.test(t)) return { error: '不能为负数' };
    return { error: '请填写数字（单位万元），例如1234.56' };
  }
  return { fen: Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0')) };
};

/** A count as typed: a non-negative integer. */
export const countOf = (text: string): { count: number } | { error: string } => {
  const t = text.trim();
  if (t === '') return { error: '请填写数量，没有的填0' };
  return /^\d{1,9}$/.test(t) ? { count: Number(t) } : { error: '请填写不小于0的整数（家）' };
};

/** The month form as typed, read into the request's values, or each field's problem. */
export const monthValuesOf = (
  draft: Readonly<Record<MonthlyFiguresField, string>>,
): { ok: true; values: MonthlyFiguresValues } | { ok: false; errors: Partial<Record<MonthlyFiguresField, string>> } => {
  const values: Partial<MonthlyFiguresValues> = {};
  const errors: Partial<Record<MonthlyFiguresField, string>> = {};
  for (const f of MONTHLY_FIGURES_FIELDS) {
    const read = f.unit === 'fen' ? wanToFen(draft[f.field]) : countOf(draft[f.field]);
    if ('error' in read) errors[f.field] = read.error;
    else values[f.field] = 'fen' in read ? read.fen : read.count;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: values as MonthlyFiguresValues };
};

/** A stored month as the form's text. */
export const monthDraftOf = (values: MonthlyFiguresValues | null): Record<MonthlyFiguresField, string> =>
  Object.fromEntries(
    MONTHLY_FIGURES_FIELDS.map((f) => [
      f.field,
      values === null ? '' : f.unit === 'fen' ? fenToWan(values[f.field]) : String(values[f.field]),
    ]),
  ) as Record<MonthlyFiguresField, string>;

/** Basis points as a percentage with two decimals: 1234 → "12.34", -50 → "-0.50". */
export const bpToPercent = (bp: number): string => {
  const a = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

/** A percentage with up to two decimals as basis points, exactly; else what to fix. */
export const percentToBp = (text: string, signed: boolean): { bp: number } | { error: string } => {
  const m = /^(-?)(\d{1,5})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return { error: '请填写百分数，最多2位小数，例如12.34' };
  if (m[1] === '-' && !signed) return { error: '不能为负数' };
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return { bp: m[1] === '-' ? -bp : bp };
};

/** The averages form as typed, read into the request. */
export const averagesOf = (
  growth: string,
  share: string,
): { ok: true; body: PutProvinceAveragesRequest } | { ok: false; errors: { growth?: string; share?: string } } => {
  const g = percentToBp(growth, true);
  const s = percentToBp(share, false);
  const errors: { growth?: string; share?: string } = {};
  if ('error' in g) errors.growth = g.error;
  if ('error' in s) errors.share = s.error;
  else if (s.bp > 10_000) errors.share = '占比不能超过100%';
  if ('bp' in g && 'bp' in s && !errors.share)
    return { ok: true, body: { onlineRetailGrowthBp: g.bp, physicalGoodsOnlineShareBp: s.bp } };
  return { ok: false, errors };
};

/** An import's refusal: each problem (row, column, what to fix) as the API listed them. */
export const importProblemsOf = (error: unknown): ImportProblem[] =>
  error instanceof ApiError && error.code === 'IMPORT_INVALID' ? (error.details as ImportProblem[]) : [];

/** Months 1–12 of a year that may be entered today: none after today's month. */
export const monthsOpen = (year: number, today: string): number[] => {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const last = year < y ? 12 : year === y ? m : 0;
  return Array.from({ length: last }, (_, i) => i + 1);
};
