import { type Rule } from './builder';

/**
 * 九、对我市电商、跨境电商企业，当年吸纳经电商生态链企业“白名单”培训机构培训或经院校
 * “专业+实训”电商培训10人以上就业，并连续缴纳6个月以上社会保险的，给予电商企业不超过10万元
 * 一次性奖励。`trainedHireCount` counts only hires meeting every part of that sentence.
 * No 正常经营/依法纳税 or 20% cap here: the text does not ask for them.
 */
export const talentHiring: Rule<'talent-hiring'> = ({ parameters: p, clauses: c }, b) => ({
  conditions: [
    b.orgType(p.eligibleOrgTypes),
    b.isTrue('registered-in-city', c['registered-in-city'], 'registeredInCity'),
    b.countAtLeast('trained-hires', 'trainedHireCount', p.minTrainedHires, '人'),
  ],
  award: b.fixedAward(p.maxAwardFen, true),
  caps: [],
});

/**
 * 九、对在我市注册、资质齐全的培训机构，年培训不少于20名主播（10万粉丝以上），并与我市企业签订
 * 一年及以上直播带货业务合同，且连续缴纳6个月以上社会保险的，给予培训机构不超过10万元一次性奖励。
 * 不少于 includes the number; `qualifiedStreamerTraineeCount` counts streamers meeting all of it.
 */
export const streamerTraining: Rule<'streamer-training'> = ({ parameters: p, clauses: c }, b) => ({
  conditions: [
    b.orgType(p.eligibleOrgTypes),
    b.isTrue('registered-in-city', c['registered-in-city'], 'registeredInCity'),
    b.isTrue('qualifications', c['qualifications'], 'qualificationsComplete'),
    b.countAtLeast('trained-streamers', 'qualifiedStreamerTraineeCount', p.minQualifiedTrainees, '名'),
  ],
  award: b.fixedAward(p.maxAwardFen, true),
  caps: [],
});
