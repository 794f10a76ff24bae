import { cap, condition, run, withFacts } from '../testing/fixtures';

const P = 'leading-enterprise';
const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

describe('二、培育电商龙头企业 (leading-enterprise)', () => {
  describe('对当年实现网络零售额1亿元以上企业 (以上 includes 1亿元)', () => {
    it.each([
      ['one fen below 1亿元', 9_999_999_999, 'unmet', 'ineligible'],
      ['exactly 1亿元', 10_000_000_000, 'met', 'eligible'],
      ['one fen above 1亿元', 10_000_000_001, 'met', 'eligible'],
    ] as const)('%s → %s', (_label, onlineRetailFen, conditionStatus, status) => {
      const r = evalWith({ onlineRetailFen });
      expect(condition(r, 'retail-threshold').status).toBe(conditionStatus);
      expect(condition(r, 'retail-threshold').clause).toBe('对当年实现网络零售额1亿元以上企业');
      expect(r.status).toBe(status);
    });

    it('tells a firm below the threshold exactly how far it is', () => {
      expect(condition(evalWith({ onlineRetailFen: 8_765_440_000 }), 'retail-threshold').explanation).toBe(
        '当年网络零售额需达到1亿元，目前还差1,234.56万元',
      );
      expect(condition(evalWith({ onlineRetailFen: 9_999_999_999 }), 'retail-threshold').explanation).toBe(
        '当年网络零售额需达到1亿元，目前还差0.01元',
      );
    });

    it('an ineligible program pays nothing (maxAmountFen null)', () => {
      expect(evalWith({ onlineRetailFen: 9_999_999_999 }).maxAmountFen).toBeNull();
    });
  });

  describe('每实现1万元，最高给予4元流量补贴 (full 10,000-yuan units only)', () => {
    it.each([
      ['exactly 10,000 units', 10_000_000_000, 4_000_000],
      ['a partial unit does not count', 10_000_999_999, 4_000_000],
      ['one more full unit adds 4 yuan', 10_001_000_000, 4_000_400],
    ])('%s', (_label, onlineRetailFen, awardFen) => {
      const r = evalWith({ onlineRetailFen, localContributionFen: 10_000_000_000 });
      expect(r.award.amountFen).toBe(awardFen);
      expect(r.maxAmountFen).toBe(awardFen);
    });
  });

  describe('每家企业最高补贴40万元', () => {
    it.each([
      ['formula one unit below the cap', 99_999_000_000, 39_999_600],
      ['formula exactly at the cap', 100_000_000_000, 40_000_000],
      ['formula above the cap is held at 40万元', 100_001_000_000, 40_000_000],
      ['far above', 10_000_000_000_000, 40_000_000],
    ])('%s', (_label, onlineRetailFen, max) => {
      const r = evalWith({ onlineRetailFen, localContributionFen: 10_000_000_000 });
      expect(cap(r, 'per-enterprise')?.amountFen).toBe(40_000_000);
      expect(r.maxAmountFen).toBe(max);
    });
  });

  describe('对企业的奖补资金额不得超过企业对地方贡献数的20% (rounded down to the fen)', () => {
    it.each([
      [60_000_000, 12_000_000],
      [12_345_678, 2_469_135],
      [4, 0],
      [5, 1],
      [0, 0],
      [9_007_199_254_740_991, 1_801_439_850_948_198],
    ])('local contribution %i fen → cap %i fen', (localContributionFen, capFen) => {
      const r = evalWith({ onlineRetailFen: 100_000_000_000, localContributionFen });
      expect(cap(r, 'local-contribution-20pct')?.amountFen).toBe(capFen);
      expect(r.maxAmountFen).toBe(Math.min(capFen, 40_000_000));
    });

    it('an unknown local contribution: the summary says the amount is still subject to the cap and what to fill in', () => {
      expect(evalWith({ localContributionFen: undefined }).summary).toBe(
        '符合条件，最高可获4万元；还受当年对地方贡献数20%的限制，请填写当年对地方贡献数',
      );
    });

    it.each([
      [0, '当年对地方贡献数0元的20%为0元'],
      [4, '当年对地方贡献数0.04元的20%为0元'],
    ])('a contribution of %i fen makes the maximum 0: the summary says so and why, never 最高可获0元', (fen, why) => {
      const r = evalWith({ localContributionFen: fen });
      expect(r.maxAmountFen).toBe(0);
      expect(r.summary).toBe(
        `符合条件，但${why}（对企业的奖补资金额不得超过企业对地方贡献数的20%），因此本项不能获得资金`,
      );
    });

    it('undetermined with a zero maximum: even if it qualifies it gets nothing, and the summary says why', () => {
      const r = evalWith({ localContributionFen: 0, taxCompliant: undefined });
      expect(r.summary).toBe(
        '尚缺1项信息，补充后可判断；但当年对地方贡献数0元的20%为0元（对企业的奖补资金额不得超过企业对地方贡献数的20%），因此即使符合也不能获得资金',
      );
    });

    it('an unknown local contribution lists the cap as null and asks for it, without changing the status', () => {
      const r = evalWith({ localContributionFen: undefined });
      expect(r.status).toBe('eligible');
      expect(cap(r, 'local-contribution-20pct')?.amountFen).toBeNull();
      expect(r.missingFacts).toEqual(['localContributionFen']);
      expect(r.maxAmountFen).toBe(4_000_000);
    });
  });

  describe('获得奖补资金的企业应处于正常经营状态并依法纳税', () => {
    it.each([
      ['normalOperation', 'normal-operation'],
      ['taxCompliant', 'tax-compliant'],
    ])('%s false → ineligible; unknown → undetermined', (fact, id) => {
      const no = evalWith({ [fact]: false });
      expect(condition(no, id).status).toBe('unmet');
      expect(no.status).toBe('ineligible');
      const unknown = evalWith({ [fact]: undefined });
      expect(condition(unknown, id).status).toBe('unknown');
      expect(unknown.status).toBe('undetermined');
      expect(unknown.missingFacts).toEqual([fact]);
    });
  });

  describe('对当年实现网络零售额1亿元以上企业 (any enterprise: the text names no kind of applicant)', () => {
    it.each([
      ['a supply-chain firm', ['supply-chain']],
      ['a logistics centre', ['logistics-center']],
      ['a firm that chose no kind', []],
    ])('%s with 2亿元 of online retail is eligible', (_label, orgTypes) => {
      const r = evalWith({ orgTypes, onlineRetailFen: 20_000_000_000 });
      expect(r.status).toBe('eligible');
      expect(r.maxAmountFen).toBe(8_000_000);
    });

    it('a firm that gives no kind is not undetermined because of it, and is never asked for one', () => {
      const r = evalWith({ orgTypes: undefined });
      expect(r.status).toBe('eligible');
      expect(r.missingFacts).toEqual([]);
      expect(r.conditions.map((c) => c.id)).toEqual(['retail-threshold', 'normal-operation', 'tax-compliant']);
      expect(r.conditions.flatMap((c) => c.facts)).not.toContain('orgTypes');
    });
  });

  it('the worked example of the spec: 356,789,012.34元 and 60万元 local contribution → 12万元', () => {
    const r = run(P, {
      orgTypes: ['ecommerce'],
      onlineRetailFen: 35_678_901_234,
      localContributionFen: 60_000_000,
      normalOperation: true,
      taxCompliant: true,
    });
    expect(r.status).toBe('eligible');
    expect(r.award.amountFen).toBe(14_271_200); // 35,678 units × 4 yuan = 142,712 yuan
    expect(r.caps.map((c) => [c.id, c.amountFen])).toEqual([
      ['per-enterprise', 40_000_000],
      ['local-contribution-20pct', 12_000_000],
      ['pool', 200_000_000],
    ]);
    expect(r.maxAmountFen).toBe(12_000_000);
    expect(r.missingFacts).toEqual([]);
    expect(r.oneOff).toBe(false);
  });

  it('unknown retail: undetermined, bounded by the caps that can be computed', () => {
    const r = evalWith({ onlineRetailFen: undefined, localContributionFen: 100_000_000 });
    expect(r.status).toBe('undetermined');
    expect(r.award.amountFen).toBeNull();
    expect(r.missingFacts).toEqual(['onlineRetailFen']);
    expect(r.maxAmountFen).toBe(20_000_000);
  });
});
