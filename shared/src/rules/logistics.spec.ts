import { cap, condition, run, withFacts } from '../testing/fixtures';

describe('十、完善快递物流体系', () => {
  describe('county-logistics-center: 对整合全国性快递物流企业5家以上、实现……“五统一”的县域快递物流配送中心', () => {
    const P = 'county-logistics-center';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    it.each([
      [4, 'unmet'],
      [5, 'met'],
      [6, 'met'],
    ])('对整合全国性快递物流企业5家以上: %i → %s', (nationalExpressCompanyCount, status) => {
      expect(condition(evalWith({ nationalExpressCompanyCount }), 'express-companies').status).toBe(status);
    });

    it('“五统一” needs all five; the explanation names what is not unified', () => {
      const c = condition(
        evalWith({ unifiedOperations: ['warehousing', 'sorting', 'transport', 'delivery'] }),
        'five-unified',
      );
      expect(c.status).toBe('unmet');
      expect(c.explanation).toBe('需实现仓储、分拣、运输、配送、揽件“五统一”，尚未统一：揽件');
      expect(condition(evalWith({}), 'five-unified').status).toBe('met');
    });

    it.each([
      [2022, 'unmet'],
      [2023, 'met'],
      [2024, 'unmet'],
    ])('首年度给予一次性奖励20万元: first operating year %i → %s', (firstOperatingYear, status) => {
      expect(condition(evalWith({ firstOperatingYear }), 'first-year').status).toBe(status);
    });

    it('首年度: a centre first operating in 1999 is a fact, ineligible for 2023 and told why', () => {
      const r = evalWith({ firstOperatingYear: 1999 });
      expect(r.status).toBe('ineligible');
      expect(condition(r, 'first-year').explanation).toBe(
        '奖励仅在首年度给予：首个运营年度为1999年，已不是2023年的首年度',
      );
    });

    it('pays 20万元 once from pool-logistics, with no 20% cap', () => {
      const r = evalWith({ localContributionFen: 1 });
      expect(r.maxAmountFen).toBe(20_000_000);
      expect(r.poolId).toBe('pool-logistics');
      expect(cap(r, 'local-contribution-20pct')).toBeUndefined();
    });
  });

  describe('express-info-platform: 能够提供实时比价和撮合对接服务、整合县域80%以上快递单量的快递物流信息平台', () => {
    const P = 'express-info-platform';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    it.each([
      [7999, 'unmet'],
      [8000, 'met'],
      [8001, 'met'],
    ])('整合县域80%以上快递单量: %i bp → %s', (countyParcelShareBp, status) => {
      expect(condition(evalWith({ countyParcelShareBp }), 'parcel-share').status).toBe(status);
    });

    it('explains a share below 80% in percent', () => {
      expect(condition(evalWith({ countyParcelShareBp: 7525 }), 'parcel-share').explanation).toBe(
        '整合县域快递单量占比需达到80%，目前还差4.75%',
      );
    });

    it.each(['realtimePriceComparison', 'matchmakingService'])(
      '能够提供实时比价和撮合对接服务: %s false → ineligible',
      (fact) => {
        expect(evalWith({ [fact]: false }).status).toBe('ineligible');
      },
    );

    it('pays 20万元 in the first year', () => {
      expect(evalWith({}).maxAmountFen).toBe(20_000_000);
      expect(evalWith({ firstOperatingYear: 2022 }).status).toBe('ineligible');
    });
  });

  describe('distribution-center: 对符合条件的新设一级分拨中心，首年度给予一次性奖励50万元', () => {
    const P = 'distribution-center';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    it('“符合条件” is a reviewer’s judgement: status review, which neither blocks nor undetermines', () => {
      const r = evalWith({});
      const c = condition(r, 'qualified');
      expect(c.status).toBe('review');
      expect(c.clause).toBe('对符合条件的新设一级分拨中心');
      expect(r.status).toBe('eligible');
      expect(r.missingFacts).toEqual([]);
      expect(r.maxAmountFen).toBe(50_000_000);
    });

    it('对符合条件的新设一级分拨中心: the summary says the reviewer decides it, never a bare 符合条件', () => {
      expect(evalWith({}).summary).toBe(
        '可自动判断的条件均已满足；“对符合条件的新设一级分拨中心”由审核人员根据申报材料认定，认定符合的，最高可获50万元（一次性）',
      );
      expect(evalWith({ nationalExpressBrand: undefined }).summary).toBe(
        '尚缺1项信息，补充后可判断；“对符合条件的新设一级分拨中心”由审核人员根据申报材料认定；如符合，最高可获50万元（一次性）',
      );
    });

    it.each([
      [{ nationalExpressBrand: false }, 'ineligible'],
      [{ newFirstLevelDistributionCenter: false }, 'ineligible'],
      [{ firstOperatingYear: 2022 }, 'ineligible'],
      [{ orgTypes: ['logistics-center'] }, 'ineligible'],
      [{ nationalExpressBrand: undefined }, 'undetermined'],
    ])('%j → %s', (changes, status) => {
      expect(evalWith(changes).status).toBe(status);
    });

    it('shares pool-logistics with the other two measure-十 awards', () => {
      expect(evalWith({}).poolId).toBe('pool-logistics');
    });
  });
});
