import { describe, expect, it } from '@jest/globals';
import { countsWith, hireChecks, isCityUscc, streamerChecks } from './row-checks.js';

const hire = {
  trainingKind: 'whitelisted-institution' as const,
  institutionUscc: '91371500MA3TEXT01X',
  collegeName: null,
  hireDate: '2026-03-01',
  socialInsuranceMonths: 6,
};
const streamer = {
  followers: 100_000,
  contractFirmName: '聊城市某电商有限公司',
  contractFirmUscc: '91371502MA3TEXT01X',
  contractMonths: 12,
  socialInsuranceMonths: 6,
};

describe('第九条 roster rows', () => {
  it('a hire counts at exactly 6 months, hired in the year, trained by a whitelisted institution', () => {
    const checks = hireChecks(hire, 2026, true);
    expect(checks.map((c) => [c.id, c.ok])).toEqual([
      ['hired-in-year', true],
      ['trained', true],
      ['social-insurance', true],
    ]);
    expect(countsWith(checks)).toBe(true);
    expect(checks[2]?.text).toBe('连续缴纳社会保险6个月（须6个月以上）');
  });

  it('each part alone stops a hire from counting, and says why', () => {
    const five = hireChecks({ ...hire, socialInsuranceMonths: 5 }, 2026, true);
    expect(countsWith(five)).toBe(false);
    expect(five.find((c) => !c.ok)?.text).toBe('连续缴纳社会保险5个月，不足6个月');
    const lastYear = hireChecks({ ...hire, hireDate: '2025-12-31' }, 2026, true);
    expect(lastYear.filter((c) => !c.ok).map((c) => c.id)).toEqual(['hired-in-year']);
    expect(lastYear[0]?.text).toContain('不是2026年度吸纳就业');
    const notListed = hireChecks(hire, 2026, false);
    expect(notListed.filter((c) => !c.ok).map((c) => c.text)).toEqual([
      '培训机构（91371500MA3TEXT01X）不在2026年度电商生态链企业“白名单”推荐名单的人才培训机构中',
    ]);
    // A college programme needs no whitelist.
    const college = hireChecks(
      { ...hire, trainingKind: 'college', institutionUscc: null, collegeName: '聊城职业技术学院' },
      2026,
      false,
    );
    expect(countsWith(college)).toBe(true);
    expect(college[1]?.text).toContain('聊城职业技术学院“专业+实训”');
  });

  it('a streamer counts at exactly 100,000 followers and 12 months with a city firm', () => {
    expect(countsWith(streamerChecks(streamer))).toBe(true);
    const short = streamerChecks({ ...streamer, followers: 99_999, contractMonths: 11, socialInsuranceMonths: 5 });
    expect(short.filter((c) => !c.ok).map((c) => c.text)).toEqual([
      '粉丝99,999，不足10万',
      '直播带货业务合同11个月，不足一年',
      '连续缴纳社会保险5个月，不足6个月',
    ]);
    const elsewhere = streamerChecks({ ...streamer, contractFirmUscc: '91370100MA3TEXT01X' });
    expect(elsewhere.filter((c) => !c.ok).map((c) => c.id)).toEqual(['city-firm']);
    expect(isCityUscc('91371526MA3TEXT01X')).toBe(true);
    expect(isCityUscc('91370000MA3TEXT01X')).toBe(false);
  });
});
