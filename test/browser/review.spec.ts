import { type ApiClient, type Facts, memoryTokens } from '@huiqi/shared';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { firm } from '../api/support/app.js';
import { fillRequiredWith, pdf } from '../api/support/files.js';
import {
  type Browser,
  describeInBrowser,
  openBrowser,
  shanghaiYear,
  TEST_TIMEOUT,
  WAIT,
  waitInPage,
} from './support.js';

// Issue 10 from the applicant's side, in Chromium on the H5 build served by the real API: the firm
// (the page's own session) submits; the county reviewer (the typed client on a staff demo session)
// returns it for supplement with one material; the applicant reads the item and the deadline on
// 申报详情, replaces that file and 重新提交; county, city (verify, then approve) and finance (where the
// program asks for it) pass it; it is on 公示 with its amount; the notice period ends on the API's
// clock (the timer concludes it), finance records the payment, and the applicant reads 已拨付.

const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  liveRoomCount: 12,
  normalOperation: true,
  taxCompliant: true,
};

const RETURN_REASON = '营业执照需加盖公章，请上传盖章后的扫描件';

describeInBrowser('review, supplement and notice from the applicant’s side', () => {
  let b: Browser;
  let applicant: ApiClient;
  let applicationId = 0;
  const staff = async (role: string, county?: string): Promise<ApiClient> =>
    b.api.client(memoryTokens({ accessToken: await b.api.login(role, undefined, county), refreshToken: '' }));
  const page = () => b.page;
  const material = (id: string) => b.page.locator(`[data-material="${id}"]`);

  beforeAll(async () => {
    b = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'submits, and reads a county return for supplement with its item and deadline',
    async () => {
      await page().goto(`${b.api.url}/subpackages/auth/login/index`);
      await page().locator('.login__button').click();
      await waitInPage(page(), "localStorage.getItem('huiqi.session.v1') !== null");
      applicant = b.api.client(memoryTokens(await b.session()));
      const orgId = (await applicant.createOrg({ body: firm(71, { county: 'yanggu' }) })).id;
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

      const county = await staff('county-reviewer', 'yanggu');
      await county.returnApplication({
        params: { id: applicationId },
        body: { items: [{ kind: 'material', id: 'business-licence', reason: RETURN_REASON }] },
      });

      await page().goto(`${b.api.url}/subpackages/apply/detail/index?id=${applicationId}`);
      const supplement = page().locator(`[data-supplement="${applicationId}"]`);
      await supplement.waitFor(WAIT);
      const text = (await supplement.textContent()) ?? '';
      expect(text).toContain(RETURN_REASON);
      const { progress } = await applicant.getApplication({ params: { id: applicationId } });
      expect(progress.returned?.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [y, m, d] = (progress.returned?.deadline ?? '').split('-').map(Number);
      expect(text).toContain(`请在 ${y}年${m}月${d}日 前补正并重新提交`);
      // Only the returned slot takes a new file.
      await expect(material('application-form').getByText('选择文件', { exact: true }).count()).resolves.toBe(0);
      await b.shoot('supplement');
    },
    TEST_TIMEOUT,
  );

  it(
    'replaces the returned file and resubmits: back with the county',
    async () => {
      const chooser = page().waitForEvent('filechooser', WAIT);
      await material('business-licence').getByText('选择文件', { exact: true }).click();
      await (
        await chooser
      ).setFiles({ name: '营业执照盖章件.pdf', mimeType: 'application/pdf', buffer: pdf('盖章件') });
      await material('business-licence').getByText('营业执照盖章件.pdf', { exact: true }).waitFor(WAIT);
      await page().getByText('重新提交', { exact: true }).click();
      await page().locator('[data-status="submitted"]').waitFor(WAIT);
      await page().locator('.history [data-history="resubmitted"]').waitFor(WAIT);
      await expect(page().locator('.history [data-history="returned"]').textContent()).resolves.toContain(
        RETURN_REASON,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'is passed by county, city (every condition verified) and finance, and shows on 公示 with its amount',
    async () => {
      const county = await staff('county-reviewer', 'yanggu');
      await county.approveApplication({ params: { id: applicationId }, body: {} });
      const city = await staff('city-reviewer');
      const review = await city.getReview({ params: { id: applicationId } });
      await city.verifyApplication({
        params: { id: applicationId },
        body: {
          conditions: review.conditions.map((c) => ({
            conditionId: c.id,
            verdict: c.status === 'review' ? ('met' as const) : ('confirmed' as const),
          })),
        },
      });
      let view = await city.approveApplication({ params: { id: applicationId }, body: {} });
      if (view.pendingApproval) {
        const second = b.api.client(
          memoryTokens({ accessToken: await b.api.login('city-reviewer', 'second-city'), refreshToken: '' }),
        );
        view = await second.approveApplication({ params: { id: applicationId }, body: {} });
      }
      if (view.application.status === 'finance-review')
        view = await (await staff('finance')).approveApplication({ params: { id: applicationId }, body: {} });
      expect(view.application.status).toBe('notice');
      const award = view.application.progress.awardFen ?? -1;
      expect(award).toBeGreaterThan(0);

      await page().reload();
      const progress = page().locator('[data-progress="notice"]');
      await progress.waitFor(WAIT);
      await expect(progress.textContent()).resolves.toContain('公示期：');
      await page().locator('.history [data-history="approved"]').last().waitFor(WAIT);

      await page().goto(`${b.api.url}/subpackages/notice/index/index`);
      const notice = page().locator(`[data-notice="${applicationId}"]`);
      await notice.waitFor(WAIT);
      await expect(notice.textContent()).resolves.toContain('公示中，可以提出异议');
      await b.shoot('notices');
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'is approved when the notice period ends, paid by finance, and shows 已拨付 with the voucher',
    async () => {
      // Past the notice's last day (five working days, holidays included) on the API's own clock;
      // the timer concludes it as every instance's interval would.
      b.api.clock.advance(20 * 24 * 3_600_000);
      const concluded = await b.api.app.app.get(NoticesService).concludeDueNotices();
      expect(concluded).toContain(applicationId);
      const finance = await staff('finance');
      const paidOn = b.api.clock.today();
      const view = await finance.recordPayment({
        params: { id: applicationId },
        body: { voucherNo: '聊财拨〔2026〕118号', paidOn },
      });
      expect(view.application.status).toBe('paid');

      await page().goto(`${b.api.url}/subpackages/apply/detail/index?id=${applicationId}`);
      const progress = page().locator('[data-progress="paid"]');
      await progress.waitFor(WAIT);
      const text = await progress.textContent();
      expect(text).toContain(`已于 ${paidOn.slice(0, 4)}年`);
      expect(text).toContain('聊财拨〔2026〕118号');
      await page().locator('.history [data-history="paid"]').waitFor(WAIT);
      await page().locator('.history [data-history="notice-ended"]').waitFor(WAIT);
      await b.shoot('application-timeline');
      // Twenty days on, the page's access token had expired: its first call was refused (401) and the
      // app refreshed the session and read on, as the page shows. Nothing else failed.
      expect(b.problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
