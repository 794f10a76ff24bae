import { formatDateZh } from '../validation/dates';
import { type Rule } from './builder';

/**
 * 三、吸引电商大企业落户：政策施行期内，市外电商企业在聊分支机构转为入库纳统的法人企业后，
 * 给予企业5万元的一次性奖励。
 * The text asks neither 正常经营/依法纳税 nor the 20% cap here: none is applied.
 */
export const branchConversion: Rule<'branch-conversion'> = ({ parameters: p, clauses: c }, b) => {
  const { validFrom, validTo } = b.edition;
  const period = `${formatDateZh(validFrom)}至${formatDateZh(validTo)}`;
  return {
    conditions: [
      b.isTrue('converted-branch', c['converted-branch'], 'convertedFromOutOfCityBranch'),
      b.isTrue('legal-person', c['legal-person'], 'independentLegalPerson'),
      b.isTrue('included-in-statistics', c['included-in-statistics'], 'includedInStatistics'),
      b.fact<string>({
        id: 'within-policy-period',
        clause: c['within-policy-period'],
        fact: 'conversionDate',
        expected: `${validFrom}..${validTo}`,
        test: (date) => date >= validFrom && date <= validTo,
        met: (date) => `${formatDateZh(date)}转为法人企业，在政策施行期内`,
        unmet: (date) => `转为法人企业的日期${formatDateZh(date)}不在政策施行期${period}内`,
        unknown: `请填写转为法人企业的日期（需在政策施行期${period}内）`,
      }),
    ],
    award: b.fixedAward(p.awardFen, false),
    caps: [],
  };
};
