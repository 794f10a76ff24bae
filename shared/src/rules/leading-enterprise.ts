import { fullUnits, formatFen, formatCount } from '../money/money';
import { type Rule } from './rule';

/**
 * 二、培育电商龙头企业：对当年实现网络零售额1亿元以上企业, 每实现1万元，最高给予4元流量补贴，
 * 每家企业最高补贴40万元，获得奖补资金的企业应处于正常经营状态并依法纳税，且对企业的奖补资金额
 * 不得超过企业对地方贡献数的20%。
 * Only full units of 1万元 count (每实现1万元); the award is 最高, so it is an upper bound.
 */
export const leadingEnterprise: Rule<'leading-enterprise'> = (t) => {
  const p = t.program.parameters;
  const c = t.program.clauses;
  t.orgType(p.eligibleOrgTypes);
  t.amountAtLeast('retail-threshold', 'onlineRetailFen', p.minOnlineRetailFen);
  t.isTrue('normal-operation', c['normal-operation'], 'normalOperation');
  t.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant');

  const retail = t.facts.onlineRetailFen;
  const rate = p.subsidyPerUnitFen.value;
  const unit = p.subsidyUnitFen.value;
  if (retail === undefined) {
    t.computedAward(null, `每实现${formatFen(unit)}网络零售额补贴${formatFen(rate)}；请填写当年网络零售额以计算`);
  } else {
    const units = fullUnits(retail, unit);
    const amount = units * rate;
    t.computedAward(
      amount,
      `${formatCount(units)}个${formatFen(unit)}（不足${formatFen(unit)}的部分不计）× ${formatFen(rate)} = ${formatFen(amount)}`,
    );
  }
  t.cap(
    'per-enterprise',
    p.perEnterpriseCapFen.clause,
    p.perEnterpriseCapFen.value,
    `每家企业最高${formatFen(p.perEnterpriseCapFen.value)}`,
  );
  t.localContributionCap(p.localContributionCapBp);
};
