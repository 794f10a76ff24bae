import { type TargetId } from '../contracts/targets';

/** A target of the text: its measure, its words, and the value to reach. */
export interface CityTarget {
  id: TargetId;
  measure: number;
  title: string;
  clause: string;
  unit: 'fen' | 'count' | 'bp';
  comparison: 'at-least' | 'more-than';
  /**
   * A fixed goal in `unit`; `province-average` (the year's province share, 一), `double-base`
   * (twice the 2022 count, 二) and `ratio-bp` (a share of the colleges, 九) are worked out from
   * what is stored.
   */
  goal:
    | { kind: 'fixed'; value: number }
    | { kind: 'province-average' }
    | { kind: 'double-base' }
    | { kind: 'ratio-bp'; value: number };
}

/**
 * 力争到2023年底: the city's targets, as data citing the text. A shared constant rather than a block
 * of the edition: an edition holds the rules of a claim year's awards (edited, hashed and
 * versioned by the administrator), while these are the city's goals for the end of the policy's
 * term, fixed by the text and read by the dashboard only.
 */
export const CITY_TARGETS_YEAR = 2023;

export const CITY_TARGETS: readonly CityTarget[] = [
  {
    id: 'online-retail',
    measure: 1,
    title: '全市网络零售额',
    clause: '力争到2023年底，全市网络零售额达到350亿元',
    unit: 'fen',
    comparison: 'at-least',
    // 350亿元 = 35,000,000,000 yuan = 3,500,000,000,000 fen.
    goal: { kind: 'fixed', value: 3_500_000_000_000 },
  },
  {
    id: 'online-share',
    measure: 1,
    title: '实物商品网上零售额占社会消费品零售总额比重',
    clause: '实物商品网络零售额占社会消费品零售总额的比重达到全省平均水平',
    unit: 'bp',
    comparison: 'at-least',
    goal: { kind: 'province-average' },
  },
  {
    id: 'firms-over-100m',
    measure: 2,
    title: '网络零售额1亿元以上企业数量',
    clause: '力争到2023年年底,全市网络零售额1亿元以上的企业数量实现翻一番',
    unit: 'count',
    comparison: 'at-least',
    goal: { kind: 'double-base' },
  },
  {
    id: 'online-shops',
    measure: 4,
    title: '全市网上店铺数量',
    clause: '力争到2023年年底，全市网上店铺数量超过10万家',
    unit: 'count',
    comparison: 'more-than',
    goal: { kind: 'fixed', value: 100_000 },
  },
  {
    id: 'relocated-shops',
    measure: 5,
    title: '回迁市内店铺',
    clause: '力争到 2023年底,回迁市内店铺超过180家',
    unit: 'count',
    comparison: 'more-than',
    goal: { kind: 'fixed', value: 180 },
  },
  {
    id: 'college-integration',
    measure: 9,
    title: '开展产教融合的院校比例',
    clause: '力争到 2023 年年底,全市50%以上开设电商、跨境电商专业的院校开展产教融合培训或设立企业化实训基地',
    unit: 'bp',
    comparison: 'at-least',
    goal: { kind: 'ratio-bp', value: 5_000 },
  },
];

/** Whether a measured value reaches a goal; null when either is unknown. */
export const targetReached = (
  comparison: CityTarget['comparison'],
  current: number | null,
  goal: number | null,
): boolean | null => {
  if (current === null || goal === null) return null;
  return comparison === 'at-least' ? current >= goal : current > goal;
};
