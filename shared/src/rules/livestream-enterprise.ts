import { formatDateZh, yearOf } from '../validation/dates';
import { type Rule } from './builder';

/**
 * 六、对在我市当年新注册登记且实现纳统网络零售额2000万元以上的独立法人直播电商企业，
 * 给予20万元一次性资金奖励；获得奖补资金的企业应处于正常经营状态并依法纳税，且对企业的
 * 奖补资金额不得超过企业对地方贡献数的20%。
 */
export const livestreamEnterprise: Rule<'livestream-enterprise'> = ({ parameters: p, clauses: c }, b) => {
  const year = b.edition.claimYear;
  return {
    conditions: [
      b.orgType(p.eligibleOrgTypes),
      b.isTrue('legal-person', c['legal-person'], 'independentLegalPerson'),
      b.isTrue('registered-in-city', c['registered-this-year'], 'registeredInCity'),
      b.fact<string>({
        id: 'registered-this-year',
        clause: c['registered-this-year'],
        fact: 'registrationDate',
        expected: `year = ${year}`,
        test: (date) => yearOf(date) === year,
        met: (date) => `${formatDateZh(date)}注册登记，属于${year}年新注册`,
        unmet: (date) => `本项仅奖励${year}年新注册登记的企业，注册日期为${formatDateZh(date)}`,
        unknown: `请填写在我市注册登记的日期（需为${year}年新注册）`,
      }),
      b.amountAtLeast('statistical-retail-threshold', 'statisticalOnlineRetailFen', p.minStatisticalOnlineRetailFen),
      b.isTrue('normal-operation', c['normal-operation'], 'normalOperation'),
      b.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant'),
    ],
    award: b.fixedAward(p.awardFen, false),
    caps: [b.localContributionCap(p.localContributionCapBp)],
  };
};
