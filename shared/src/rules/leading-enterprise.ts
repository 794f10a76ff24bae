import { formatFen } from '../money/money';
import { type Rule } from './builder';

/**
 * 二、培育电商龙头企业：对当年实现网络零售额1亿元以上企业, 每实现1万元，最高给予4元流量补贴，
 * 每家企业最高补贴40万元，获得奖补资金的企业应处于正常经营状态并依法纳税，且对企业的奖补资金额
 * 不得超过企业对地方贡献数的20%。
 * Only full units of 1万元 count (每实现1万元); the award is 最高, so it is an upper bound.
 * 以上企业 names no kind of enterprise: reaching 1亿元 is what makes a 电商龙头企业, so the
 * applicant's kind is not a condition (the goal sentence 加大对电商龙头企业的支持力度 restricts nobody).
 */
export const leadingEnterprise: Rule<'leading-enterprise'> = ({ parameters: p, clauses: c }, b) => ({
  conditions: [
    b.amountAtLeast('retail-threshold', 'onlineRetailFen', p.minOnlineRetailFen),
    b.isTrue('normal-operation', c['normal-operation'], 'normalOperation'),
    b.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant'),
  ],
  award: b.perUnitAward('onlineRetailFen', p.subsidyUnitFen, p.subsidyPerUnitFen),
  caps: [
    b.fixedCap('per-enterprise', p.perEnterpriseCapFen, `每家企业最高${formatFen(p.perEnterpriseCapFen.value)}`),
    b.localContributionCap(p.localContributionCapBp),
  ],
});
