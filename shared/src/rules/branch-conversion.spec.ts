import { cap, condition, run, withFacts } from '../testing/fixtures';

const P = 'branch-conversion';
const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

describe('三、吸引电商大企业落户 (branch-conversion)', () => {
  describe('政策施行期内 (the edition runs 2023-01-01 to 2023-12-31, both included)', () => {
    it.each([
      ['2022-12-31', 'unmet'],
      ['2023-01-01', 'met'],
      ['2023-12-31', 'met'],
      ['2024-01-01', 'unmet'],
    ])('converted on %s → %s', (conversionDate, status) => {
      const c = condition(evalWith({ conversionDate }), 'within-policy-period');
      expect(c.status).toBe(status);
      expect(c.clause).toBe('政策施行期内');
    });

    it('explains the period when outside it', () => {
      expect(condition(evalWith({ conversionDate: '2024-01-01' }), 'within-policy-period').explanation).toBe(
        '转为法人企业的日期2024年1月1日不在政策施行期2023年1月1日至2023年12月31日内',
      );
    });
  });

  describe('市外电商企业在聊分支机构转为入库纳统的法人企业后', () => {
    it.each([
      ['convertedFromOutOfCityBranch', 'converted-branch'],
      ['independentLegalPerson', 'legal-person'],
      ['includedInStatistics', 'included-in-statistics'],
    ])('%s false → ineligible, unknown → undetermined', (fact, id) => {
      expect(evalWith({ [fact]: false }).status).toBe('ineligible');
      const unknown = evalWith({ [fact]: undefined });
      expect(condition(unknown, id).status).toBe('unknown');
      expect(unknown.missingFacts).toEqual([fact]);
    });
  });

  describe('转为入库纳统的法人企业: a refusal says what is required once, in words that compose', () => {
    it('a branch that is no independent legal person is told so without repeating 不符合/不满足', () => {
      const r = evalWith({ independentLegalPerson: false, includedInStatistics: false });
      expect(condition(r, 'legal-person').explanation).toBe('本项要求独立法人，目前为“否”');
      expect(r.summary).toBe('不符合：本项要求独立法人，目前为“否”（另有1项条件未满足）');
    });
  });

  describe('给予企业5万元的一次性奖励', () => {
    it('pays a fixed 5万元 once', () => {
      const r = evalWith({});
      expect(r.status).toBe('eligible');
      expect(r.maxAmountFen).toBe(5_000_000);
      expect(r.oneOff).toBe(true);
    });

    it('the text asks neither 正常经营/依法纳税 nor the 20% cap here: none is applied', () => {
      const r = evalWith({ normalOperation: false, taxCompliant: false, localContributionFen: 1 });
      expect(r.status).toBe('eligible');
      expect(r.maxAmountFen).toBe(5_000_000);
      expect(cap(r, 'local-contribution-20pct')).toBeUndefined();
      expect(r.missingFacts).toEqual([]);
    });
  });
});
