import { memoryTokens, type Session } from '@huiqi/shared';
import { firm } from '../api/support/app.js';
import { type Browser, type Desk, describeInBrowser, openBrowser, openDesk, TEST_TIMEOUT, WAIT } from './support.js';

// 迁入店铺 (measure 五) end to end in Chromium on the H5 build served by the real API: a firm's
// member registers a shop moved back into the city on the phone, from 我的企业; the county's
// reviewer verifies it at the desk (迁入店铺核实); the firm then reads 已核实. Saves
// docs/screenshots/staff-relocated-shops.png and relocated-shop-verified.png.
describeInBrowser('relocated shops: registered on the phone, verified at the desk', () => {
  let b: Browser;
  let desk: Desk | undefined;
  let orgId = 0;
  let shopId = 0;

  const page = () => b.page;

  beforeAll(async () => {
    b = await openBrowser();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await desk?.close();
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'a firm registers a relocated shop from 我的企业 → 迁入店铺, and reads 待核实',
    async () => {
      await page().goto(`${b.api.url}/`);
      await b.demoSignIn();
      const client = b.api.client(memoryTokens(await b.session()));
      orgId = (await client.createOrg({ body: firm(51, { county: 'linqing', name: '临清回迁电商有限公司' }) })).id;

      await page().goto(`${b.api.url}/subpackages/org/index/index`);
      const card = page().locator(`[data-org="${orgId}"]:visible`);
      await card.waitFor(WAIT);
      await card.getByText('迁入店铺', { exact: true }).click();
      await page().locator('.shops .shops__measure:visible').getByText('回迁市内店铺超过180家').waitFor(WAIT);
      await page().locator('.shops__new:visible').click();

      const form = page().locator('.shops-register:visible');
      await form.locator('[data-field="firm"]').getByText('临清回迁电商有限公司').waitFor(WAIT);
      await expect(form.locator('[data-field="firm"]').textContent()).resolves.toContain(firm(51).uscc);
      // Nothing chosen yet: the page names every field to fix, as the API would, and sends nothing.
      await form.locator('.shops__submit').click();
      await form.locator('[data-field="shop"]').getByText('✕ 请填写店铺ID或店铺链接').waitFor(WAIT);
      await expect(form.locator('[data-field="platform"]').textContent()).resolves.toContain('请选择店铺所在的平台');

      await form.locator('[data-field="platform"] [role="radio"]').filter({ hasText: '抖音' }).click();
      await b.fill('店铺ID，或以 https:// 开头的店铺链接', 'ftp://v.douyin.com/shop-88');
      await form.locator('.shops__submit').click();
      await form.locator('[data-field="shop"]').getByText('只能以 http:// 或 https:// 开头').waitFor(WAIT);
      await b.fill('店铺ID，或以 https:// 开头的店铺链接', 'https://v.douyin.com/shop-88');
      // The day: the picker opens on the API's today, accepted with 确定.
      await form.locator('[data-field="relocatedOn"] .org-form__picker').click();
      await b.settle();
      await page().locator('.weui-picker__action:visible', { hasText: '确定' }).click();
      const today = b.api.clock.today();
      await form.locator('[data-field="relocatedOn"]').getByText(today).waitFor(WAIT);
      await expect(form.locator('[data-field="county"]').textContent()).resolves.toContain('临清市');
      await form.locator('.shops__submit').click();

      const detail = page().locator('.shops-detail:visible');
      await detail.waitFor(WAIT);
      shopId = Number(await detail.getAttribute('data-shop'));
      await detail.locator('[data-status="pending"]').waitFor(WAIT);
      await expect(detail.textContent()).resolves.toContain('等待临清市商务主管部门核实');
      const registered = await client.getRelocatedShop({ params: { id: shopId } });
      expect(registered).toMatchObject({
        orgId,
        platform: 'douyin',
        shop: 'https://v.douyin.com/shop-88',
        county: 'linqing',
        relocatedOn: today,
        status: 'pending',
      });
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the county reviewer verifies it at the desk after confirming; the firm reads 已核实',
    async () => {
      desk = await openDesk(b);
      const signIn = await b.api.call<Session>('POST', '/api/v1/auth/demo', {
        body: { role: 'county-reviewer', county: 'linqing', openid: 'shops-desk-linqing' },
      });
      expect(signIn.status).toBe(200);
      await desk.page.goto(`${b.api.url}/pages/home/index`);
      await desk.page.evaluate(
        `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(signIn.body)} }))`,
      );
      await desk.page.goto(`${b.api.url}/subpackages/staff/shops/index`);
      const row = desk.page.locator(`[data-shop="${shopId}"]:visible`);
      await row.waitFor(WAIT);
      await expect(row.textContent()).resolves.toContain('临清回迁电商有限公司');
      await desk.shoot('staff-relocated-shops');
      await row.locator('.shops-review__verify').click();
      const dialog = desk.page.getByRole('dialog');
      await expect(dialog.textContent()).resolves.toContain('https://v.douyin.com/shop-88');
      await dialog.getByText('核实', { exact: true }).click();
      await desk.page.getByText('已核实：临清回迁电商有限公司 · 抖音 https://v.douyin.com/shop-88').waitFor(WAIT);
      expect(desk.problems).toEqual([]);

      await page().reload();
      const detail = page().locator('.shops-detail:visible');
      await detail.locator('[data-status="verified"]').waitFor(WAIT);
      await expect(detail.textContent()).resolves.toContain('已核实，计入全市迁入店铺数量');
      await b.shoot('relocated-shop-verified');
      const counted = await b.api.call<{ total: number; cumulative: number }>(
        'GET',
        `/api/v1/relocated-shops/summary?year=${b.api.clock.year()}`,
        { token: signIn.body.accessToken },
      );
      expect(counted.body).toMatchObject({ total: 1, cumulative: 1 });
    },
    TEST_TIMEOUT,
  );
});
