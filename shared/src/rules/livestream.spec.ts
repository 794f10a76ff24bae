import { cap, condition, run, withFacts } from '../testing/fixtures';

describe('六、加快直播电商发展', () => {
  describe('livestream-enterprise: 对在我市当年新注册登记且实现纳统网络零售额2000万元以上的独立法人直播电商企业', () => {
    const P = 'livestream-enterprise';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    describe('对在我市当年新注册登记 (registered within the claim year)', () => {
      it.each([
        ['2022-12-31', 'unmet'],
        ['2023-01-01', 'met'],
        ['2023-12-31', 'met'],
        ['2024-01-01', 'unmet'],
      ])('registered %s → %s', (registrationDate, status) => {
        expect(condition(evalWith({ registrationDate }), 'registered-this-year').status).toBe(status);
      });

      it('must be registered in the city', () => {
        expect(evalWith({ registeredInCity: false }).status).toBe('ineligible');
      });
    });

    describe('实现纳统网络零售额2000万元以上 (statistical retail, 以上 includes)', () => {
      it.each([
        [1_999_999_999, 'unmet'],
        [2_000_000_000, 'met'],
        [2_000_000_001, 'met'],
      ])('%i fen → %s', (statisticalOnlineRetailFen, status) => {
        expect(condition(evalWith({ statisticalOnlineRetailFen }), 'statistical-retail-threshold').status).toBe(status);
      });

      it('plain online retail does not stand in for 纳统 retail', () => {
        const r = evalWith({ statisticalOnlineRetailFen: undefined, onlineRetailFen: 900_000_000_000 });
        expect(r.status).toBe('undetermined');
        expect(r.missingFacts).toEqual(['statisticalOnlineRetailFen']);
      });
    });

    describe('独立法人直播电商企业', () => {
      it.each([
        [{ independentLegalPerson: false }, 'ineligible'],
        [{ orgTypes: ['ecommerce'] }, 'ineligible'],
        [{ orgTypes: ['ecommerce', 'livestream-ecommerce'] }, 'eligible'],
      ])('%j → %s', (changes, status) => {
        expect(evalWith(changes).status).toBe(status);
      });
    });

    describe('给予20万元一次性资金奖励，不得超过企业对地方贡献数的20%', () => {
      it.each([
        [100_000_000, 20_000_000],
        [99_999_999, 19_999_999],
        [1_000_000_000, 20_000_000],
        [0, 0],
      ])('local contribution %i fen → max %i fen', (localContributionFen, max) => {
        const r = evalWith({ localContributionFen });
        expect(r.status).toBe('eligible');
        expect(r.maxAmountFen).toBe(max);
        expect(r.oneOff).toBe(true);
      });
    });

    it('获得奖补资金的企业应处于正常经营状态并依法纳税', () => {
      expect(evalWith({ normalOperation: false }).status).toBe('ineligible');
      expect(evalWith({ taxCompliant: false }).status).toBe('ineligible');
    });
  });

  describe('livestream-base: 直播电商基地（园区）', () => {
    const P = 'livestream-base';
    const evalWith = (changes: Record<string, unknown>) => run(P, withFacts(P, changes));

    describe('对在我市注册登记且诚信经营一年以上 (counted to the last day of the claim year)', () => {
      it.each([
        ['2021-06-30', 'met'],
        ['2022-12-31', 'met'],
        ['2023-01-01', 'unmet'],
        ['2023-06-30', 'unmet'],
      ])('registered %s → %s', (registrationDate, status) => {
        const c = condition(evalWith({ registrationDate }), 'registered-one-year');
        expect(c.status).toBe(status);
        expect(c.clause).toBe('对在我市注册登记且诚信经营一年以上');
      });

      it('needs good credit and registration in the city', () => {
        expect(condition(evalWith({ goodCredit: false }), 'good-credit').status).toBe('unmet');
        expect(evalWith({ registeredInCity: false }).status).toBe('ineligible');
      });
    });

    describe('获得淘宝、京东、拼多多、抖音、快手等直播平台授牌“直播基地”', () => {
      it.each([
        [[], 'unmet'],
        [['taobao'], 'met'],
        [['other:视频号'], 'met'],
        [['jd', 'kuaishou'], 'met'],
      ])('%j → %s', (livestreamBaseAuthorizations, status) => {
        expect(condition(evalWith({ livestreamBaseAuthorizations }), 'platform-authorization').status).toBe(status);
      });
    });

    describe('占地面积2000平方米以上、直播间数量30间以上 (以上 includes)', () => {
      it.each([
        ['site-area', 'siteAreaM2', 1999, 'unmet'],
        ['site-area', 'siteAreaM2', 2000, 'met'],
        ['site-area', 'siteAreaM2', 2001, 'met'],
        ['live-rooms', 'liveRoomCount', 29, 'unmet'],
        ['live-rooms', 'liveRoomCount', 30, 'met'],
        ['live-rooms', 'liveRoomCount', 31, 'met'],
      ])('%s: %s = %i → %s', (id, fact, value, status) => {
        expect(condition(evalWith({ [fact]: value }), id).status).toBe(status);
      });
    });

    describe('机构注册活跃主播人数超过30人 (超过 excludes 30)', () => {
      it.each([
        [29, 'unmet'],
        [30, 'unmet'],
        [31, 'met'],
      ])('%i streamers → %s', (activeStreamerCount, status) => {
        expect(condition(evalWith({ activeStreamerCount }), 'active-streamers').status).toBe(status);
      });

      it('says 30 is not enough', () => {
        expect(condition(evalWith({ activeStreamerCount: 30 }), 'active-streamers').explanation).toBe(
          '机构注册活跃主播人数需超过30人，目前为30人，还差1人',
        );
      });
    });

    describe('当年实现纳统网络零售额1亿元以上的直播电商基地（园区）', () => {
      it.each([
        [9_999_999_999, 'unmet'],
        [10_000_000_000, 'met'],
        [10_000_000_001, 'met'],
      ])('%i fen → %s', (statisticalOnlineRetailFen, status) => {
        expect(condition(evalWith({ statisticalOnlineRetailFen }), 'statistical-retail-threshold').status).toBe(status);
      });
    });

    describe('给予50万元一次性资金奖励，不得超过企业对地方贡献数的20%', () => {
      it.each([
        [250_000_000, 50_000_000],
        [249_999_999, 49_999_999],
      ])('local contribution %i fen → max %i fen', (localContributionFen, max) => {
        expect(evalWith({ localContributionFen }).maxAmountFen).toBe(max);
      });

      it('shares pool-livestream with the enterprise award', () => {
        const r = evalWith({});
        expect(r.poolId).toBe('pool-livestream');
        expect(run('livestream-enterprise', {}).poolId).toBe('pool-livestream');
        expect(cap(r, 'pool')?.amountFen).toBe(200_000_000);
      });
    });

    it('获得奖补资金的企业应处于正常经营状态并依法纳税', () => {
      expect(evalWith({ normalOperation: false }).status).toBe('ineligible');
      expect(evalWith({ taxCompliant: false }).status).toBe('ineligible');
    });
  });
});
