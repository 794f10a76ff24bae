import { type CreateRoundRequest, formatFen, type ProgramId, type RoundPoolView } from '@huiqi/shared';
import { parseYuan } from '../calculator/numbers';

/** One segment of a pool's stacked bar: its share of the bar in basis points and what it stands for. */
export interface BarSegment {
  kind: 'committed' | 'reserved' | 'left';
  label: string;
  fen: number;
  /** Of the whole bar, 0..10000; the three segments always add up to 10000. */
  bp: number;
}

const SEGMENT_LABELS: { readonly [K in BarSegment['kind']]: string } = {
  committed: '已确认',
  reserved: '已预留',
  left: '剩余',
};

const nonNegative = (fen: number): number => (Number.isFinite(fen) && fen > 0 ? Math.floor(fen) : 0);

/**
 * A pool's stacked bar: committed, reserved and left as shares of the larger of the cap and what
 * the pool holds (an over-committed pool fills the bar with what it holds and has nothing left).
 * Integer basis points by largest remainder, in BigInt so amounts of any size stay exact: the
 * segments add up to 10000, none is negative, and an empty amount never gets a sliver.
 */
export const poolBar = (pool: Pick<RoundPoolView, 'capFen' | 'reservedFen' | 'committedFen'>): BarSegment[] => {
  const committed = nonNegative(pool.committedFen);
  const reserved = nonNegative(pool.reservedFen);
  const left = Math.max(0, nonNegative(pool.capFen) - committed - reserved);
  const amounts: [BarSegment['kind'], number][] = [
    ['committed', committed],
    ['reserved', reserved],
    ['left', left],
  ];
  const total = BigInt(committed + reserved + left);
  if (total === 0n)
    return amounts.map(([kind, fen]) => ({ kind, label: SEGMENT_LABELS[kind], fen, bp: kind === 'left' ? 10_000 : 0 }));
  const scaled = amounts.map(([, fen]) => BigInt(fen) * 10_000n);
  const bps = scaled.map((s) => Number(s / total));
  let missing = 10_000 - bps.reduce((a, b) => a + b, 0);
  // The largest remainders get the basis points floor division left over (first one on a tie).
  const order = scaled
    .map((s, i) => ({ i, rem: s % total }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i, rem } of order) {
    if (missing === 0 || rem === 0n) break;
    bps[i] = (bps[i] ?? 0) + 1;
    missing -= 1;
  }
  return amounts.map(([kind, fen], i) => ({ kind, label: SEGMENT_LABELS[kind], fen, bp: bps[i] ?? 0 }));
};

/** Basis points as a CSS width: 2500 → "25%", 3333 → "33.33%". */
export const widthOf = (bp: number): string => {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0')}%`;
};

/** A pool's figures as the page lists them, in yuan exact to the fen. */
export interface PoolFigures {
  cap: string;
  reserved: string;
  committed: string;
  paid: string;
  /** cap − reserved − committed; 0 when over-committed (then `over` says by how much). */
  left: string;
  over: string | null;
}

export const poolFigures = (
  pool: Pick<RoundPoolView, 'capFen' | 'reservedFen' | 'committedFen' | 'paidFen'>,
): PoolFigures => {
  const leftFen = pool.capFen - pool.reservedFen - pool.committedFen;
  return {
    cap: formatFen(pool.capFen),
    reserved: formatFen(pool.reservedFen),
    committed: formatFen(pool.committedFen),
    paid: formatFen(pool.paidFen),
    left: formatFen(Math.max(0, leftFen)),
    over: leftFen < 0 ? formatFen(-leftFen) : null,
  };
};

/** The claim years the year picker offers: next year and the five before it, newest first. */
export const yearChoices = (currentYear: number): number[] => Array.from({ length: 6 }, (_, i) => currentYear + 1 - i);

/** What a payment's fields say is wrong, per field (empty: it may be sent). */
export const paymentErrors = (
  input: { voucherNo: string; paidOn: string },
  today: string,
): { voucherNo?: string; paidOn?: string } => {
  const out: { voucherNo?: string; paidOn?: string } = {};
  const voucher = input.voucherNo.trim();
  if (!voucher) out.voucherNo = '请填写拨付凭证号';
  else if (voucher.length > 64) out.voucherNo = '凭证号不能超过64个字符';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn)) out.paidOn = '请选择拨付日期';
  else if (input.paidOn > today) out.paidOn = '拨付日期不能晚于今天';
  return out;
};

/** The file name a download's Content-Disposition gives (RFC 5987 `filename*` first), or the fallback. */
export const fileNameOf = (header: string | null, fallback: string): string => {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed encoding: the plain name below.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
};

/** A new round's form as typed: amounts in yuan, one per pool. */
export interface RoundDraft {
  title: string;
  claimYear: string;
  opens: string;
  closes: string;
  programs: ProgramId[];
  pools: { poolId: string; capYuan: string; sharing: 'order' | 'pro-rata' }[];
}

/**
 * The form read into the API's request, or what to fix beside each field (keys as the API names
 * them: `pools[0].capFen`). The API checks everything again; this only catches typing.
 */
export const roundRequestOf = (
  draft: RoundDraft,
): { ok: true; body: CreateRoundRequest } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const year = Number(draft.claimYear);
  if (!/^\d{4}$/.test(draft.claimYear)) errors['claimYear'] = '请填写四位数的申报年度，例如 2026';
  if (!draft.title.trim()) errors['title'] = '请填写批次名称';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.opens)) errors['opens'] = '请选择开始申报日期';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.closes)) errors['closes'] = '请选择截止申报日期';
  else if (draft.opens && draft.closes < draft.opens) errors['closes'] = '截止日期不能早于开始日期';
  if (draft.programs.length === 0) errors['programs'] = '请至少选择一个项目';
  const pools: CreateRoundRequest['pools'] = [];
  draft.pools.forEach((pool, i) => {
    const parsed = parseYuan(pool.capYuan);
    if (!parsed.ok) errors[`pools[${i}].capFen`] = pool.capYuan.trim() ? parsed.message : '请填写本批次额度（元）';
    else pools.push({ poolId: pool.poolId, capFen: parsed.value, sharing: pool.sharing });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      claimYear: year,
      title: draft.title.trim(),
      opens: draft.opens,
      closes: draft.closes,
      programs: draft.programs,
      pools,
    },
  };
};

/**
 * A refusal's field errors under the API's own field names (`title`, `pools[0].capFen`), the first
 * message of each: the round form shows each beside its field.
 */
export const detailErrorsOf = (error: unknown): Record<string, string> => {
  const details: unknown = (error as { details?: unknown } | null)?.details;
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const detail of details as { field?: unknown; message?: unknown }[])
    if (typeof detail.field === 'string' && typeof detail.message === 'string') out[detail.field] ??= detail.message;
  return out;
};
