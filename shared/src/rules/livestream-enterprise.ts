import { formatDateZh, yearOf } from '../validation/dates';
import { type Rule } from './rule';

/**
 * 六、对在我市当年新注册登记且实现纳统网络零售额2000万元以上的独立法人直播电商企业，
 * 给予20万元一次性资金奖励；获得奖补资金的企业应处于正常经营状态并依法纳税，且对企业的
 * 奖补资金额不得超过企业对地方贡献数的20%。
 */
export const livestreamEnterprise: Rule<'livestream-enterprise'> = (t) => {
  const p = t.program.parameters;
  const c = t.program.clauses;
  const year = t.edition.claimYear;
  t.orgType(p.eligibleOrgTypes);
  t.isTrue('legal-person', c['legal-person'], 'independentLegalPerson');
  t.isTrue('registered-in-city', c['registered-this-year'], 'registeredInCity');

  const date = t.facts.registrationDate;
  const clause = c['registered-this-year'];
  if (date === undefined)
    t.add(
      'registered-this-year',
      clause,
      'unknown',
      `year = ${year}`,
      null,
      ['registrationDate'],
      `请填写在我市注册登记的日期（需为${year}年新注册）`,
    );
  else if (yearOf(date) === year)
    t.add(
      'registered-this-year',
      clause,
      'met',
      `year = ${year}`,
      date,
      ['registrationDate'],
      `${formatDateZh(date)}注册登记，属于${year}年新注册`,
    );
  else
    t.add(
      'registered-this-year',
      clause,
      'unmet',
      `year = ${year}`,
      date,
      ['registrationDate'],
      `本项仅奖励${year}年新注册登记的企业，注册日期为${formatDateZh(date)}`,
    );

  t.amountAtLeast('statistical-retail-threshold', 'statisticalOnlineRetailFen', p.minStatisticalOnlineRetailFen);
  t.isTrue('normal-operation', c['normal-operation'], 'normalOperation');
  t.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant');
  t.award(p.awardFen, false);
  t.localContributionCap(p.localContributionCapBp);
};
