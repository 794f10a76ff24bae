import { operationName, type UnifiedOperation } from '../contracts/catalogue';
import { type Rule } from './builder';

/**
 * 十、对整合全国性快递物流企业5家以上、实现县域内仓储、分拣、运输、配送、揽件“五统一”的县域
 * 快递物流配送中心……首年度给予一次性奖励20万元。
 */
export const countyLogisticsCenter: Rule<'county-logistics-center'> = ({ parameters: p, clauses: c }, b) => {
  const required = p.requiredOperations.value;
  const names = required.map(operationName).join('、');
  return {
    conditions: [
      b.orgType(p.eligibleOrgTypes),
      b.countAtLeast('express-companies', 'nationalExpressCompanyCount', p.minNationalExpressCompanies, '家'),
      b.fact<UnifiedOperation[]>({
        id: 'five-unified',
        clause: p.requiredOperations.clause,
        fact: 'unifiedOperations',
        expected: `all of ${required.join(',')}`,
        test: (done) => required.every((op) => done.includes(op)),
        met: () => `已实现${names}“五统一”`,
        unmet: (done) =>
          `需实现${names}“五统一”，尚未统一：${required
            .filter((op) => !done.includes(op))
            .map(operationName)
            .join('、')}`,
        unknown: `请填写已实现统一的环节（需${names}全部统一）`,
      }),
      b.firstOperatingYear(c['first-year']),
    ],
    award: b.fixedAward(p.awardFen, false),
    caps: [],
  };
};

/**
 * 十、以及能够提供实时比价和撮合对接服务、整合县域80%以上快递单量的快递物流信息平台，
 * 首年度给予一次性奖励20万元。
 */
export const expressInfoPlatform: Rule<'express-info-platform'> = ({ parameters: p, clauses: c }, b) => ({
  conditions: [
    b.orgType(p.eligibleOrgTypes),
    b.isTrue('price-comparison', c['price-comparison'], 'realtimePriceComparison'),
    b.isTrue('matchmaking', c['matchmaking'], 'matchmakingService'),
    b.shareAtLeast('parcel-share', 'countyParcelShareBp', p.minCountyParcelShareBp),
    b.firstOperatingYear(c['first-year']),
  ],
  award: b.fixedAward(p.awardFen, false),
  caps: [],
});

/**
 * 十、招引国内知名大型物流快递企业在聊城市建设分拨中心……对符合条件的新设一级分拨中心，
 * 首年度给予一次性奖励50万元。"符合条件" is left to the reviewer (status `review`).
 */
export const distributionCenter: Rule<'distribution-center'> = ({ parameters: p, clauses: c }, b) => ({
  conditions: [
    b.orgType(p.eligibleOrgTypes),
    b.isTrue('national-brand', c['national-brand'], 'nationalExpressBrand'),
    b.isTrue('new-first-level', c['new-first-level'], 'newFirstLevelDistributionCenter'),
    b.firstOperatingYear(c['first-year']),
    b.review('qualified', c['qualified'], '是否“符合条件”由审核人员根据申报材料认定，不影响提交申报'),
  ],
  award: b.fixedAward(p.awardFen, false),
  caps: [],
});
