import { type Session } from '@huiqi/shared';
import { firm } from '../api/support/app.js';
import { figuresOf, seedScenario } from '../api/support/figures.js';
import { type Browser, describeInBrowser, openBrowser, TEST_TIMEOUT, WAIT } from './support.js';

// 通报表扬 and 目标看板 in Chromium on the H5 build served by the real API: the city computes the
// 2023 lists from the stored months, publishes them after confirming, anyone reads them without
// signing in, and the dashboard draws the targets month by month. ECharts must draw (a canvas in
// each chart) and the page report no problem (a CSP refusal would be one).

describeInBrowser('commendations and the targets dashboard', () => {
  let b: Browser;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBrowser();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await b?.close();
  });

  const signIn = async (role: string): Promise<Session> => {
    const res = await b.api.call<Session>('POST', '/api/v1/auth/demo', { body: { role, openid: `commend-${role}` } });
    if (res.status !== 200) throw new Error(`demo sign-in as ${role}: ${res.status}`);
    return res.body;
  };
  const openAs = async (session: Session | null, path: string) => {
    await page().goto(`${b.api.url}/pages/home/index`);
    await page().evaluate(
      session
        ? `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(session)} }))`
        : `localStorage.removeItem('huiqi.session.v1')`,
    );
    await page().goto(`${b.api.url}${path}`);
  };

  it(
    'the city computes and publishes the 2023 lists; anyone reads them with their charts',
    async () => {
      const city = await signIn('city-reviewer');
      await seedScenario(b.api);
      await figuresOf(b.api).province(2023, 1000, 3000);
      await page().setViewportSize({ width: 1440, height: 900 });
      await openAs(city, '/subpackages/staff/commendations/index');
      await page().locator('text=2023年度尚未发布通报表扬名单 >> visible=true').waitFor(WAIT);
      await page().locator('text=计算名单 >> visible=true').click();
      const growth = page().locator('[data-list="retail-growth"]:visible');
      await growth.locator('text=阳谷县').waitFor(WAIT);
      expect(await growth.locator('text=第2名').count()).toBe(2);
      await growth.locator('.chart canvas').first().waitFor(WAIT);
      await page().locator('text=/数据范围：截至2023年6月/ >> visible=true').waitFor(WAIT);
      await page().locator('text=发布名单 >> visible=true').click();
      await page().locator('[role="dialog"]:visible').locator('text=发布').last().click();
      await page().locator('text=已发布2023年度通报表扬名单（第1版） >> visible=true').waitFor(WAIT);
      await b.shoot('staff-commendations');

      await page().setViewportSize({ width: 375, height: 667 });
      await openAs(null, '/pages/home/index');
      await page().locator('text=县（市、区）通报表扬名单（无需登录） >> visible=true').click();
      await page().locator('text=2023年度县（市、区）通报表扬名单 >> visible=true').waitFor(WAIT);
      const shops = page().locator('[data-list="new-shops"]:visible');
      await shops.locator('text=东昌府区').waitFor(WAIT);
      await shops.locator('.chart canvas').first().waitFor(WAIT);
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the dashboard shows each target with its clause, measured month by month in a chart',
    async () => {
      // The relocated shops are the register's verified ones (五): one registered and verified.
      const owner = await b.api.login('applicant', 'commend-shops-owner');
      const org = await b.api.call<{ id: number }>('POST', '/api/v1/orgs', {
        token: owner,
        body: firm(81, { county: 'yanggu', name: '阳谷迁入店铺测试有限公司' }),
      });
      const shop = await b.api.call<{ id: number }>('POST', `/api/v1/orgs/${org.body.id}/relocated-shops`, {
        token: owner,
        body: { platform: 'jd', shop: '81000001', relocatedOn: '2023-04-10' },
      });
      const yanggu = await b.api.login('county-reviewer', 'commend-yanggu', 'yanggu');
      expect(
        (await b.api.call('POST', `/api/v1/relocated-shops/${shop.body.id}/verify`, { token: yanggu })).status,
      ).toBe(200);
      const city = await signIn('city-reviewer');
      await page().setViewportSize({ width: 1440, height: 900 });
      await openAs(city, '/subpackages/staff/targets/index');
      const retail = page().locator('[data-target="online-retail"]:visible');
      await retail.locator('text=原文：力争到2023年底，全市网络零售额达到350亿元').waitFor(WAIT);
      expect(await retail.getAttribute('data-reached')).toBe('false');
      await retail.locator('.chart canvas').first().waitFor(WAIT);
      await page().locator('[data-target="relocated-shops"]:visible .chart canvas').first().waitFor(WAIT);
      await b.shoot('staff-targets');
      // Nothing observed yet: no verdict for the shops in total.
      expect(await page().locator('[data-target="online-shops"]:visible').getAttribute('data-reached')).toBe('null');
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
