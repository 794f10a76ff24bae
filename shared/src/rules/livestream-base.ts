import { platformName } from '../contracts/catalogue';
import { formatDateZh } from '../validation/dates';
import { type Rule } from './rule';

/**
 * 六、对在我市注册登记且诚信经营一年以上，获得淘宝、京东、拼多多、抖音、快手等直播平台授牌
 * “直播基地”，占地面积2000平方米以上、直播间数量30间以上、机构注册活跃主播人数超过30人，
 * 当年实现纳统网络零售额1亿元以上的直播电商基地（园区），给予50万元一次性资金奖励；
 * 正常经营、依法纳税、不超过对地方贡献数的20%。
 * 以上 includes the number, 超过 excludes it; 一年以上 is counted to the claim year's last day.
 */
export const livestreamBase: Rule<'livestream-base'> = (t) => {
  const p = t.program.parameters;
  const c = t.program.clauses;
  const year = t.edition.claimYear;
  t.orgType(p.eligibleOrgTypes);
  t.isTrue('registered-in-city', c['registered-in-city'], 'registeredInCity');

  // Registered on or before this date has operated N full years by the end of the claim year.
  const years = p.minYearsRegistered.value;
  const latest = `${year - years}-12-31`;
  const date = t.facts.registrationDate;
  const expected = `<= ${latest}`;
  const clause = p.minYearsRegistered.clause;
  if (date === undefined)
    t.add(
      'registered-one-year',
      clause,
      'unknown',
      expected,
      null,
      ['registrationDate'],
      `请填写在我市注册登记的日期（需在${formatDateZh(latest)}或之前，至${year}年底满${years}年）`,
    );
  else if (date <= latest)
    t.add(
      'registered-one-year',
      clause,
      'met',
      expected,
      date,
      ['registrationDate'],
      `${formatDateZh(date)}注册登记，至${year}年底已满${years}年`,
    );
  else
    t.add(
      'registered-one-year',
      clause,
      'unmet',
      expected,
      date,
      ['registrationDate'],
      `需在我市注册登记满${years}年：${formatDateZh(date)}注册登记，至${year}年底不满${years}年`,
    );

  t.isTrue('good-credit', c['good-credit'], 'goodCredit');

  const auth = t.facts.livestreamBaseAuthorizations;
  const minAuth = p.minPlatformAuthorizations.value;
  const authClause = p.minPlatformAuthorizations.clause;
  const facts = ['livestreamBaseAuthorizations' as const];
  if (auth === undefined)
    t.add(
      'platform-authorization',
      authClause,
      'unknown',
      `>= ${minAuth}`,
      null,
      facts,
      '请填写获得哪些直播平台授牌“直播基地”（淘宝、京东、拼多多、抖音、快手或其他平台）',
    );
  else if (auth.length >= minAuth)
    t.add(
      'platform-authorization',
      authClause,
      'met',
      `>= ${minAuth}`,
      auth,
      facts,
      `已获${auth.map(platformName).join('、')}授牌“直播基地”`,
    );
  else
    t.add(
      'platform-authorization',
      authClause,
      'unmet',
      `>= ${minAuth}`,
      auth,
      facts,
      auth.length === 0
        ? '需获得至少一个直播平台授牌“直播基地”，目前没有'
        : `需获得至少${minAuth}个直播平台授牌“直播基地”，目前${auth.length}个`,
    );

  t.countAtLeast('site-area', 'siteAreaM2', p.minSiteAreaM2, '平方米');
  t.countAtLeast('live-rooms', 'liveRoomCount', p.minLiveRooms, '间');
  t.countAtLeast('active-streamers', 'activeStreamerCount', p.activeStreamersMoreThan, '人', true);
  t.amountAtLeast('statistical-retail-threshold', 'statisticalOnlineRetailFen', p.minStatisticalOnlineRetailFen);
  t.isTrue('normal-operation', c['normal-operation'], 'normalOperation');
  t.isTrue('tax-compliant', c['tax-compliant'], 'taxCompliant');
  t.award(p.awardFen, false);
  t.localContributionCap(p.localContributionCapBp);
};
