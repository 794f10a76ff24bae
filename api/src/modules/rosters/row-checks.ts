import { formatDateZh, ROSTER_THRESHOLDS, type RosterCheck } from '@huiqi/shared';

// Each row of a 第九条 roster against every part of its sentence, one check a part, each saying in
// Chinese why it holds or not. A row counts only when every check holds.

const grouped = (n: number): string => n.toLocaleString('en-US');

const socialInsurance = (months: number): RosterCheck => {
  const min = ROSTER_THRESHOLDS.socialInsuranceMonths;
  return months >= min
    ? { id: 'social-insurance', ok: true, text: `连续缴纳社会保险${months}个月（须${min}个月以上）` }
    : { id: 'social-insurance', ok: false, text: `连续缴纳社会保险${months}个月，不足${min}个月` };
};

export interface HireFacts {
  trainingKind: 'whitelisted-institution' | 'college';
  institutionUscc: string | null;
  collegeName: string | null;
  hireDate: string;
  socialInsuranceMonths: number;
}

/**
 * 当年吸纳……就业: hired in the claim year. 经电商生态链企业“白名单”培训机构培训: the institution is on
 * the claim year's whitelist as a training institution (`whitelisted`, from WhitelistService), or
 * 经院校“专业+实训”电商培训: a college programme, as the firm declares it (the college's
 * certificate is the evidence the review reads; nothing here can check a college). 连续缴纳6个月以上
 * 社会保险.
 */
export const hireChecks = (row: HireFacts, claimYear: number, whitelisted: boolean): RosterCheck[] => {
  const hired = row.hireDate.startsWith(`${claimYear}-`);
  const trained: RosterCheck =
    row.trainingKind === 'college'
      ? {
          id: 'trained',
          ok: true,
          text: `经${row.collegeName ?? ''}“专业+实训”电商培训（以院校出具的培训证明为准）`,
        }
      : whitelisted
        ? {
            id: 'trained',
            ok: true,
            text: `经${claimYear}年度电商生态链企业“白名单”培训机构（${row.institutionUscc ?? ''}）培训`,
          }
        : {
            id: 'trained',
            ok: false,
            text: `培训机构（${row.institutionUscc ?? ''}）不在${claimYear}年度电商生态链企业“白名单”推荐名单的人才培训机构中`,
          };
  return [
    hired
      ? { id: 'hired-in-year', ok: true, text: `${formatDateZh(row.hireDate)}入职，属${claimYear}年度吸纳就业` }
      : { id: 'hired-in-year', ok: false, text: `${formatDateZh(row.hireDate)}入职，不是${claimYear}年度吸纳就业` },
    trained,
    socialInsurance(row.socialInsuranceMonths),
  ];
};

/**
 * Whether a credit code was issued in Liaocheng: its 3rd to 8th characters are the registering
 * authority's division code, 3715xx for the city and its counties (GB 32100-2015). What 我市企业
 * can be checked by without the firm in our register.
 */
export const isCityUscc = (uscc: string): boolean => uscc.slice(2, 6) === '3715';

export interface StreamerFacts {
  followers: number;
  contractFirmName: string;
  contractFirmUscc: string;
  contractMonths: number;
  socialInsuranceMonths: number;
}

/**
 * 年培训……主播（10万粉丝以上）: the roster is the year's trainees, each with 100,000 followers or
 * more; 与我市企业签订一年及以上直播带货业务合同: a firm of the city, 12 months or more; 连续缴纳6个月
 * 以上社会保险.
 */
export const streamerChecks = (row: StreamerFacts): RosterCheck[] => {
  const t = ROSTER_THRESHOLDS;
  return [
    row.followers >= t.followers
      ? { id: 'followers', ok: true, text: `粉丝${grouped(row.followers)}（须10万以上）` }
      : { id: 'followers', ok: false, text: `粉丝${grouped(row.followers)}，不足10万` },
    isCityUscc(row.contractFirmUscc)
      ? { id: 'city-firm', ok: true, text: `签约企业${row.contractFirmName}为我市企业` }
      : {
          id: 'city-firm',
          ok: false,
          text: `签约企业${row.contractFirmName}的统一社会信用代码第3至6位为${row.contractFirmUscc.slice(2, 6)}，不是聊城市（3715）登记的企业`,
        },
    row.contractMonths >= t.contractMonths
      ? { id: 'contract-term', ok: true, text: `直播带货业务合同${row.contractMonths}个月（须一年及以上）` }
      : { id: 'contract-term', ok: false, text: `直播带货业务合同${row.contractMonths}个月，不足一年` },
    socialInsurance(row.socialInsuranceMonths),
  ];
};

export const countsWith = (checks: readonly RosterCheck[]): boolean => checks.every((c) => c.ok);
