import { FACT_DEFS } from '../contracts/facts';
import { describePrograms } from '../evaluate';
import { editionFor } from '../editions/registry';
import { cap, condition, run, withFacts } from '../testing/fixtures';

/**
 * What the label, the prompt (the unknown explanation) and the met and unmet explanations of a
 * head count must each name: every requirement a counted person must meet, in the text's words.
 */
const requirementsNamed = (
  programId: 'talent-hiring' | 'streamer-training',
  conditionId: string,
  fact: 'trainedHireCount' | 'qualifiedStreamerTraineeCount',
  threshold: number,
  requirements: string[],
) => {
  const texts = {
    label: FACT_DEFS[fact]?.label ?? '',
    prompt: condition(run(programId, withFacts(programId, { [fact]: undefined })), conditionId).explanation,
    met: condition(run(programId, withFacts(programId, { [fact]: threshold })), conditionId).explanation,
    unmet: condition(run(programId, withFacts(programId, { [fact]: threshold - 1 })), conditionId).explanation,
    described:
      describePrograms(editionFor(2023))
        .find((p) => p.programId === programId)
        ?.conditions.find((c) => c.id === conditionId)?.explanation ?? '',
  };
  for (const [where, text] of Object.entries(texts))
    expect([where, requirements.filter((words) => !text.includes(words))]).toEqual([where, []]);
};

describe('九、构建电商人才支撑体系', () => {
  describe('talent-hiring: 对我市电商、跨境电商企业……10人以上就业，并连续缴纳6个月以上社会保险的', () => {
    const P = 'talent-hiring';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    it.each([
      [9, 'unmet', 'ineligible'],
      [10, 'met', 'eligible'],
      [11, 'met', 'eligible'],
    ])('%i qualifying hires → %s', (trainedHireCount, conditionStatus, status) => {
      const r = evalWith({ trainedHireCount });
      expect(condition(r, 'trained-hires').status).toBe(conditionStatus);
      expect(r.status).toBe(status);
    });

    it.each([
      [['ecommerce'], 'met'],
      [['cross-border-ecommerce'], 'met'],
      [['training-institution'], 'unmet'],
    ])('对我市电商、跨境电商企业: %j → %s', (orgTypes, status) => {
      expect(condition(evalWith({ orgTypes }), 'org-type').status).toBe(status);
    });

    it('吸纳经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训……并连续缴纳6个月以上社会保险的: every text of the head count names each requirement', () => {
      requirementsNamed(P, 'trained-hires', 'trainedHireCount', 10, [
        '当年吸纳就业',
        '电商生态链企业“白名单”培训机构培训',
        '院校“专业+实训”电商培训',
        '连续缴纳6个月以上社会保险',
      ]);
    });

    it('must be the city’s (我市) enterprise', () => {
      expect(evalWith({ registeredInCity: false }).status).toBe('ineligible');
    });

    it('给予电商企业不超过10万元一次性奖励: up to 10万元, no 20% cap, no 正常经营 condition', () => {
      const r = evalWith({ localContributionFen: 1, normalOperation: false });
      expect(r.status).toBe('eligible');
      expect(r.maxAmountFen).toBe(10_000_000);
      expect(cap(r, 'local-contribution-20pct')).toBeUndefined();
      expect(r.poolId).toBe('pool-talent');
      expect(r.oneOff).toBe(true);
    });
  });

  describe('streamer-training: 对在我市注册、资质齐全的培训机构，年培训不少于20名主播（10万粉丝以上）', () => {
    const P = 'streamer-training';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    it.each([
      [19, 'unmet'],
      [20, 'met'],
      [21, 'met'],
    ])('不少于20名: %i → %s', (qualifiedStreamerTraineeCount, status) => {
      expect(condition(evalWith({ qualifiedStreamerTraineeCount }), 'trained-streamers').status).toBe(status);
    });

    it.each([
      [{ qualificationsComplete: false }, 'ineligible'],
      [{ registeredInCity: false }, 'ineligible'],
      [{ orgTypes: ['mcn'] }, 'ineligible'],
      [{ qualificationsComplete: undefined }, 'undetermined'],
    ])('%j → %s', (changes, status) => {
      expect(evalWith(changes).status).toBe(status);
    });

    it('年培训不少于20名主播（10万粉丝以上），并与我市企业签订一年及以上直播带货业务合同，且连续缴纳6个月以上社会保险的: every text of the head count names each requirement', () => {
      requirementsNamed(P, 'trained-streamers', 'qualifiedStreamerTraineeCount', 20, [
        '当年培训',
        '粉丝10万以上',
        '与我市企业签订一年及以上直播带货业务合同',
        '连续缴纳6个月以上社会保险',
      ]);
    });

    it('给予培训机构不超过10万元一次性奖励, from pool-talent', () => {
      const r = evalWith({});
      expect(r.maxAmountFen).toBe(10_000_000);
      expect(r.poolId).toBe('pool-talent');
      expect(cap(r, 'pool')?.amountFen).toBe(100_000_000);
    });
  });
});
