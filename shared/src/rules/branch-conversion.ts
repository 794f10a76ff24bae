import { formatDateZh } from '../validation/dates';
import { type Rule } from './rule';

/**
 * 三、吸引电商大企业落户：政策施行期内，市外电商企业在聊分支机构转为入库纳统的法人企业后，
 * 给予企业5万元的一次性奖励。
 * The text asks neither 正常经营/依法纳税 nor the 20% cap here: none is applied.
 */
export const branchConversion: Rule<'branch-conversion'> = (t) => {
  const c = t.program.clauses;
  const { validFrom, validTo } = t.edition;
  t.isTrue('converted-branch', c['converted-branch'], 'convertedFromOutOfCityBranch');
  t.isTrue('legal-person', c['legal-person'], 'independentLegalPerson');
  t.isTrue('included-in-statistics', c['included-in-statistics'], 'includedInStatistics');

  const date = t.facts.conversionDate;
  const period = `${formatDateZh(validFrom)}至${formatDateZh(validTo)}`;
  const expected = `${validFrom}..${validTo}`;
  const clause = c['within-policy-period'];
  if (date === undefined)
    t.add(
      'within-policy-period',
      clause,
      'unknown',
      expected,
      null,
      ['conversionDate'],
      `请填写转为法人企业的日期（需在政策施行期${period}内）`,
    );
  else if (date >= validFrom && date <= validTo)
    t.add(
      'within-policy-period',
      clause,
      'met',
      expected,
      date,
      ['conversionDate'],
      `${formatDateZh(date)}转为法人企业，在政策施行期内`,
    );
  else
    t.add(
      'within-policy-period',
      clause,
      'unmet',
      expected,
      date,
      ['conversionDate'],
      `转为法人企业的日期${formatDateZh(date)}不在政策施行期${period}内`,
    );

  t.award(t.program.parameters.awardFen, false);
};
