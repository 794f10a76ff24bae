/** One award competing for a pool: what the rules and the reviewers fixed, in fen. */
export type ProRataAward<Id extends string | number = string | number> = {
  readonly id: Id;
  readonly amountFen: number;
};

export type ProRataShare<Id extends string | number = string | number> = {
  readonly id: Id;
  readonly amountFen: number;
};

export type ProRataResult<Id extends string | number = string | number> = {
  /** The awards asked for more than the pool holds (only then are they scaled). */
  readonly oversubscribed: boolean;
  /** The sum of the awards as fixed. */
  readonly requestedFen: number;
  /**
   * cap / requested in basis points rounded down, 10000 when not oversubscribed: for display
   * only; the shares are scaled by the exact ratio, not by this rounded one.
   */
  readonly ratioBp: number;
  /** One share per award, in the awards' order. */
  readonly shares: readonly ProRataShare<Id>[];
  readonly totalFen: number;
  /** capFen − totalFen: the pool's fen no share takes. */
  readonly leftoverFen: number;
};

const requireFen = (value: number, name: string): bigint => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative safe integer number of fen, not ${value}`);
  return BigInt(value);
};

/**
 * Shares an oversubscribed pool pro rata (按比例): when the awards together fit in `capFen`,
 * every award is paid as fixed; otherwise every award is scaled by the same ratio cap / sum and
 * rounded down to the fen, floor(amount × cap / sum), in exact integer (BigInt) arithmetic.
 *
 * The fen that rounding leaves over (fewer than the number of awards) are deliberately NOT
 * handed out: giving them to some awards would treat equal awards unequally, and every award
 * must be scaled by the one ratio the round announces. So, when oversubscribed:
 * total ≤ cap, each share ≤ its award, and cap − total < number of awards.
 *
 * Throws a RangeError for a cap or an amount that is negative, fractional or not a safe integer,
 * for awards that together exceed the largest safe integer, and a TypeError for an id given twice.
 */
export const shareProRata = <Id extends string | number>(
  capFen: number,
  awards: readonly ProRataAward<Id>[],
): ProRataResult<Id> => {
  const cap = requireFen(capFen, 'capFen');
  const ids = new Set<Id>();
  let sum = 0n;
  for (const award of awards) {
    if (ids.has(award.id)) throw new TypeError(`Award ${String(award.id)} is given twice`);
    ids.add(award.id);
    sum += requireFen(award.amountFen, `amountFen of award ${String(award.id)}`);
  }
  if (sum > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`The awards add up to ${sum} fen, beyond the largest safe integer`);

  const requestedFen = Number(sum);
  if (sum <= cap) {
    return {
      oversubscribed: false,
      requestedFen,
      ratioBp: 10_000,
      shares: awards.map(({ id, amountFen }) => ({ id, amountFen })),
      totalFen: requestedFen,
      leftoverFen: capFen - requestedFen,
    };
  }
  // sum > cap ≥ 0, so sum > 0: the divisions are defined, and each share ≤ its amount (cap/sum < 1).
  let total = 0n;
  const shares = awards.map(({ id, amountFen }) => {
    const share = (BigInt(amountFen) * cap) / sum;
    total += share;
    return { id, amountFen: Number(share) };
  });
  return {
    oversubscribed: true,
    requestedFen,
    ratioBp: Number((cap * 10_000n) / sum),
    shares,
    totalFen: Number(total),
    leftoverFen: Number(cap - total),
  };
};
