import fc from 'fast-check';
import { PROPERTY_RUNS } from '../testing/property-runs';
import { type ProRataAward, shareProRata } from './pro-rata';

const awards = (...amounts: number[]): ProRataAward<number>[] =>
  amounts.map((amountFen, i) => ({ id: i + 1, amountFen }));
const amountsOf = (r: { shares: readonly { amountFen: number }[] }): number[] => r.shares.map((s) => s.amountFen);

describe('pro-rata sharing of an oversubscribed pool', () => {
  it('pays every award as fixed when they fit in the pool', () => {
    const r = shareProRata(1_000_000, awards(300_000, 200_000, 500_000));
    expect(r).toEqual({
      oversubscribed: false,
      requestedFen: 1_000_000,
      ratioBp: 10_000,
      shares: [
        { id: 1, amountFen: 300_000 },
        { id: 2, amountFen: 200_000 },
        { id: 3, amountFen: 500_000 },
      ],
      totalFen: 1_000_000,
      leftoverFen: 0,
    });
    expect(shareProRata(2_000_000, awards(300_000)).leftoverFen).toBe(1_700_000);
  });

  it('scales every award by the same ratio when the pool is short: 900万元 asked of a 600万元 pool is 2/3 each', () => {
    const r = shareProRata(600_000_000, awards(300_000_000, 450_000_000, 150_000_000));
    expect(amountsOf(r)).toEqual([200_000_000, 300_000_000, 100_000_000]);
    expect(r).toMatchObject({ oversubscribed: true, requestedFen: 900_000_000, ratioBp: 6666, totalFen: 600_000_000 });
    expect(r.leftoverFen).toBe(0);
  });

  it('rounds each share down to the fen and leaves the fen over undistributed', () => {
    // 100 fen over three equal awards of 100: 33.33… each, 33 paid, 1 fen left, never handed to one of them.
    const r = shareProRata(100, awards(100, 100, 100));
    expect(amountsOf(r)).toEqual([33, 33, 33]);
    expect(r.totalFen).toBe(99);
    expect(r.leftoverFen).toBe(1);
  });

  it('keeps the awards in their order and their ids, strings included', () => {
    const r = shareProRata(10, [
      { id: 'b', amountFen: 15 },
      { id: 'a', amountFen: 5 },
    ]);
    expect(r.shares).toEqual([
      { id: 'b', amountFen: 7 },
      { id: 'a', amountFen: 2 },
    ]);
  });

  it('is exact where floating point is not', () => {
    // In doubles, 4863848386315 × 5952916968942 / 10204592376823 floors to 2837358370043: one fen too many.
    const r = shareProRata(5_952_916_968_942, awards(4_863_848_386_315, 5_340_743_990_508));
    expect(Math.floor((4_863_848_386_315 * 5_952_916_968_942) / 10_204_592_376_823)).toBe(2_837_358_370_043);
    expect(amountsOf(r)).toEqual([2_837_358_370_042, 3_115_558_598_899]);
    expect(r.leftoverFen).toBe(1);
  });

  it('stays exact up to the largest safe integer', () => {
    const big = 4_503_599_627_370_495; // 2^52 − 1
    const r = shareProRata(big - 1, awards(big, 1));
    // big × (big − 1) = (big + 1)(big − 2) + 2, so the first share is big − 2 and the second 0.
    expect(amountsOf(r)).toEqual([big - 2, 0]);
    expect(r.leftoverFen).toBe(1);
  });

  it('pays nothing from an empty pool and shares nothing among no awards', () => {
    expect(amountsOf(shareProRata(0, awards(5, 7)))).toEqual([0, 0]);
    expect(shareProRata(0, awards(5, 7)).leftoverFen).toBe(0);
    expect(shareProRata(500, [])).toMatchObject({ oversubscribed: false, shares: [], totalFen: 0, leftoverFen: 500 });
  });

  describe('refuses bad input', () => {
    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
      'a cap or an amount of %p',
      (bad) => {
        expect(() => shareProRata(bad, awards(1))).toThrow(RangeError);
        expect(() => shareProRata(100, awards(1, bad))).toThrow(RangeError);
      },
    );

    it('awards that add up beyond the largest safe integer', () => {
      expect(() => shareProRata(100, awards(Number.MAX_SAFE_INTEGER, 1))).toThrow(/beyond the largest safe integer/);
    });

    it('an award given twice', () => {
      expect(() =>
        shareProRata(100, [
          { id: 7, amountFen: 1 },
          { id: 7, amountFen: 2 },
        ]),
      ).toThrow(TypeError);
    });
  });

  describe('properties', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 2_000_000_000 }), // up to 2000万元, the size of real awards
      fc.integer({ min: 0, max: 100 }), // small, where rounding dominates
      fc.integer({ min: 0, max: 50_000_000_000_000 }), // large, where doubles would lose fen
    );
    const pool = fc
      .array(amount, { maxLength: 60 })
      .chain((amounts) => {
        const sum = amounts.reduce((a, b) => a + b, 0);
        // Caps below, at and above the sum, and anywhere.
        return fc.tuple(
          fc.constant(amounts),
          fc.oneof(fc.integer({ min: 0, max: sum }), fc.constant(sum), fc.integer({ min: 0, max: 2 * sum + 10 })),
        );
      })
      .map(([amounts, cap]) => ({ cap, awards: awards(...amounts) }));

    it('never pays above the pool, never above an award, and leaves fewer fen than awards', () => {
      fc.assert(
        fc.property(pool, ({ cap, awards: list }) => {
          const r = shareProRata(cap, list);
          const sum = list.reduce((a, b) => a + b.amountFen, 0);
          const total = r.shares.reduce((a, s) => a + s.amountFen, 0);
          expect(total).toBe(r.totalFen);
          expect(r.leftoverFen).toBe(cap - total);
          expect(r.oversubscribed).toBe(sum > cap);
          expect(total).toBeLessThanOrEqual(cap);
          r.shares.forEach((s, i) => {
            expect(s.id).toBe(list[i]?.id);
            expect(s.amountFen).toBeGreaterThanOrEqual(0);
            expect(s.amountFen).toBeLessThanOrEqual(list[i]?.amountFen ?? -1);
          });
          if (r.oversubscribed) expect(cap - total).toBeLessThan(list.length);
          else expect(amountsOf(r)).toEqual(list.map((a) => a.amountFen));
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('gives exactly floor(amount × cap / sum) for every award, as BigInt computes it', () => {
      fc.assert(
        fc.property(pool, ({ cap, awards: list }) => {
          const sum = list.reduce((a, b) => a + BigInt(b.amountFen), 0n);
          const expected = list.map((a) =>
            sum <= BigInt(cap) ? a.amountFen : Number((BigInt(a.amountFen) * BigInt(cap)) / sum),
          );
          expect(amountsOf(shareProRata(cap, list))).toEqual(expected);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('treats equal awards equally and keeps larger awards at least as large', () => {
      fc.assert(
        fc.property(pool, ({ cap, awards: list }) => {
          const r = shareProRata(cap, list);
          for (let i = 0; i < list.length; i++)
            for (let j = 0; j < list.length; j++)
              if ((list[i]?.amountFen ?? 0) <= (list[j]?.amountFen ?? 0))
                expect(r.shares[i]?.amountFen).toBeLessThanOrEqual(r.shares[j]?.amountFen ?? -1);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });
  });
});
