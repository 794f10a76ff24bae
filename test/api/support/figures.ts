import { type CountyId, type MonthlyFiguresValues } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import {
  CountyMonthlyFiguresEntity,
  ProvinceAveragesEntity,
} from '../../../api/src/modules/statistics/statistics.entity.js';
import { type Booted } from './app.js';

/**
 * Fills the statistics tables through their entities, for suites whose branch has no statistics
 * routes: one row per county and month (replacing any), and the province's averages of a year.
 */
export const figuresOf = (api: Booted) => {
  const dataSource = api.app.app.get(DataSource);
  const anyUser = async (): Promise<number> => {
    const rows = (await dataSource.query('SELECT id FROM users ORDER BY id LIMIT 1')) as { id: unknown }[];
    const id = Number(rows[0]?.id);
    if (!Number.isInteger(id)) throw new Error('no user to record the figures as: log someone in first');
    return id;
  };
  return {
    async month(county: CountyId, year: number, month: number, values: MonthlyFiguresValues): Promise<void> {
      const repo = dataSource.getRepository(CountyMonthlyFiguresEntity);
      await repo.delete({ county, year, month });
      await repo.save(
        repo.create({ county, year, month, ...values, updatedBy: await anyUser(), updatedAt: new Date() }),
      );
    },
    async province(year: number, onlineRetailGrowthBp: number, physicalGoodsOnlineShareBp: number): Promise<void> {
      const repo = dataSource.getRepository(ProvinceAveragesEntity);
      await repo.delete({ year });
      await repo.save(
        repo.create({
          year,
          onlineRetailGrowthBp,
          physicalGoodsOnlineShareBp,
          updatedBy: await anyUser(),
          updatedAt: new Date(),
        }),
      );
    },
  };
};

/**
 * The suites' 2023: eight counties report January to June (临清市 January to May only), the same
 * amounts each month. Per month: prior-year online retail 1,000,000元 everywhere; this year's sets
 * the growth (50%, 30%, 30%, 20%, 15%, 15%, 10%, 5%: ties at 2 and at 5); physical goods over total
 * retail sales of 1,000万元 sets the share (40%, 30%, then 20%); new shops all in January (501 and
 * exactly 500 for the first two); relocated-shop retail 300, 200, 200, 100元; two relocated shops
 * a month each.
 */
export const SCENARIO: {
  county: CountyId;
  onlineFen: number;
  physicalFen: number;
  newShops: number;
  relocatedFen: number;
}[] = [
  { county: 'dongchangfu', onlineFen: 150_000_000, physicalFen: 400_000_000, newShops: 501, relocatedFen: 30_000 },
  { county: 'chiping', onlineFen: 130_000_000, physicalFen: 300_000_000, newShops: 500, relocatedFen: 20_000 },
  { county: 'yanggu', onlineFen: 130_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 20_000 },
  { county: 'shenxian', onlineFen: 120_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 10_000 },
  { county: 'donge', onlineFen: 115_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 0 },
  { county: 'guanxian', onlineFen: 115_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 0 },
  { county: 'gaotang', onlineFen: 110_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 0 },
  { county: 'linqing', onlineFen: 105_000_000, physicalFen: 200_000_000, newShops: 10, relocatedFen: 0 },
];

export const seedScenario = async (api: Booted, year = 2023): Promise<void> => {
  const figures = figuresOf(api);
  for (const c of SCENARIO) {
    for (let month = 1; month <= (c.county === 'linqing' ? 5 : 6); month++) {
      await figures.month(c.county, year, month, {
        onlineRetailFen: c.onlineFen,
        onlineRetailPriorYearFen: 100_000_000,
        physicalGoodsOnlineRetailFen: c.physicalFen,
        totalRetailSalesFen: 1_000_000_000,
        newOnlineShops: month === 1 ? c.newShops : 0,
        relocatedShops: 2,
        relocatedShopsStatisticalRetailFen: month === 1 ? c.relocatedFen : 0,
      });
    }
  }
};
