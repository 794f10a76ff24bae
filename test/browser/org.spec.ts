import { memoryTokens } from '@huiqi/shared';
import type { Locator } from 'playwright-core';
import { firm } from '../api/support/app.js';
import { type Browser, describeInBrowser, openBrowser, shanghaiYear, TEST_TIMEOUT, WAIT } from './support.js';

// 我的企业 beyond the journey (journey.spec.ts registers a firm and fills in 企业档案 through the
// pages): a firm registered through the API with the page's own token registers its livestream
// site on 场地登记, invites a colleague who joins, and the register page stays readable with the
// font size doubled. Saves phone-size screenshots.
describeInBrowser('我的企业 in a browser', () => {
  let b: Browser;
  let orgId = 0;
  let inviteCode = '';

  const page = () => b.page;
  const fact = (name: string): Locator => b.page.locator(`[data-fact="${name}"]`);
  const toastGone = () => b.page.getByText('已保存', { exact: true }).waitFor({ state: 'hidden', ...WAIT });

  beforeAll(async () => {
    b = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'signs in with the demo sign-in; a firm with its live rooms is registered through the API with the page’s token',
    async () => {
      await page().goto(`${b.api.url}/`);
      await b.demoSignIn();
      const client = b.api.client(memoryTokens(await b.session()));
      orgId = (await client.createOrg({ body: firm(41, { county: 'yanggu' }) })).id;
      await client.putFacts({
        params: { orgId },
        query: { year: shanghaiYear() },
        body: { facts: { liveRoomCount: 12 } },
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'registers the livestream site on 场地登记, saying which programs count it',
    async () => {
      await page().goto(`${b.api.url}/subpackages/org/facilities/index?orgId=${orgId}`);
      await page().locator('.org-facilities .fact-sheet').waitFor(WAIT);
      await expect(page().locator('.facilities__intro').textContent()).resolves.toContain('直播电商基地');
      // The live rooms the profile holds are the same fact.
      await expect(fact('liveRoomCount').textContent()).resolves.toContain('12间');
      await page().getByText('填写 / 修改').click();
      await b.fill('请输入占地面积', '5000');
      await b.fill('请输入机构注册活跃主播人数', '30');
      await b.chip('抖音').click();
      await page().locator('.fact-sheet__form').getByText('保存', { exact: true }).click();
      await fact('siteAreaM2').getByText('5,000平方米').waitFor(WAIT);
      await expect(fact('activeStreamerCount').textContent()).resolves.toContain('30人');
      await expect(fact('livestreamBaseAuthorizations').textContent()).resolves.toContain('抖音');
      await expect(fact('siteAreaM2').textContent()).resolves.toContain('企业填报');
      await toastGone();
      await b.toTop('.org-facilities');
      await b.shoot('facilities');
    },
    TEST_TIMEOUT,
  );

  it(
    'lists the firm as the current one and creates an invite that a colleague can use',
    async () => {
      await page().goto(`${b.api.url}/subpackages/org/index/index`);
      const card = page().locator(`[data-org="${orgId}"]`);
      await card.waitFor(WAIT);
      await expect(card.textContent()).resolves.toContain('当前企业');
      await expect(card.textContent()).resolves.toContain('我的角色：管理员');
      await expect(card.textContent()).resolves.toContain('阳谷县');
      await card.getByText('邀请成员').click();
      const invite = card.locator('[data-testid="invite"]');
      await invite.waitFor(WAIT);
      inviteCode = ((await invite.locator('.my-orgs__code').textContent()) ?? '').trim();
      expect(inviteCode).toMatch(/^[A-Z0-9]{8}$/);
      await expect(invite.textContent()).resolves.toMatch(/有效期至 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);
      await b.shoot('org');

      const colleague = await b.api.login('applicant', 'org-spec-colleague');
      const joined = await b.api.call<{ id: number; myRole: string }>('POST', '/api/v1/orgs/join', {
        token: colleague,
        body: { code: inviteCode },
      });
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({ id: orgId, myRole: 'member' });
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps the register page readable with the font size doubled (nothing wider than the screen)',
    async () => {
      await page().goto(`${b.api.url}/subpackages/org/register/index`);
      await page().locator('.org-register .register__submit').waitFor(WAIT);
      await b.largeFont();
      await b.toTop('.org-register');
      const width = await page().evaluate<{ scroll: number; inner: number; label: number }>(`({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        label: parseFloat(getComputedStyle(document.querySelector('.org-form__label')).fontSize),
      })`);
      expect(width.label).toBeGreaterThanOrEqual(30);
      expect(width.scroll).toBeLessThanOrEqual(width.inner);
      await b.shoot('register-large-font');
      await b.normalFont();
    },
    TEST_TIMEOUT,
  );

  it('ran without a script error or a refused load', () => {
    expect(b.problems).toEqual([]);
  });
});
