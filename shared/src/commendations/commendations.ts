import { countyName, type CountyId } from '../contracts/catalogue';
import {
  type CommendationEntry,
  type CommendationListId,
  type CommendationsResponse,
  type CountyFigures,
} from '../contracts/evaluation';
import { editionFor } from '../editions/registry';
import { type Edition } from '../editions/schema';
import { editionSummary } from '../evaluate';
import { formatBasisPoints, formatCount } from '../money/money';
import { parseCommendationsRequest } from '../validation/requests';

interface Ranked {
  county: CountyId;
  rank: number;
  value: number;
}

/**
 * Standard competition ranking, highest first: ties share a rank and the next rank skips
 * (1, 2, 2, 4). Order within a tie follows the county list, so output is deterministic.
 */
export const rankDescending = (rows: readonly { county: CountyId; value: number }[]): Ranked[] => {
  const order = new Map(rows.map((r, i) => [r.county, i]));
  const sorted = [...rows].sort((a, b) => b.value - a.value || (order.get(a.county) ?? 0) - (order.get(b.county) ?? 0));
  const out: Ranked[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.value === row.value ? prev.rank : i + 1;
    out.push({ county: row.county, rank, value: row.value });
  });
  return out;
};

const figures = (
  counties: readonly CountyFigures[],
  key: Exclude<keyof CountyFigures, 'county'>,
): { county: CountyId; value: number }[] => {
  const rows: { county: CountyId; value: number }[] = [];
  for (const c of counties) {
    const value = c[key];
    if (typeof value === 'number') rows.push({ county: c.county, value });
  }
  return rows;
};

const entry = (r: Ranked): CommendationEntry => ({
  county: r.county,
  name: countyName(r.county),
  rank: r.rank,
  value: r.value,
});

/**
 * 一、四、五 as rules: the counties to commend (通报表扬) for a year. A county with no figure
 * is never ranked nor commended; "高于/超过全省平均" is strictly above; relocated-shop retail
 * of zero is nothing to rank.
 */
export const commendations = (
  input: unknown,
  options: { editions?: readonly Edition[] } = {},
): CommendationsResponse => {
  const request = parseCommendationsRequest(input);
  const edition = editionFor(request.year, options.editions);
  const { parameters: p, clauses: c } = edition.commendations;
  const { province, counties } = request;

  const growthTop = p.retailGrowthTopN.value;
  const shareTop = p.onlineShareTopN.value;
  const shopsMin = p.newShopsMoreThan.value;
  const relocatedTop = p.relocatedShopsTopN.value;

  const retailGrowth = rankDescending(figures(counties, 'onlineRetailGrowthBp'))
    .filter((r) => r.rank <= growthTop && r.value > province.onlineRetailGrowthBp)
    .map(entry);
  const onlineShare = rankDescending(figures(counties, 'physicalGoodsOnlineShareBp'))
    .filter((r) => r.rank <= shareTop && r.value > province.physicalGoodsOnlineShareBp)
    .map(entry);
  const newShops = rankDescending(figures(counties, 'newOnlineShops'))
    .filter((r) => r.value > shopsMin)
    .map(entry);
  const relocated = rankDescending(figures(counties, 'relocatedShopsStatisticalRetailFen').filter((r) => r.value > 0))
    .filter((r) => r.rank <= relocatedTop)
    .map(entry);

  const lists: Record<CommendationListId, CommendationEntry[]> = {
    'retail-growth': retailGrowth,
    'online-share': onlineShare,
    'new-shops': newShops,
    'relocated-shops': relocated,
  };
  return {
    year: request.year,
    edition: editionSummary(edition),
    lists,
    criteria: {
      'retail-growth': {
        measure: 1,
        clauses: [c['retail-growth-above-province'], p.retailGrowthTopN.clause],
        explanation: `网络零售额增幅高于全省平均增幅${formatBasisPoints(province.onlineRetailGrowthBp)}，且增幅列全市前${growthTop}位（并列同名次）`,
      },
      'online-share': {
        measure: 1,
        clauses: [c['online-share-above-province'], p.onlineShareTopN.clause],
        explanation: `实物商品网络零售额占社会消费品零售总额比重超过全省平均水平${formatBasisPoints(province.physicalGoodsOnlineShareBp)}，且排名全市前${shareTop}位（并列同名次）`,
      },
      'new-shops': {
        measure: 4,
        clauses: [p.newShopsMoreThan.clause],
        explanation: `当年新增网上店铺超过${formatCount(shopsMin)}家（不含${formatCount(shopsMin)}家）`,
      },
      'relocated-shops': {
        measure: 5,
        clauses: [p.relocatedShopsTopN.clause],
        explanation: `当年迁入店铺纳统网络零售额全市前${relocatedTop}名（并列同名次；为零不参与排名）`,
      },
    },
  };
};
