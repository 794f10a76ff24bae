import { operationName } from '../contracts/catalogue';
import { type Rule } from './rule';

/**
 * 十、对整合全国性快递物流企业5家以上、实现县域内仓储、分拣、运输、配送、揽件“五统一”的县域
 * 快递物流配送中心……首年度给予一次性奖励20万元。
 */
export const countyLogisticsCenter: Rule<'county-logistics-center'> = (t) => {
  const p = t.program.parameters;
  t.orgType(p.eligibleOrgTypes);
  t.countAtLeast('express-companies', 'nationalExpressCompanyCount', p.minNationalExpressCompanies, '家');

  const required = p.requiredOperations.value;
  const done = t.facts.unifiedOperations;
  const clause = p.requiredOperations.clause;
  const expected = `all of ${required.join(',')}`;
  const facts = ['unifiedOperations' as const];
  const names = required.map(operationName).join('、');
  if (done === undefined)
    t.add('five-unified', clause, 'unknown', expected, null, facts, `请填写已实现统一的环节（需${names}全部统一）`);
  else {
    const lacking = required.filter((op) => !done.includes(op));
    if (lacking.length === 0) t.add('five-unified', clause, 'met', expected, done, facts, `已实现${names}“五统一”`);
    else
      t.add(
        'five-unified',
        clause,
        'unmet',
        expected,
        done,
        facts,
        `需实现${names}“五统一”，尚未统一：${lacking.map(operationName).join('、')}`,
      );
  }

  t.firstOperatingYear(t.program.clauses['first-year']);
  t.award(p.awardFen, false);
};

/**
 * 十、以及能够提供实时比价和撮合对接服务、整合县域80%以上快递单量的快递物流信息平台，
 * 首年度给予一次性奖励20万元。
 */
export const expressInfoPlatform: Rule<'express-info-platform'> = (t) => {
  const p = t.program.parameters;
  const c = t.program.clauses;
  t.orgType(p.eligibleOrgTypes);
  t.isTrue('price-comparison', c['price-comparison'], 'realtimePriceComparison');
  t.isTrue('matchmaking', c['matchmaking'], 'matchmakingService');
  t.shareAtLeast('parcel-share', 'countyParcelShareBp', p.minCountyParcelShareBp);
  t.firstOperatingYear(c['first-year']);
  t.award(p.awardFen, false);
};

/**
 * 十、招引国内知名大型物流快递企业在聊城市建设分拨中心……对符合条件的新设一级分拨中心，
 * 首年度给予一次性奖励50万元。"符合条件" is left to the reviewer (status `review`).
 */
export const distributionCenter: Rule<'distribution-center'> = (t) => {
  const p = t.program.parameters;
  const c = t.program.clauses;
  t.orgType(p.eligibleOrgTypes);
  t.isTrue('national-brand', c['national-brand'], 'nationalExpressBrand');
  t.isTrue('new-first-level', c['new-first-level'], 'newFirstLevelDistributionCenter');
  t.firstOperatingYear(c['first-year']);
  t.review('qualified', c['qualified'], '是否“符合条件”由审核人员根据申报材料认定，不影响提交申报');
  t.award(p.awardFen, false);
};
