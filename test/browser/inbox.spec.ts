import { type ApiClient, type Facts, formatDateZh, memoryTokens, type NotificationView } from '@huiqi/shared';
import { NotificationsService } from '../../api/src/modules/notifications/notifications.service.js';
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

// Issue 11's 消息 tab, in Chromium on the H5 build served by the real API: a status change made by
// a reviewer (the county returns the application for supplement) reaches the applicant's inbox
// through the outbox and its dispatcher, shows as the unread badge on the 消息 tab from another
// tab page, and tapping the message marks it read and opens 申报详情 with 退回补正.

const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  liveRoomCount: 12,
  normalOperation: true,
  taxCompliant: true,
};

/** Polls `read` until `done` holds of its answer, or fails after WAIT's timeout naming the last answer. */
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  let last: T | undefined;
  for (const deadline = Date.now() + WAIT.timeout; Date.now() < deadline;) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not reached in ${WAIT.timeout} ms; last: ${JSON.stringify(last)}`);
};

describeInBrowser('the 消息 tab: a status change reaches the inbox', () => {
  let b: Browser;
  let applicant: ApiClient;
  let applicationId = 0;
  let returned: NotificationView | undefined;
  const page = () => b.page;
  const messagesTab = () => page().locator('.weui-tabbar__item').filter({ hasText: '消息' });
  const badge = () => messagesTab().locator('.taro-tabbar-badge');

  beforeAll(async () => {
    b = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'shows a county return as an unread message, counted on the 消息 tab’s badge from 首页',
    async () => {
      await page().goto(`${b.api.url}/subpackages/auth/login/index`);
      await page().locator('.login__button').click();
      await waitInPage(page(), "localStorage.getItem('huiqi.session.v1') !== null");
      applicant = b.api.client(memoryTokens(await b.session()));
      const orgId = (await applicant.createOrg({ body: firm(72, { county: 'yanggu' }) })).id;
      const year = shanghaiYear();
      await applicant.putFacts({ params: { orgId }, query: { year }, body: { facts: FACTS } });
      applicationId = (
        await applicant.createApplication({
          params: { orgId },
          body: { programId: 'leading-enterprise', claimYear: year },
        })
      ).id;
      await fillRequiredWith(applicant, orgId, applicationId);
      await applicant.submitApplication({ params: { id: applicationId } });
      await page().evaluate(`localStorage.setItem('huiqi.current-org.v1', JSON.stringify({ data: ${orgId} }))`);

      const county = b.api.client(
        memoryTokens({ accessToken: await b.api.login('county-reviewer', undefined, 'yanggu'), refreshToken: '' }),
      );
      await county.returnApplication({
        params: { id: applicationId },
        body: { items: [{ kind: 'material', id: 'business-licence', reason: '营业执照需加盖公章' }] },
      });
      // The dispatcher delivers from the outbox after the change's transaction; under test the API's
      // timer is off, so the suite runs the dispatcher's pass as every instance's timer would.
      const dispatcher = b.api.app.app.get(NotificationsService);
      const inbox = await until(
        async () => {
          await dispatcher.dispatchOnce();
          return applicant.listNotifications({ query: {} });
        },
        (list) => list.notifications.some((n) => n.kind === 'returned' && n.applicationId === applicationId),
      );
      returned = inbox.notifications.find((n) => n.kind === 'returned');
      expect(returned?.readAt).toBeNull();
      expect(inbox.unread).toBeGreaterThanOrEqual(1);

      await page().goto(`${b.api.url}/pages/home/index`);
      await badge().waitFor(WAIT);
      await expect(badge().textContent()).resolves.toBe(String(inbox.unread));

      await messagesTab().click();
      const message = page().locator(`[data-notification="${returned?.id}"]`);
      await message.waitFor(WAIT);
      const text = (await message.textContent()) ?? '';
      expect(text).toContain('申报被退回补正');
      expect(text).toContain('● 未读');
      const { progress } = await applicant.getApplication({ params: { id: applicationId } });
      expect(text).toContain(`请于${formatDateZh(progress.returned?.deadline ?? '')}前补正并重新提交`);
      await b.shoot('inbox');
    },
    TEST_TIMEOUT,
  );

  it(
    'marks the message read when tapped, opens 申报详情 with 退回补正, and lowers the badge',
    async () => {
      const before = (await applicant.listNotifications({ query: {} })).unread;
      await page().locator(`[data-notification="${returned?.id}"]`).click();
      await page().waitForURL(/subpackages\/apply\/detail\/index\?id=/, WAIT);
      expect(page().url()).toContain(`id=${applicationId}`);
      await page().locator(`[data-supplement="${applicationId}"]`).waitFor(WAIT);
      const after = await until(
        () => applicant.listNotifications({ query: {} }),
        (list) => list.notifications.find((n) => n.id === returned?.id)?.readAt !== null,
      );
      expect(after.unread).toBe(before - 1);

      await page().goBack();
      await page().locator(`[data-notification="${returned?.id}"][data-read="true"]`).waitFor(WAIT);
      if (after.unread === 0) await badge().waitFor({ ...WAIT, state: 'detached' });
      else await expect(badge().textContent()).resolves.toBe(String(after.unread));
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
