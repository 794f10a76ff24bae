import { memoryTokens, type ReferralList, type Session } from '@huiqi/shared';
import { firm } from '../api/support/app.js';
import {
  type Browser,
  type Desk,
  describeInBrowser,
  openBrowser,
  openDesk,
  shanghaiYear,
  TEST_TIMEOUT,
  WAIT,
} from './support.js';

// 融资与跨境 and 转介跟踪 in Chromium on the H5 build served by the real API: a firm's administrator
// reads 第十一条, asks for a 齐鲁电商贷 referral with the consent ticked (an amount below 10万元 is
// refused first, in Chinese, before anything is sent); the city refers it from the workbench.

describeInBrowser('loan referral: the firm asks, the city refers', () => {
  let b: Browser;
  let desk: Desk;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBrowser();
    desk = await openDesk(b);
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await desk?.close();
    await b?.close();
  });

  const signIn = async (role: string, openid: string): Promise<Session> => {
    const res = await b.api.call<Session>('POST', '/api/v1/auth/demo', { body: { role, openid } });
    if (res.status !== 200) throw new Error(`demo sign-in as ${role}: ${res.status}`);
    return res.body;
  };

  it(
    'asks with consent on the phone, and is referred on the desk',
    async () => {
      const owner = await signIn('applicant', 'referral-owner');
      const orgId = (await b.api.client(memoryTokens(owner)).createOrg({ body: firm(81) })).id;
      await page().goto(`${b.api.url}/pages/home/index`);
      await page().evaluate(
        `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(owner)} }))`,
      );
      await page().evaluate(`localStorage.setItem('huiqi.current-org.v1', JSON.stringify({ data: ${orgId} }))`);
      await page().goto(`${b.api.url}/subpackages/finance/index/index`);

      await page().locator('.finance-guide__title:visible', { hasText: '第十一条' }).waitFor(WAIT);
      expect(await page().locator('.finance-guide__quote:visible').innerText()).toContain(
        '单户贷款额度为10万元至1000万元',
      );
      await b.fill('例如 500000', '90000');
      await page().locator('textarea:visible').first().fill('采购618大促备货');
      await page().locator('.finance-button:visible', { hasText: '同意并申请转介' }).click();
      await page()
        .locator('[data-field="amountYuan"] .finance-form__error:visible', { hasText: '须在10万元至1000万元之间' })
        .waitFor(WAIT);
      await page().locator('[data-field="consent"] .finance-form__error:visible').waitFor(WAIT);
      await b.fill('例如 500000', '500000');
      await page().locator('.finance-consent__text:visible').click();
      await page().locator('.finance-button:visible', { hasText: '同意并申请转介' }).click();
      const card = page().locator('.finance-card:visible');
      await card.waitFor(WAIT);
      expect(await card.innerText()).toContain('已受理');
      expect(await card.innerText()).toContain('50万元');

      const city = await signIn('city-reviewer', 'referral-city');
      await desk.page.goto(`${b.api.url}/pages/home/index`);
      await desk.page.evaluate(
        `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(city)} }))`,
      );
      await desk.page.goto(`${b.api.url}/subpackages/staff/referrals/index`);
      const row = desk.page.locator('.referral-row:visible');
      await row.waitFor(WAIT);
      expect(await row.innerText()).toContain(firm(81).name);
      await row.locator('.wb-button', { hasText: '已推荐至银行' }).click();
      await desk.page.locator('.wb-alert--ok:visible', { hasText: '已改为“已推荐至银行”' }).waitFor(WAIT);
      const mine = await b.api.client(memoryTokens(owner)).listOrgReferrals({ params: { orgId } });
      expect((mine as ReferralList).referrals.map((r) => r.status)).toEqual(['referred']);
      expect(b.problems).toEqual([]);
      expect(desk.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the published park ranking is public: read without signing in',
    async () => {
      const admin = b.api.client(memoryTokens(await signIn('admin', 'park-admin')));
      const city = b.api.client(memoryTokens(await signIn('city-reviewer', 'park-city')));
      const owner = b.api.client(memoryTokens(await signIn('applicant', 'park-owner')));
      const year = shanghaiYear() - 1;
      const parks: number[] = [];
      for (const n of [82, 83])
        parks.push(
          (
            await owner.createOrg({
              body: firm(n, { name: `聊城第${n}电商产业园有限公司`, orgTypes: ['ecommerce-park'] }),
            })
          ).id,
        );
      await admin.putParkCriteria({
        params: { year },
        body: {
          criteria: [
            { name: '企业孵化', weightBp: 6000 },
            { name: '金融服务', weightBp: 4000 },
          ],
        },
      });
      const scores = (a: number, c: number) => ({
        scores: [
          { criterion: '企业孵化', score: a },
          { criterion: '金融服务', score: c },
        ],
      });
      await city.putParkScores({ params: { year, orgId: parks[0] as number }, body: scores(70, 80) });
      await city.putParkScores({ params: { year, orgId: parks[1] as number }, body: scores(90, 85) });
      await city.publishParkEvaluation({ params: { year } });

      await page().evaluate('localStorage.clear()');
      await page().goto(`${b.api.url}/subpackages/parks/ranking/index`);
      const first = page().locator('.park-ranking__row[data-rank="1"]:visible');
      await first.waitFor(WAIT);
      expect(await first.innerText()).toContain('聊城第83电商产业园有限公司');
      expect(await first.innerText()).toContain('综合得分 88');
      expect(await page().locator('.park-ranking__row[data-rank="2"]:visible').innerText()).toContain('综合得分 74');
      expect(b.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
