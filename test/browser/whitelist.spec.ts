import { memoryTokens } from '@huiqi/shared';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { firm } from '../api/support/app.js';
import {
  type Browser,
  type Desk,
  describeInBrowser,
  openBrowser,
  openDesk,
  shanghaiYear,
  staffLogIn,
  TEST_TIMEOUT,
  WAIT,
  waitInPage,
} from './support.js';

// 白名单推荐 (第八条) in Chromium on the H5 build served by the real API: an MCN agency applies on the
// phone (the declarations ticked on the form), the city reviewer recommends it at the desk, and the
// firm and anyone signed out see it.

const FIRM = firm(84, { county: 'gaotang', orgTypes: ['mcn'], name: '高唐县星火传媒有限公司' });
const PASSWORD = 'Desk-2026-pass';
const CITY = { username: 'city-whitelist', role: 'city-reviewer', displayName: '市级审核员丙' } as const;
const DESCRIPTION = '本地MCN机构，签约主播120名，年孵化直播间300个，服务本地企业200余家，获评市级优秀服务机构。';

describeInBrowser('the whitelist in the browser (第八条)', () => {
  let b: Browser;
  let desk: Desk;
  const phone = (): Page => b.page;
  const page = (): Page => desk.page;

  beforeAll(async () => {
    b = await openBrowser();
    desk = await openDesk(b);
    await createStaff(b.api.app.app.get(DataSource), { ...CITY, password: PASSWORD }, b.api.clock.now());
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await desk?.close();
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'the firm applies, the city recommends, the firm and the public list show it',
    async () => {
      await phone().goto(`${b.api.url}/subpackages/auth/login/index`);
      await phone().locator('.login__button').click();
      await waitInPage(phone(), "localStorage.getItem('huiqi.session.v1') !== null");
      const client = b.api.client(memoryTokens(await b.session()));
      const orgId = (await client.createOrg({ body: FIRM })).id;

      await phone().goto(`${b.api.url}/subpackages/whitelist/apply/index?orgId=${orgId}`);
      const form = phone().locator('[data-form="whitelist"]:visible');
      await form.waitFor(WAIT);
      await form.locator('[data-field="description"] textarea').fill(DESCRIPTION);
      await form.getByText('提交申请', { exact: true }).click();
      await form.getByText('✕ 第八条要求无违法违规记录，请确认并勾选声明').waitFor(WAIT);
      await form.locator('[data-toggle="noViolations"]').click();
      await form.locator('[data-toggle="noBadCredit"]').click();
      await form.getByText('提交申请', { exact: true }).click();
      await phone().locator('[data-status="submitted"]:visible').waitFor(WAIT);

      await page().goto(`${b.api.url}/staff`);
      await staffLogIn(page(), { username: CITY.username, password: PASSWORD, displayName: CITY.displayName });
      await page().locator('.wb__nav-item:visible').getByText('白名单推荐', { exact: true }).click();
      const card = page().locator('.wl-card:visible').filter({ hasText: FIRM.name });
      await card.waitFor(WAIT);
      await expect(card.textContent()).resolves.toContain(DESCRIPTION);
      await card.getByText('推荐', { exact: true }).click();
      await page().getByText(`已推荐：${FIRM.name}`).waitFor(WAIT);
      expect(desk.problems).toEqual([]);

      await phone().reload();
      await phone().locator('[data-status="recommended"]:visible').waitFor(WAIT);
      // Signed out, from 首页.
      await phone().evaluate('localStorage.clear()');
      await phone().goto(`${b.api.url}/subpackages/whitelist/public/index`);
      const entry = phone().locator(`[data-entry="${FIRM.name}"]:visible`);
      await entry.waitFor(WAIT);
      await expect(entry.textContent()).resolves.toContain('高唐县');
      await expect(entry.textContent()).resolves.toContain(`推荐年度：${shanghaiYear()}年`);
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
