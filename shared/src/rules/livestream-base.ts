import { PLATFORMS, platformName, type PlatformId } from '../contracts/catalogue';
import { formatDateZh } from '../validation/dates';
import { type Rule } from './builder';

/**
 * 六、对在我市注册登记且诚信经营一年以上，获得淘宝、京东、拼多多、抖音、快手等直播平台授牌
 * “直播基地”，占地面积2000平方米以上、直播间数量30间以上、机构注册活跃主播人数超过30人，
 * 当年实现纳统网络零售额1亿元以上的直播电商基地（园区），给予50万元一次性资金奖励；
 * 正常经营、依法纳税、不超过对地方贡献数的20%。
 * 以上 includes the number, 超过 excludes it; 一年以上 is counted to the claim year's last day.
 */
const PLATFORM_NAMES = PLATFORMS.map((p) => p.name).join('、');

export const livestreamBase: Rule<'livestream-base'> = ({ parameters: p, clauses: c }, b) => {
  const year = b.edition.claimYear;
  // Registered on or before this date has operated N full years by the end of the claim year.
  const years = p.minYearsRegistered.value;
  const latest = `${year - years}-12-31`;
  const minAuth = p.minPlatformAuthorizations.value;
  return {
    conditions: [
      b.orgType(p.eligibleOrgTypes),
      b.isTrue('registered-in-city', c['registered-in-city'], 'registeredInCity'),
      b.fact<string>({
        id: 'registered-one-year',
        clause: p.minYearsRegistered.clause,
        fact: 'registrationDate',
        expected: `<= ${latest}`,
        test: (date) => date <= latest,
        met: (date) => `${formatDateZh(date)}注册登记，至${year}年底已满${years}年`,
        unmet: (date) => `需在我市注册登记满${years}年：${formatDateZh(date)}注册登记，至${year}年底不满${years}年`,
        unknown: `请填写在我市注册登记的日期（需在${formatDateZh(latest)}或之前，至${year}年底满${years}年）`,
      }),
      b.isTrue('good-credit', c['good-credit'], 'goodCredit'),
      b.fact<PlatformId[]>({
        id: 'platform-authorization',
        clause: p.minPlatformAuthorizations.clause,
        fact: 'livestreamBaseAuthorizations',
        expected: `>= ${minAuth}`,
        test: (platforms) => platforms.length >= minAuth,
        met: (platforms) => `已获${platforms.map(platformName).join('、')}授牌“直播基地”`,
        unmet: (platforms) =>
          platforms.length === 0
            ? '需获得至少一个直播平台授牌“直播基地”，目前没有'
            : `需获得至少${minAuth}个直播平台授牌“直播基地”，目前${platforms.length}个`,
        unknown: `请填写获得哪些直播平台授牌“直播基地”（${PLATFORM_NAMES}或其他平台）`,
      }),
      b.countAtLeast('site-area', 'siteAreaM2', p.minSiteAreaM2, '平方米'),
      b.countAtLeast('live-rooms', 'liveRoomCount', p.minLiveRooms, '间'),
      b.countAtLeast('active-streamers', 'activeStreamerCount', p.activeStreamersMoreThan, '人', true),
      b.amountAtLeast('statistical-retail-threshold', 'statisticalOnlineRetailFen', p.minStatisticalOnlineRetailFen),
      b.isTrue('normal-operation', c['normal-operation'], 'normalOperation'),
      b.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant'),
    ],
    award: b.fixedAward(p.awardFen, false),
    caps: [b.localContributionCap(p.localContributionCapBp)],
  };
};
