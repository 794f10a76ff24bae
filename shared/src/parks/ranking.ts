import { type FieldError } from '../contracts/errors';
import { type ParkCriterion, type ParkScore } from '../contracts/parks';
import { normalizeText, textProblem, textProblemMessage } from '../validation/text';

/** 第八条 leaves the criteria to the city; their weights share out the whole score. */
export const WEIGHTS_TOTAL_BP = 10_000;
export const PARK_SCORE_MAX = 100;
const NAME = { max: 30 } as const;

/**
 * A year's criteria as the administrator sets them, every problem at once, each naming its field:
 * each a name (Chinese text, no repeats) and a weight in whole basis points, the weights summing
 * to 10000. Returns the criteria with their names normalised.
 */
export const checkParkCriteria = (
  criteria: readonly ParkCriterion[],
): { ok: true; criteria: ParkCriterion[] } | { ok: false; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const out: ParkCriterion[] = [];
  let total = 0;
  criteria.forEach((c, i) => {
    const name = typeof c.name === 'string' ? normalizeText(c.name) : c.name;
    const problem = textProblem(name, NAME);
    if (problem)
      errors.push({ field: `criteria[${i}].name`, message: textProblemMessage(problem, '评价指标名称', NAME) });
    else if (!/\p{Script=Han}/u.test(name))
      errors.push({ field: `criteria[${i}].name`, message: '评价指标名称请用中文，例如 企业孵化' });
    else if (seen.has(name))
      errors.push({
        field: `criteria[${i}].name`,
        message: `与第${(seen.get(name) ?? 0) + 1}项指标重名，每项指标只能设置一次`,
      });
    else seen.set(name, i);
    if (!Number.isSafeInteger(c.weightBp) || c.weightBp < 1 || c.weightBp > WEIGHTS_TOTAL_BP)
      errors.push({
        field: `criteria[${i}].weightBp`,
        message: '权重必须是1到10000之间的整数，单位为基点（1% = 100基点）',
      });
    else total += c.weightBp;
    out.push({ name, weightBp: c.weightBp });
  });
  if (errors.length === 0 && total !== WEIGHTS_TOTAL_BP)
    errors.push({
      field: 'criteria',
      message: `各项指标权重之和必须为10000基点（100%），现为${total}基点（${total / 100}%）`,
    });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, criteria: out };
};

/**
 * A park's scores against the year's criteria: one whole number from 0 to 100 for each
 * criterion named, no criterion twice, no name the year does not have. Partial sheets are fine
 * (the city may enter them over several sittings); ranking takes the complete ones.
 */
export const checkParkScores = (criteria: readonly ParkCriterion[], scores: readonly ParkScore[]): FieldError[] => {
  const names = new Set(criteria.map((c) => c.name));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  scores.forEach((s, i) => {
    if (!names.has(s.criterion))
      errors.push({
        field: `scores[${i}].criterion`,
        message: `本年度没有这项评价指标，可选：${criteria.map((c) => c.name).join('、')}`,
      });
    else if (seen.has(s.criterion)) errors.push({ field: `scores[${i}].criterion`, message: '同一指标只能评一次分' });
    else seen.add(s.criterion);
    if (!Number.isSafeInteger(s.score) || s.score < 0 || s.score > PARK_SCORE_MAX)
      errors.push({ field: `scores[${i}].score`, message: '得分必须是0到100之间的整数' });
  });
  return errors;
};

/** Scored on every criterion of the year. */
export const isCompleteSheet = (criteria: readonly ParkCriterion[], scores: readonly ParkScore[]): boolean =>
  criteria.every((c) => scores.some((s) => s.criterion === c.name));

/** Σ score × weightBp over the criteria: the weighted score × 10000, an exact integer. */
export const weightedScore10k = (criteria: readonly ParkCriterion[], scores: readonly ParkScore[]): number =>
  criteria.reduce((sum, c) => sum + (scores.find((s) => s.criterion === c.name)?.score ?? 0) * c.weightBp, 0);

/** 873500 → "87.35": the weighted score in points, exact. */
export const formatScore10k = (value: number): string => {
  const whole = Math.floor(value / WEIGHTS_TOTAL_BP);
  const frac = String(value - whole * WEIGHTS_TOTAL_BP)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
};

/**
 * The year's ranking (综合排名) of the parks scored on every criterion, highest weighted score
 * first: standard competition ranking, ties share a rank and the next skips (1, 2, 2, 4), as the
 * county commendations rank (rankDescending). Within a tie, by the order given (stable).
 */
export const rankParks = <P extends { scores: readonly ParkScore[] }>(
  criteria: readonly ParkCriterion[],
  parks: readonly P[],
): (P & { rank: number; weightedScore10k: number })[] => {
  const scored = parks
    .filter((p) => isCompleteSheet(criteria, p.scores))
    .map((p, i) => ({ park: p, i, value: weightedScore10k(criteria, p.scores) }))
    .sort((a, b) => b.value - a.value || a.i - b.i);
  const out: (P & { rank: number; weightedScore10k: number })[] = [];
  scored.forEach((s, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.weightedScore10k === s.value ? prev.rank : i + 1;
    out.push({ ...s.park, rank, weightedScore10k: s.value });
  });
  return out;
};
