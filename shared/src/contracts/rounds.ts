import { type ProgramId } from './catalogue';

/**
 * How an oversubscribed pool is shared, chosen by the city per pool of a round before awards are
 * fixed (the text is silent): `order`, in order of approval (an award that no longer fits is
 * refused; the reviewer may lower it to what is left, with a reason); `pro-rata`, every award of the
 * round scaled by the same ratio, rounded down to the fen, when the city shares the pool out.
 */
export type PoolSharing = 'order' | 'pro-rata';

export const POOL_SHARING_LABELS: { readonly [S in PoolSharing]: string } = {
  order: '按核定先后',
  'pro-rata': '按比例分配',
};

/** A pool of a round: its amount and its ledger's totals (fen). */
export interface RoundPoolView {
  /** The edition's pool, e.g. pool-leading. */
  poolId: string;
  title: string;
  /** The edition's words capping it, e.g. 全市补贴总额不超过200万元. */
  clause: string;
  /** What this round may pay from the pool; the rounds of a claim year never exceed the edition's cap together. */
  capFen: number;
  sharing: PoolSharing;
  sharingLabel: string;
  /** Held for awards the city approved, until their notice ends. */
  reservedFen: number;
  /** Awards whose notice ended (approved), paid or not. */
  committedFen: number;
  /** Of the committed, what finance has paid. */
  paidFen: number;
  /** `capFen - reservedFen - committedFen`, never negative. */
  availableFen: number;
  /** A pro-rata pool: when the city shared it out (ISO 8601), null before; always null for `order`. */
  allocatedAt: string | null;
}

/** An application round (申报批次): what firms may apply for, from when to when, from which pools. */
export interface RoundView {
  id: number;
  claimYear: number;
  editionId: string;
  title: string;
  /** First and last day of submissions (YYYY-MM-DD, Asia/Shanghai), both included. */
  opens: string;
  closes: string;
  /** Today is within the window. */
  open: boolean;
  programs: { programId: ProgramId; title: string; measure: number }[];
  pools: RoundPoolView[];
  createdAt: string;
}

/** `GET /api/v1/rounds`: newest first. */
export interface RoundList {
  rounds: RoundView[];
}

/** `GET /api/v1/rounds?…`. */
export interface RoundQuery {
  /**
   * Only this claim year's rounds.
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  year?: number;
  /** `true`: only rounds taking submissions today. */
  open?: 'true' | 'false';
}

/** `POST /api/v1/rounds` (city reviewers and administrators): a round, published at once. */
export interface CreateRoundRequest {
  /**
   * @asType integer
   * @minimum 1900
   * @maximum 9999
   */
  claimYear: number;
  /**
   * e.g. 2025年度电商政策资金第一批申报.
   * @minLength 1
   * @maxLength 100
   */
  title: string;
  /** @pattern ^\d{4}-\d{2}-\d{2}$ */
  opens: string;
  /** @pattern ^\d{4}-\d{2}-\d{2}$ */
  closes: string;
  /**
   * The programs of the claim year's edition this round takes (at least one).
   * @minItems 1
   * @maxItems 20
   */
  programs: ProgramId[];
  /**
   * The amount of each pool the programs draw on, and how it is shared when oversubscribed.
   * @minItems 1
   * @maxItems 20
   */
  pools: {
    /** @maxLength 48 */
    poolId: string;
    /**
     * @asType integer
     * @minimum 0
     */
    capFen: number;
    sharing: PoolSharing;
  }[];
}

/** A round's pool in a path. */
export interface RoundPoolParams {
  /**
   * @asType integer
   * @minimum 1
   */
  id: number;
  /** @maxLength 48 */
  poolId: string;
}

/** One line of a pool's ledger: every movement of money, never updated. */
export interface LedgerEntryView {
  id: number;
  at: string;
  applicationId: number;
  /** reserve at city approval (or when a pro-rata pool is shared out); commit when the notice ends; release on rejection, withdrawal or an upheld objection; pay when finance records the payment. */
  kind: 'reserve' | 'commit' | 'release' | 'pay';
  amountFen: number;
  /** The pool's totals after this line. */
  reservedFen: number;
  committedFen: number;
}

/** An award drawn on a pool, as finance reads it. */
export interface PoolAwardView {
  applicationId: number;
  firmName: string;
  uscc: string;
  county: string;
  countyName: string;
  programId: ProgramId;
  programTitle: string;
  measure: number;
  status: string;
  statusLabel: string;
  /** What the pool holds for it now (0 once released). */
  amountFen: number;
  state: 'reserved' | 'committed' | 'paid' | 'released' | 'waiting';
  voucherNo: string | null;
  paidOn: string | null;
}

/** The ledger's lines and the pool's awards come a page at a time, each list with its own page. */
export const POOL_LEDGER_PAGE_SIZE = 20;

/** `GET /api/v1/rounds/:id/pools/:poolId/ledger?…`. */
export interface PoolLedgerQuery {
  /**
   * The page of ledger lines, oldest first (1: the first).
   * @asType integer
   * @minimum 1
   */
  page?: number;
  /**
   * The page of awards, in order of their holds (1: the first).
   * @asType integer
   * @minimum 1
   */
  awardsPage?: number;
}

/** `GET /api/v1/rounds/:id/pools/:poolId/ledger` (city, finance, administrators): the totals, and a page of each list. */
export interface PoolLedger {
  roundId: number;
  pool: RoundPoolView;
  /** The page `awardsPage` of the awards (at most `pageSize`). */
  awards: PoolAwardView[];
  /** The page `page` of the ledger's lines (at most `pageSize`), oldest first. */
  entries: LedgerEntryView[];
  page: number;
  awardsPage: number;
  pageSize: number;
  /** Every line of the ledger, and every award, not only those of the page. */
  entriesTotal: number;
  awardsTotal: number;
}

/** `POST /api/v1/rounds/:id/pools/:poolId/allocate`: a pro-rata pool shared out over the round's approved awards. */
export interface PoolAllocation {
  roundId: number;
  pool: RoundPoolView;
  /** Requested (the awards the city approved) and shared out, fen. */
  requestedFen: number;
  allocatedFen: number;
  /** The ratio applied, in basis points (10000: every award in full). */
  ratioBp: number;
  shares: { applicationId: number; requestedFen: number; amountFen: number }[];
}

/** `GET /api/v1/rounds/:id/pools/:poolId/export?format=`. */
export interface PoolExportQuery {
  format: 'xlsx' | 'csv';
}
