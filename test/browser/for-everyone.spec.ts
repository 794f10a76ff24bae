import { type Facts, memoryTokens, residentIdCheckCharacter } from '@huiqi/shared';
import { firm } from '../api/support/app.js';
import { fillRequiredWith } from '../api/support/files.js';
import {
  type Browser,
  describeInBrowser,
  openBrowser,
  shanghaiYear,
  TEST_TIMEOUT,
  WAIT,
  waitInPage,
} from './support.js';

// Issue 9's "for everyone" on every page of app.config.ts (the five tabs and every subpackage
// page), signed out and then signed in with a firm that has facts, a draft and a submitted
// application (made through the API with the page's own token), so each page shows real content:
// every tap target at least 44 CSS px, nothing wider than the screen and no text cut off by a
// fixed height with every font doubled (适老化), every status badge with a sign and a word, and no
// script error. Each check collects its offenders over all pages and fails once, naming them all.

/** The smallest tap target, in CSS px (a 0.5 px allowance for sub-pixel layout). */
const TAP_MIN = 44;

/** What a finger can tap: buttons, links, chips, radios, the tab bar, pickers and inputs. */
const TAP_SELECTOR = [
  'button',
  'taro-button-core',
  '[role="button"]',
  'a[href]',
  '.link',
  '[role="checkbox"]',
  '[role="radio"]',
  '[role="switch"]',
  '[role="tab"]',
  '.weui-tabbar__item',
  'taro-picker-core',
  // On H5 Taro's <Input> is a box around the native input: the box is what a finger aims at.
  'taro-input-core',
  'taro-textarea-core',
  'input:not([type="hidden"]):not([type="file"])',
  'textarea',
].join(', ');

// Run in the page (the suite compiles without the DOM types, so as text). `shown` is an element
// with a box; `name` says which one it is in a failure message.
const HELPERS = `
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0';
  };
  const name = (el) => {
    const text = ((el.textContent || '').trim() || el.getAttribute('placeholder') || el.querySelector('[placeholder]')?.getAttribute('placeholder') || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ');
    const cls = String(el.className || '').split(/\\s+/).filter(Boolean).slice(0, 2).join('.');
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + ' “' + text.slice(0, 24) + '”';
  };
`;

/** Every visible tap target (the outermost of nested ones) smaller than TAP_MIN. */
const SMALL_TAP_TARGETS = `(() => {
  ${HELPERS}
  const targets = [...document.querySelectorAll(${JSON.stringify(TAP_SELECTOR)})].filter(shown);
  const outer = targets.filter((el) => !targets.some((other) => other !== el && other.contains(el)));
  const small = [];
  for (const el of outer) {
    const r = el.getBoundingClientRect();
    const text = (el.textContent || el.getAttribute('placeholder') || '').trim();
    // An icon-only target (a sign, an arrow) must be wide enough too.
    const iconOnly = !el.matches('input, textarea, taro-input-core, taro-textarea-core') && [...text].length <= 2;
    if (r.height < ${TAP_MIN - 0.5} || (iconOnly && r.width < ${TAP_MIN - 0.5}))
      small.push(name(el) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
    // A box whose native input is smaller than itself takes taps that type nothing.
    const inner = el.matches('taro-input-core, taro-textarea-core') ? el.querySelector('input, textarea') : null;
    if (inner && inner.getBoundingClientRect().height < el.clientHeight - 1)
      small.push(name(inner) + ' 只占输入框的 ' + Math.round(inner.getBoundingClientRect().height) + '/' + el.clientHeight + 'px');
  }
  return small;
})()`;

/** Anything wider than the screen, or text cut off by a box that hides its overflow. */
const LAYOUT_PROBLEMS = `(() => {
  ${HELPERS}
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth) problems.push('页面宽 ' + doc.scrollWidth + ' > 屏幕 ' + innerWidth);
  for (const container of document.querySelectorAll('.taro_page')) {
    if (shown(container) && container.scrollWidth > container.clientWidth)
      problems.push('页面容器宽 ' + container.scrollWidth + ' > ' + container.clientWidth);
  }
  // What sticks out past the screen's right edge (the innermost such elements).
  const out = [...document.querySelectorAll('body *')].filter((el) => shown(el) && el.getBoundingClientRect().right > innerWidth + 1);
  for (const el of out.filter((el) => !out.some((other) => other !== el && el.contains(other))).slice(0, 5))
    problems.push(name(el) + ' 超出屏幕右边 ' + Math.round(el.getBoundingClientRect().right - innerWidth) + 'px');
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el) || !(el.textContent || '').trim()) continue;
    const s = getComputedStyle(el);
    const hides = (value) => value === 'hidden' || value === 'clip';
    if (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
      problems.push(name(el) + ' 被截断（高 ' + el.clientHeight + '，内容 ' + el.scrollHeight + '）');
    else if (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      problems.push(name(el) + ' 被截断（宽 ' + el.clientWidth + '，内容 ' + el.scrollWidth + '）');
  }
  return problems;
})()`;

/** Status badges whose only signal would be their colour: each needs a sign and a word. */
const COLOUR_ONLY = `(() => {
  ${HELPERS}
  const bare = [];
  for (const el of document.querySelectorAll('.status')) {
    if (!shown(el)) continue;
    const sign = el.querySelector('.status__sign');
    const text = (el.textContent || '').trim();
    if (!sign || !(sign.textContent || '').trim() || text.length <= (sign.textContent || '').trim().length) bare.push(name(el));
  }
  for (const el of document.querySelectorAll('[data-status]')) if (shown(el) && !(el.textContent || '').trim()) bare.push(name(el));
  return bare;
})()`;

/** Facts that make the firm eligible for 电商龙头企业流量补贴 (journey.spec.ts's). */
const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  liveRoomCount: 12,
  normalOperation: true,
  taxCompliant: true,
};

/** A calculator result shared as a link: every program, on a few of the facts. */
const SHARED_CHECK = `y=2023&p=all&f=${encodeURIComponent(JSON.stringify({ orgTypes: ['ecommerce'], onlineRetailFen: 9_999_999_999 }))}`;

describeInBrowser('every page for everyone (large font, tap targets, colour)', () => {
  let b: Browser;
  let orgId = 0;
  let draftId = 0;
  let submittedId = 0;
  const smallTargets: string[] = [];
  const layout: string[] = [];
  const colourOnly: string[] = [];
  const visited: string[] = [];

  const page = () => b.page;

  /**
   * Checks the page as it is now, at normal size and with every font doubled; `shot` saves it
   * at doubled size (docs/screenshots/large-font-NAME.png) from the top of its `from` element.
   */
  const check = async (label: string, shot?: { name: string; from: string }): Promise<void> => {
    await waitInPage(page(), '!document.querySelector(\'[aria-busy="true"]\')');
    await b.settle();
    visited.push(label);
    for (const target of await page().evaluate<string[]>(SMALL_TAP_TARGETS)) smallTargets.push(`${label}：${target}`);
    for (const bare of await page().evaluate<string[]>(COLOUR_ONLY)) colourOnly.push(`${label}：${bare}`);
    await b.largeFont();
    for (const problem of await page().evaluate<string[]>(LAYOUT_PROBLEMS)) layout.push(`${label}：${problem}`);
    if (shot) {
      await b.toTop(shot.from);
      await b.shoot(`large-font-${shot.name}`);
    }
    await b.normalFont();
  };

  /** Opens `path`, waits for `ready` (a Playwright selector), and checks the page. */
  const visit = async (label: string, path: string, ready: string): Promise<void> => {
    await page().goto(`${b.api.url}${path}`);
    await page().locator(ready).first().waitFor(WAIT);
    await check(label);
  };

  /** Every page of app.config.ts with what it shows signed out. */
  const signedOut: [string, string, string][] = [
    ['首页', '/pages/home/index', '[data-program]'],
    ['计算器', '/pages/calculator/index', '.calculator'],
    ['计算器（分享的结果）', `/pages/calculator/index?${SHARED_CHECK}`, '[data-result="leading-enterprise"]'],
    ['我的申报', '/pages/applications/index', 'text=登录后查看您的申报'],
    ['消息', '/pages/messages/index', 'text=登录后查看消息'],
    ['我的', '/pages/me/index', '.me__primary'],
    ['登录', '/subpackages/auth/login/index', '.login__button'],
    ['隐私政策', '/subpackages/legal/privacy/index', 'text=我们收集哪些信息、为什么'],
    ['我的企业', '/subpackages/org/index/index', '.my-orgs >> text=请先登录'],
    ['登记企业', '/subpackages/org/register/index', '.org-register'],
    ['加入企业', '/subpackages/org/join/index', '.org-join >> text=请先登录'],
    ['企业档案', '/subpackages/org/profile/index', '.org-profile'],
    ['场地登记', '/subpackages/org/facilities/index', '.org-facilities'],
    ['申报', '/subpackages/apply/new/index', '.apply >> text=请先登录'],
    ['申报（草稿）', '/subpackages/apply/new/index?id=1', '.apply >> text=请先登录'],
    ['申报详情', '/subpackages/apply/detail/index?id=1', '.apply-detail >> text=请先登录'],
    ['消息设置', '/subpackages/messages/settings/index', 'text=登录后设置消息'],
    ['迁入店铺', '/subpackages/shops/index/index', '.shops >> text=请先登录'],
    ['登记迁入店铺', '/subpackages/shops/register/index', '.shops-register >> text=请先登录'],
    ['迁入店铺详情', '/subpackages/shops/detail/index?id=1', '.shops-detail >> text=请先登录'],
    ['融资与跨境', '/subpackages/finance/index/index', '.finance >> text=请先登录'],
    ['园区综合评价', '/subpackages/parks/ranking/index', 'text=尚未公布园区综合评价'],
    ['白名单推荐名单', '/subpackages/whitelist/public/index', 'text=年度暂无推荐企业'],
    ['白名单推荐', '/subpackages/whitelist/apply/index', 'text=登录后申请白名单推荐'],
    ['人才名册', '/subpackages/roster/index/index', 'text=登录后填写人才名册'],
  ];

  beforeAll(async () => {
    b = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'visits every page signed out',
    async () => {
      for (const [label, path, ready] of signedOut) await visit(`${label}（未登录）`, path, ready);
    },
    TEST_TIMEOUT,
  );

  it(
    'visits every page signed in, with a firm, its facts, a draft and a submitted application',
    async () => {
      // The demo sign-in on 登录 opened directly (journey.spec.ts goes there through 我的); where it
      // navigates back to after that does not matter here: every page is opened by its address.
      await page().goto(`${b.api.url}/subpackages/auth/login/index`);
      await page().locator('.login__button').click();
      await waitInPage(page(), "localStorage.getItem('huiqi.session.v1') !== null");
      const client = b.api.client(memoryTokens(await b.session()));
      orgId = (await client.createOrg({ body: firm(61, { county: 'yanggu' }) })).id;
      const year = shanghaiYear();
      await client.putFacts({ params: { orgId }, query: { year }, body: { facts: FACTS } });
      const submitted = await client.createApplication({
        params: { orgId },
        body: { programId: 'leading-enterprise', claimYear: year },
      });
      submittedId = submitted.id;
      await fillRequiredWith(client, orgId, submittedId);
      await client.submitApplication({ params: { id: submittedId } });
      draftId = (
        await client.createApplication({ params: { orgId }, body: { programId: 'livestream-base', claimYear: year } })
      ).id;
      await page().evaluate(`localStorage.setItem('huiqi.current-org.v1', JSON.stringify({ data: ${orgId} }))`);

      await visit('首页', '/pages/home/index', '[data-program]');
      await visit('计算器', `/pages/calculator/index?${SHARED_CHECK}`, '[data-result="leading-enterprise"]');
      await visit('我的申报', '/pages/applications/index', `[data-application="${draftId}"]`);
      // The submission's message, or the empty inbox while the dispatcher has not delivered it yet.
      await visit('消息', '/pages/messages/index', '.messages [data-notification], .messages .page-state__title');
      await visit('消息设置', '/subpackages/messages/settings/index', '[data-setting="proactiveMatches"]');
      await visit('我的', '/pages/me/index', '.me__role');
      await visit('登录', '/subpackages/auth/login/index', '.login');
      await visit('隐私政策', '/subpackages/legal/privacy/index', 'text=我们收集哪些信息、为什么');
      await visit('我的企业', '/subpackages/org/index/index', `[data-org="${orgId}"]`);
      await page().locator(`[data-org="${orgId}"]`).getByText('邀请成员').click();
      await page().locator('[data-testid="invite"]').waitFor(WAIT);
      await check('我的企业（邀请码）');
      await visit('登记企业', '/subpackages/org/register/index', '.register__submit');
      await visit('加入企业', '/subpackages/org/join/index', '.org-join');
      await page().goto(`${b.api.url}/subpackages/org/profile/index?orgId=${orgId}`);
      await page().locator('[data-fact="onlineRetailFen"]').waitFor(WAIT);
      await check('企业档案', { name: 'profile', from: '.org-profile' });
      await page().getByText('填写 / 修改').click();
      await page().locator('.fact-sheet__form').waitFor(WAIT);
      await check('企业档案（填写）');
      await visit('场地登记', `/subpackages/org/facilities/index?orgId=${orgId}`, '.org-facilities .fact-sheet');
      await page().getByText('填写 / 修改').click();
      await page().locator('.fact-sheet__form').waitFor(WAIT);
      await check('场地登记（填写）');
      await visit('申报（选择项目）', '/subpackages/apply/new/index', '.apply [data-program]');
      await visit('申报（企业信息）', `/subpackages/apply/new/index?id=${draftId}`, '.apply__steps');
      await page().getByText('保存，下一步：上传材料', { exact: true }).click();
      await page().locator('[data-material]').first().waitFor(WAIT);
      await check('申报（上传材料）', { name: 'apply-materials', from: '.checklist__summary' });
      await page().getByText('下一步：确认提交', { exact: true }).click();
      await page().getByText('提交申报', { exact: true }).waitFor(WAIT);
      await check('申报（确认提交）');
      await visit('申报详情', `/subpackages/apply/detail/index?id=${submittedId}`, '[data-status="submitted"]');
      // 迁入店铺 (measure 五): one registration, refused by the county with a reason the firm reads.
      const shop = await client.registerRelocatedShop({
        params: { orgId },
        body: { platform: 'other:微店', shop: 'https://weidian.com/?userid=61', relocatedOn: '2023-05-01' },
      });
      const county = await b.api.login('county-reviewer', 'everyone-yanggu', 'yanggu');
      await b.api.call('POST', `/api/v1/relocated-shops/${shop.id}/refuse`, {
        token: county,
        body: { reason: '店铺经营主体与企业不符，请核对店铺链接' },
      });
      await visit('迁入店铺', `/subpackages/shops/index/index?orgId=${orgId}`, `[data-shop="${shop.id}"]`);
      await visit('登记迁入店铺', `/subpackages/shops/register/index?orgId=${orgId}`, '.shops__submit');
      await visit('迁入店铺（修改后重新提交）', `/subpackages/shops/register/index?id=${shop.id}`, '.shops__reason');
      await visit('迁入店铺详情', `/subpackages/shops/detail/index?id=${shop.id}`, '[data-status="refused"]');
      await visit('融资与跨境', '/subpackages/finance/index/index', '.finance-form');
      await visit('园区综合评价', '/subpackages/parks/ranking/index', '.park-ranking__none');
      await visit('白名单推荐', `/subpackages/whitelist/apply/index?orgId=${orgId}`, '.whitelist .wl-link');
      // 人才名册 with a row that does not count (5 months of social insurance), and its form open.
      const idBody = '37152119900101001';
      await client.addHire({
        params: { orgId },
        query: { year },
        body: {
          name: '张小明',
          residentId: idBody + (residentIdCheckCharacter(idBody) ?? ''),
          trainingKind: 'college',
          collegeName: '聊城职业技术学院',
          hireDate: `${year}-01-05`,
          socialInsuranceMonths: 5,
        },
      });
      await visit('人才名册', `/subpackages/roster/index/index?orgId=${orgId}`, '.roster [data-row]');
      await page().getByText('添加人员', { exact: true }).click();
      await page().locator('[data-form="hires"]').waitFor(WAIT);
      await check('人才名册（添加）');
    },
    TEST_TIMEOUT,
  );

  it('found every tap target at least 44 px high (and wide, when it is only a sign)', () => {
    expect(visited.length).toBeGreaterThanOrEqual(30);
    expect(smallTargets).toEqual([]);
  });

  it('found nothing wider than the screen and no text cut off with every font doubled', () => {
    expect(layout).toEqual([]);
  });

  it('found a sign and a word beside every status colour', () => {
    expect(colourOnly).toEqual([]);
  });

  it('ran without a script error or a refused load', () => {
    expect(b.problems).toEqual([]);
  });
});
