import { type CountyId } from '../contracts/catalogue';
import { PolicyError } from '../contracts/errors';
import { type CountyFigures } from '../contracts/evaluation';
import { commendations, rankDescending } from './commendations';

const province = { onlineRetailGrowthBp: 1520, physicalGoodsOnlineShareBp: 2650 };
const ask = (counties: CountyFigures[], year = 2023) => commendations({ year, province, counties });
const ids = (entries: { county: CountyId; rank: number }[]) => entries.map((e) => [e.county, e.rank]);

describe('ranking: ties share a rank (1, 2, 2, 4)', () => {
  it('uses standard competition ranking', () => {
    const ranked = rankDescending([
      { county: 'linqing', value: 10 },
      { county: 'yanggu', value: 30 },
      { county: 'chiping', value: 20 },
      { county: 'donge', value: 20 },
    ]);
    expect(ranked.map((r) => [r.county, r.rank])).toEqual([
      ['yanggu', 1],
      ['chiping', 2],
      ['donge', 2],
      ['linqing', 4],
    ]);
  });
});

describe('一(a) 对当年网络零售额增幅高于全省平均增幅，且增幅列全市前5位的县（市、区）', () => {
  it('commends the top 5 above the province average, in rank order', () => {
    const growth: [CountyId, number][] = [
      ['dongchangfu', 3000],
      ['chiping', 2900],
      ['yanggu', 2800],
      ['shenxian', 2700],
      ['donge', 2600],
      ['guanxian', 2500],
    ];
    const r = ask(growth.map(([county, onlineRetailGrowthBp]) => ({ county, onlineRetailGrowthBp })));
    expect(ids(r.lists['retail-growth'])).toEqual([
      ['dongchangfu', 1],
      ['chiping', 2],
      ['yanggu', 3],
      ['shenxian', 4],
      ['donge', 5],
    ]);
    expect(r.lists['retail-growth'][0]).toEqual({ county: 'dongchangfu', name: '东昌府区', rank: 1, value: 3000 });
  });

  it('a county tied at 5th is inside the top 5', () => {
    const r = ask([
      { county: 'dongchangfu', onlineRetailGrowthBp: 3000 },
      { county: 'chiping', onlineRetailGrowthBp: 2900 },
      { county: 'yanggu', onlineRetailGrowthBp: 2800 },
      { county: 'shenxian', onlineRetailGrowthBp: 2700 },
      { county: 'donge', onlineRetailGrowthBp: 2600 },
      { county: 'guanxian', onlineRetailGrowthBp: 2600 },
      { county: 'gaotang', onlineRetailGrowthBp: 2500 },
    ]);
    expect(ids(r.lists['retail-growth']).slice(4)).toEqual([
      ['donge', 5],
      ['guanxian', 5],
    ]);
  });

  it('高于 is strictly above: equal to the province average is not commended, however high the rank', () => {
    const r = ask([
      { county: 'linqing', onlineRetailGrowthBp: 1520 },
      { county: 'gaotang', onlineRetailGrowthBp: 1521 },
      { county: 'yanggu', onlineRetailGrowthBp: -200 },
    ]);
    expect(ids(r.lists['retail-growth'])).toEqual([['gaotang', 1]]);
  });

  it('a county with no figure is never ranked nor commended, and does not push others down', () => {
    const r = ask([{ county: 'linqing' }, { county: 'gaotang', onlineRetailGrowthBp: 2000 }]);
    expect(ids(r.lists['retail-growth'])).toEqual([['gaotang', 1]]);
  });
});

describe('一(b) 对当年实物商品网络零售额占社会消费品零售总额比重超过全省平均水平，且排名全市前5位的县（市、区）', () => {
  it('ranks among all counties and keeps only those strictly above the province share', () => {
    const r = ask([
      { county: 'hitech', physicalGoodsOnlineShareBp: 2650 },
      { county: 'etdz', physicalGoodsOnlineShareBp: 4000 },
      { county: 'resort', physicalGoodsOnlineShareBp: 2651 },
    ]);
    expect(ids(r.lists['online-share'])).toEqual([
      ['etdz', 1],
      ['resort', 2],
    ]);
  });
});

describe('四、对当年新增网上店铺超过500家的县（市、区） (超过 excludes 500)', () => {
  it.each([
    [499, false],
    [500, false],
    [501, true],
  ])('%i new shops → commended: %s', (newOnlineShops, commended) => {
    expect(ask([{ county: 'linqing', newOnlineShops }]).lists['new-shops'].length).toBe(commended ? 1 : 0);
  });

  it('lists every county over 500 in rank order, with no top-N limit', () => {
    const counties: CountyFigures[] = (
      ['dongchangfu', 'chiping', 'yanggu', 'shenxian', 'donge', 'guanxian', 'gaotang'] as const
    ).map((county, i) => ({ county, newOnlineShops: 600 + i }));
    expect(ask(counties).lists['new-shops'].map((e) => e.county)).toEqual([
      'gaotang',
      'guanxian',
      'donge',
      'shenxian',
      'yanggu',
      'chiping',
      'dongchangfu',
    ]);
  });
});

describe('五、对当年迁入店铺纳统网络零售额全市前三名的县（市、区）', () => {
  it('commends the top 3 with ties sharing a rank, and never a county with zero', () => {
    const r = ask([
      { county: 'linqing', relocatedShopsStatisticalRetailFen: 5_000_000 },
      { county: 'gaotang', relocatedShopsStatisticalRetailFen: 4_000_000 },
      { county: 'guanxian', relocatedShopsStatisticalRetailFen: 4_000_000 },
      { county: 'donge', relocatedShopsStatisticalRetailFen: 3_000_000 },
      { county: 'shenxian', relocatedShopsStatisticalRetailFen: 0 },
    ]);
    expect(ids(r.lists['relocated-shops'])).toEqual([
      ['linqing', 1],
      ['gaotang', 2],
      ['guanxian', 2],
    ]);
  });

  it('zero relocated-shop retail is nothing to rank, even with fewer than three counties', () => {
    expect(ask([{ county: 'shenxian', relocatedShopsStatisticalRetailFen: 0 }]).lists['relocated-shops']).toEqual([]);
  });
});

describe('commendations request', () => {
  it('cites the clauses of each list', () => {
    const r = ask([]);
    expect(r.criteria['new-shops'].clauses).toEqual(['对当年新增网上店铺超过500家的县（市、区）']);
    expect(r.lists).toEqual({ 'retail-growth': [], 'online-share': [], 'new-shops': [], 'relocated-shops': [] });
  });

  it('a year with no edition is refused with NO_EDITION', () => {
    expect(() => ask([], 2024)).toThrow(PolicyError);
    expect(() => ask([], 2024)).toThrow('2024年度没有施行中的政策版本');
  });
});
