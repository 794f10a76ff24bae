import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { commendations } from '../commendations/commendations';
import { type MonthlyFigures } from '../contracts/statistics';
import { countyFiguresOf, countyYears, ratioBasisPoints } from './yearly';

const month = (overrides: Partial<MonthlyFigures>): MonthlyFigures => ({
  county: 'linqing',
  year: 2023,
  month: 1,
  onlineRetailFen: 110_000_000,
  onlineRetailPriorYearFen: 100_000_000,
  physicalGoodsOnlineRetailFen: 30_000_000,
  totalRetailSalesFen: 100_000_000,
  newOnlineShops: 40,
  relocatedShops: 2,
  relocatedShopsStatisticalRetailFen: 5_000_000,
  ...overrides,
});

describe('ratioBasisPoints', () => {
  it('rounds half away from zero to a basis point', () => {
    expect(ratioBasisPoints(1, 3)).toBe(3333);
    expect(ratioBasisPoints(2, 3)).toBe(6667);
    expect(ratioBasisPoints(1, 20_000)).toBe(1); // 0.5 bp rounds up
    expect(ratioBasisPoints(-1, 20_000)).toBe(-1);
    expect(ratioBasisPoints(-1, 3)).toBe(-3333);
    expect(ratioBasisPoints(5, 0)).toBeNull();
  });

  it('is exact past Number’s safe integers (a year of the city’s retail in fen)', () => {
    // 35,000,000,000 yuan = 3.5e12 fen; ×10,000 is 3.5e16 > 2^53.
    expect(ratioBasisPoints(3_500_000_000_001, 3_500_000_000_000)).toBe(10_000);
    expect(ratioBasisPoints(3_500_000_000_000 + 175_000_000, 3_500_000_000_000)).toBe(10_001); // exactly 0.5 bp above
  });

  it('agrees with exact rational rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 1, max: 10 ** 13 }), (n, d) => {
        fc.pre(BigInt(n) * 10_000n <= BigInt(Number.MAX_SAFE_INTEGER) * BigInt(d)); // a result Number can hold
        const bp = ratioBasisPoints(n, d) ?? Number.NaN;
        // |n·10000/d − bp| ≤ 1/2, and exactly 1/2 only when rounding up.
        const diff2 = BigInt(n) * 20_000n - BigInt(bp) * 2n * BigInt(d);
        return diff2 < BigInt(d) && diff2 >= -BigInt(d);
      }),
    );
  });
});

describe('countyYears (十二 feeding 一、四、五)', () => {
  it('sums a county’s months and derives growth and share from the sums, not from monthly ratios', () => {
    const rows = [
      month({
        month: 1,
        onlineRetailFen: 120,
        onlineRetailPriorYearFen: 100,
        physicalGoodsOnlineRetailFen: 10,
        totalRetailSalesFen: 100,
      }),
      month({
        month: 2,
        onlineRetailFen: 80,
        onlineRetailPriorYearFen: 100,
        physicalGoodsOnlineRetailFen: 90,
        totalRetailSalesFen: 300,
      }),
    ];
    const year = countyYears(rows, 2023).get('linqing');
    if (!year) throw new Error('no year for linqing');
    expect(year.months).toEqual([1, 2]);
    expect(year.totals.onlineRetailFen).toBe(200);
    expect(year.figures.onlineRetailGrowthBp).toBe(0); // 200 vs 200, though month 1 grew 20%
    expect(year.figures.physicalGoodsOnlineShareBp).toBe(2500); // 100 / 400
    expect(year.figures.newOnlineShops).toBe(80);
    expect(year.figures.relocatedShopsStatisticalRetailFen).toBe(10_000_000);
  });

  it('leaves out other years, counties without a month, and ratios whose base is zero', () => {
    const rows = [
      month({ county: 'gaotang', onlineRetailPriorYearFen: 0, totalRetailSalesFen: 0 }),
      month({ county: 'linqing', year: 2022 }),
    ];
    const years = countyYears(rows, 2023);
    expect([...years.keys()]).toEqual(['gaotang']);
    const figures = years.get('gaotang')?.figures;
    expect(figures).not.toHaveProperty('onlineRetailGrowthBp');
    expect(figures).not.toHaveProperty('physicalGoodsOnlineShareBp');
    expect(figures?.newOnlineShops).toBe(40);
  });

  it('feeds the commendations: a year of months ranks like the yearly figures would', () => {
    const months = (county: MonthlyFigures['county'], retail: number, newShops: number) =>
      Array.from({ length: 12 }, (_, i) =>
        month({
          county,
          month: i + 1,
          onlineRetailFen: retail,
          onlineRetailPriorYearFen: 1_000,
          newOnlineShops: newShops,
        }),
      );
    const rows = [...months('linqing', 1_300, 50), ...months('gaotang', 1_100, 40), ...months('donge', 1_200, 42)];
    const result = commendations({
      year: 2023,
      province: { onlineRetailGrowthBp: 1_000, physicalGoodsOnlineShareBp: 2_000 },
      counties: countyFiguresOf(rows, 2023),
    });
    expect(result.lists['retail-growth'].map((e) => [e.county, e.value])).toEqual([
      ['linqing', 3000],
      ['donge', 2000],
    ]);
    expect(result.lists['new-shops'].map((e) => e.county)).toEqual(['linqing', 'donge']); // 600 and 504 > 500
  });
});
