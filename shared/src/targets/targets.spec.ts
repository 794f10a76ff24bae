import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { coverageOf } from '../commendations/from-figures';
import { type MonthlyFigures } from '../contracts/statistics';
import { type TargetObservationView } from '../contracts/targets';
import { targetsOf } from './dashboard';
import { CITY_TARGETS, targetReached } from './targets';

const POLICY_TEXT = readFileSync(
  join(__dirname, '../../../docs/policy/liaocheng-ecommerce-measures-draft.txt'),
  'utf8',
);

const month = (county: MonthlyFigures['county'], m: number, onlineRetailFen: number): MonthlyFigures => ({
  county,
  year: 2023,
  month: m,
  onlineRetailFen,
  onlineRetailPriorYearFen: 0,
  physicalGoodsOnlineRetailFen: 1,
  totalRetailSalesFen: 3,
  newOnlineShops: 0,
  relocatedShops: 1,
  relocatedShopsStatisticalRetailFen: 0,
});

describe('the 2023 targets', () => {
  it('each cites words of the text', () => {
    for (const t of CITY_TARGETS) expect(POLICY_TEXT).toContain(t.clause);
  });

  it('超过 is strictly above, 达到 reaches at the goal, unknown is null', () => {
    expect(targetReached('more-than', 180, 180)).toBe(false);
    expect(targetReached('more-than', 181, 180)).toBe(true);
    expect(targetReached('at-least', 5000, 5000)).toBe(true);
    expect(targetReached('at-least', null, 5000)).toBeNull();
    expect(targetReached('at-least', 1, null)).toBeNull();
  });

  it('sums the months cumulatively and never invents what is not stored', () => {
    const rows = [month('linqing', 1, 100), month('gaotang', 1, 50), month('linqing', 3, 7)];
    const targets = targetsOf(rows, null, [], 2023);
    const retail = targets.find((t) => t.id === 'online-retail');
    expect(retail?.series).toEqual([
      { month: 1, value: 150 },
      { month: 3, value: 157 },
    ]);
    const share = targets.find((t) => t.id === 'online-share');
    // 3 of 9: 33.33%; no province average, so no goal and no verdict.
    expect(share).toMatchObject({ current: 3333, goal: null, reached: null });
    expect(targets.find((t) => t.id === 'online-shops')).toMatchObject({ current: null, reached: null });
  });

  it('relocated shops are the register’s verified ones, cumulated from January; none is no value, not zero', () => {
    // The monthly figure (relocatedShops: 1 a row here) is not what the target counts.
    const rows = [month('linqing', 1, 100), month('linqing', 2, 100)];
    const register = [
      { county: 'gaotang', month: 3, count: 2 },
      { county: 'linqing', month: 1, count: 1 },
      { county: 'linqing', month: 3, count: 178 },
    ];
    const shops = targetsOf(rows, null, [], 2023, register).find((t) => t.id === 'relocated-shops');
    expect(shops?.series).toEqual([
      { month: 1, value: 1 },
      { month: 2, value: 1 },
      { month: 3, value: 181 },
    ]);
    // 超过180家: 181 reaches it.
    expect(shops).toMatchObject({ source: 'register', current: 181, reached: true, asOf: '截至2023年3月' });
    const none = targetsOf(rows, null, [], 2023).find((t) => t.id === 'relocated-shops');
    expect(none).toMatchObject({ series: [], current: null, reached: null });
  });

  it('a colleges ratio needs both counts; the latest by date wins', () => {
    const obs = (id: number, indicator: TargetObservationView['indicator'], observedOn: string, value: number) => ({
      id,
      indicator,
      label: '',
      observedOn,
      value,
      source: 's',
      recordedAt: '',
    });
    const only = targetsOf([], null, [obs(1, 'colleges-with-programme', '2023-01-01', 4)], 2023);
    expect(only.find((t) => t.id === 'college-integration')?.current).toBeNull();
    const both = targetsOf(
      [],
      null,
      [
        obs(1, 'colleges-with-programme', '2023-01-01', 4),
        obs(2, 'colleges-integrating', '2023-06-01', 2),
        obs(3, 'colleges-integrating', '2023-02-01', 1),
      ],
      2023,
    );
    expect(both.find((t) => t.id === 'college-integration')).toMatchObject({ current: 5000, reached: true });
  });

  it('says how far the months go', () => {
    expect(coverageOf(2023, [{ name: '临清市', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }]).coverage).toBe(
      '2023年全年',
    );
    expect(coverageOf(2023, [{ name: '临清市', months: [1, 2] }]).coverage).toBe('截至2023年2月');
    expect(
      coverageOf(2023, [
        { name: '临清市', months: [1, 2] },
        { name: '高唐县', months: [2] },
      ]).coverage,
    ).toBe('截至2023年2月（高唐县仅有2月数据）');
  });
});
