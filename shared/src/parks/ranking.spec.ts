import { type ParkCriterion } from '../contracts/parks';
import { checkParkCriteria, checkParkScores, formatScore10k, rankParks, weightedScore10k } from './ranking';

const criteria: ParkCriterion[] = [
  { name: '企业孵化', weightBp: 4000 },
  { name: '人才培训', weightBp: 3500 },
  { name: '仓储物流', weightBp: 2500 },
];
const sheet = (a: number, b: number, c: number) => [
  { criterion: '企业孵化', score: a },
  { criterion: '人才培训', score: b },
  { criterion: '仓储物流', score: c },
];

describe('第八条 电商产业园区综合评价: criteria and weights', () => {
  it('accepts weights summing to 10000 basis points', () => {
    expect(checkParkCriteria(criteria)).toEqual({ ok: true, criteria });
  });

  it('refuses weights not summing to 10000, naming the sum', () => {
    const result = checkParkCriteria([
      { name: '企业孵化', weightBp: 4000 },
      { name: '人才培训', weightBp: 5999 },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'criteria', message: '各项指标权重之和必须为10000基点（100%），现为9999基点（99.99%）' }],
    });
  });

  it('refuses a repeated name, a name without Chinese, and a weight out of range, each by field', () => {
    const result = checkParkCriteria([
      { name: ' 企业孵化 ', weightBp: 5000 },
      { name: '企业孵化', weightBp: 5000 },
      { name: 'logistics', weightBp: 0 },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['criteria[1].name', 'criteria[2].name', 'criteria[2].weightBp']);
  });
});

describe('第八条 scores: 0 to 100 per criterion of the year', () => {
  it('refuses scores out of range, fractional, unknown or repeated criteria', () => {
    const errors = checkParkScores(criteria, [
      { criterion: '企业孵化', score: 101 },
      { criterion: '人才培训', score: 80.5 },
      { criterion: '金融服务', score: 50 },
      { criterion: '企业孵化', score: 60 },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      'scores[0].score',
      'scores[1].score',
      'scores[2].criterion',
      'scores[3].criterion',
    ]);
    expect(errors[2]?.message).toBe('本年度没有这项评价指标，可选：企业孵化、人才培训、仓储物流');
  });
});

describe('第八条 对综合排名靠前的电商产业园区: the weighted ranking', () => {
  it('weights each score exactly (no floats): Σ score × weightBp', () => {
    // 90×4000 + 80×3500 + 71×2500 = 360000 + 280000 + 177500
    expect(weightedScore10k(criteria, sheet(90, 80, 71))).toBe(817_500);
    expect(formatScore10k(817_500)).toBe('81.75');
    expect(formatScore10k(333_333)).toBe('33.3333');
    expect(formatScore10k(1_000_000)).toBe('100');
  });

  it('ranks highest first; ties share a rank and the next skips (1, 2, 2, 4); incomplete sheets are left out', () => {
    const ranked = rankParks(criteria, [
      { id: 'a', scores: sheet(60, 60, 60) },
      { id: 'b', scores: sheet(90, 90, 90) },
      // 80×4000 + 70×3500 + 75×2500 = 752500, and 85×4000 + 60×3500 + 81×2500 = 752500: a tie.
      { id: 'c', scores: sheet(80, 70, 75) },
      { id: 'd', scores: sheet(85, 60, 81) },
      { id: 'e', scores: sheet(100, 100, 100).slice(0, 2) },
    ]);
    expect(ranked.map((r) => [r.id, r.rank, r.weightedScore10k])).toEqual([
      ['b', 1, 900_000],
      ['c', 2, 752_500],
      ['d', 2, 752_500],
      ['a', 4, 600_000],
    ]);
  });
});
