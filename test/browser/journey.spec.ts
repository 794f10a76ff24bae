import { evaluate, type Facts, formatFen, memoryTokens } from '@huiqi/shared';
import type { Locator } from 'playwright-core';
import { testUscc } from '../api/support/app.js';
import { pdf, png } from '../api/support/files.js';
import { type Browser, describeInBrowser, openBrowser, shanghaiYear, TEST_TIMEOUT, WAIT } from './support.js';

// Issue 9's journey, in one browser session on the H5 build served by the real API on SQLite, through
// the pages only (the reviewer's decision through the API): an anonymous check on 计算器 with its
// explanations and a clause → demo sign-in → register a firm → its facts on 企业档案 (the network lost
// on the way: what was typed stays) → 首页's 去申报 → the facts from the profile, one edited →
// a PDF and a photo uploaded with progress, the rest from the firm's library → submit → a county
// reviewer sends one material back → the applicant reads why, replaces the file, withdraws and
// reads the history → signs out. Saves the phone-size screenshots of the pages it passes.

/** The browser's window, as far as this suite uses it (the suite compiles without the DOM types). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { color: string };
}

/** What the firm enters on 企业档案 (yuan as typed), and the facts that makes with its kind. */
const TYPED = { onlineRetail: '356789012.34', localContribution: '600000', liveRooms: '12' };
const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  liveRoomCount: 12,
  normalOperation: true,
  taxCompliant: true,
};

/** The demo edition has 2023's numbers: the shared rules on 2023 give the amounts to expect. */
const maxAmount = (facts: Facts): number =>
  evaluate({ claimYear: 2023, facts, programs: ['leading-enterprise'] }).programs[0]?.maxAmountFen ?? -1;

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试（已填写的内容不会丢失）';

describeInBrowser('the journey of issue 9 in a browser', () => {
  let b: Browser;
  let orgId = 0;
  let applicationId = 0;
  const uscc = testUscc(41);
  const edited = maxAmount({ ...FACTS, localContributionFen: 150_000_000 });

  const page = () => b.page;
  const fact = (name: string): Locator => b.page.locator(`[data-fact="${name}"]`);
  const material = (id: string): Locator => b.page.locator(`[data-material="${id}"]`);
  /** A yes/no fact's 是 in a form, found by its label. */
  const yes = (label: string): Locator =>
    b.page
      .locator('.fact-field')
      .filter({ has: b.page.locator('.fact-field__label', { hasText: new RegExp(`^${label}$`) }) })
      .locator('[role="radio"]', { hasText: '是' });

  /** Picks `buffer` as `name` through the browser's own file chooser, opened by the slot's 选择文件. */
  const upload = async (id: string, name: string, mimeType: string, buffer: Buffer): Promise<void> => {
    const chooser = b.page.waitForEvent('filechooser', WAIT);
    await material(id).getByText('选择文件', { exact: true }).click();
    await (await chooser).setFiles({ name, mimeType, buffer });
  };

  beforeAll(async () => {
    b = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await b?.close();
  }, TEST_TIMEOUT);

  it(
    'opens / on 首页, listing the programs of the edition in force, marked 演示',
    async () => {
      await page().goto(`${b.api.url}/`);
      await page().locator('[data-program]').first().waitFor(WAIT);
      expect(await page().locator('[data-program]').count()).toBe(9);
      await expect(page().locator('[data-program="leading-enterprise"]').textContent()).resolves.toContain(
        '每家企业最高40万元',
      );
      await expect(page().locator('.demo-banner').textContent()).resolves.toContain('演示数据');
      await b.shoot('home');
    },
    TEST_TIMEOUT,
  );

  it(
    'checks a firm anonymously on 计算器, with every condition explained and its clause',
    async () => {
      await page().getByText('计算器', { exact: true }).click();
      await page().locator('.calculator').waitFor(WAIT);
      await b.chip('电商龙头企业流量补贴').click();
      await b.shoot('calculator');
      await b.fill('请输入当年网络零售额', '99999999.99');
      const result = page().locator('[data-result="leading-enterprise"]');
      await result.getByText('当年网络零售额需达到1亿元，目前还差0.01元', { exact: true }).waitFor(WAIT);
      await expect(result.textContent()).resolves.toContain('暂不符合');
      await result.locator('.status--bad').first().scrollIntoViewIfNeeded();
      await b.shoot('calculator-result');

      // The first condition of 二 is its figure (the text names no kind of firm).
      await result.getByText('查看政策原文').first().click();
      await page().getByText('“对当年实现网络零售额1亿元以上企业”').waitFor(WAIT);
      await b.shoot('clause');
      await page().getByText('我知道了').click();
    },
    TEST_TIMEOUT,
  );

  it(
    'shares the result as a link that reopens the same result',
    async () => {
      await page().getByText('复制分享链接').click();
      const shown = (await page().locator('.calculator__link').textContent()) ?? '';
      const link = shown.replace(/^已复制：/, '');
      expect(link).toMatch(new RegExp(`^${b.api.url}/pages/calculator/index\\?y=2023&p=leading-enterprise&f=`));
      // A stranger's browser: nothing remembered from this session (nobody has signed in yet).
      await page().evaluate('localStorage.clear()');
      await page().goto(link);
      const result = page().locator('[data-result="leading-enterprise"]');
      await result.getByText('当年网络零售额需达到1亿元，目前还差0.01元', { exact: true }).waitFor(WAIT);
      await expect(page().locator('.notice').first().textContent()).resolves.toContain('这是别人分享给您的测算结果');
    },
    TEST_TIMEOUT,
  );

  it(
    'signs in with the demo sign-in, labelled 演示, and finds no firm and no application yet',
    async () => {
      await page().goto(`${b.api.url}/`);
      await page().getByText('我的', { exact: true }).click();
      await page().locator('.me').waitFor(WAIT);
      await expect(page().locator('.me').textContent()).resolves.toContain('未登录');
      await b.shoot('me-signed-out');
      await page().locator('.me__primary').click();
      await page().locator('.login').waitFor(WAIT);
      await expect(page().locator('.login .demo-banner').textContent()).resolves.toContain('演示登录');
      await b.shoot('login');
      await page().locator('.login__button').click();
      await page().locator('.me__role').waitFor(WAIT);
      await expect(page().locator('.me__role').textContent()).resolves.toBe('申报企业用户（演示）');
      await page().locator('.org-summary').getByText('还没有企业').waitFor(WAIT);
      await b.shoot('me');

      await page().getByText('我的申报', { exact: true }).click();
      await page().getByText('还没有申报').waitFor(WAIT);
      await b.shoot('applications-empty');

      await page().getByText('我的', { exact: true }).click();
      await page().getByText('我的企业（选择、登记、加入、邀请）').click();
      await page().locator('.my-orgs').getByText('还没有企业', { exact: true }).waitFor(WAIT);
      await expect(page().locator('.my-orgs').textContent()).resolves.toContain('第一次使用，请先登记企业');
    },
    TEST_TIMEOUT,
  );

  it(
    'registers a firm on 登记企业: the check digit tested as it is typed, the county picked from the list',
    async () => {
      await page().locator('.my-orgs').getByText('登记新企业').click();
      await page().locator('.org-register').waitFor(WAIT);
      const wrong = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');
      await b.fill('营业执照上的18位代码', wrong);
      await page().locator('[data-field="uscc"]').getByText('校验位不正确', { exact: false }).waitFor(WAIT);
      await b.fill('营业执照上的18位代码', uscc);
      await page().locator('[data-field="uscc"]').getByText('✓ 校验位正确').waitFor(WAIT);
      await b.fill('与营业执照一致', '聊城市测试直播基地有限公司');

      // The county: the picker's column is dragged up two rows (东昌府区, 茌平区, 阳谷县), then 确定.
      await page().locator('[data-field="county"] .org-form__picker').click();
      const column = page().locator('.weui-picker__group').first();
      await column.waitFor(WAIT);
      await b.settle();
      const box = await column.boundingBox();
      if (!box) throw new Error('the county picker has no box');
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page().mouse.move(x, y);
      await page().mouse.down();
      await page().mouse.move(x, y - 2 * 34, { steps: 6 });
      await page().mouse.up();
      await page().locator('.weui-picker__action').last().click();
      await page().locator('[data-field="county"]').getByText('阳谷县').waitFor(WAIT);

      await b.chip('直播电商基地（园区）').click();
      await b.chip('电商企业').click();
      await b.fill('法定代表人姓名', '张法人');
      await b.fill('负责申报的联系人姓名', '李联系');
      await b.fill('手机号，或带区号的固定电话', '13912345678');
      await b.toTop('.org-register');
      await b.shoot('register');

      await page().locator('.register__submit').click();
      await page().locator('.org-profile .fact-sheet').waitFor(WAIT);
      orgId = Number(new URL(page().url()).searchParams.get('orgId'));
      expect(orgId).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'enters facts on 企业档案, keeps them through a lost network, and shows them with their source after a reload',
    async () => {
      await page().getByText('填写 / 修改').click();
      await b.fill('请输入当年网络零售额', TYPED.onlineRetail);
      await b.fill('请输入当年对地方贡献数', TYPED.localContribution);
      await b.fill('请输入直播间数量', TYPED.liveRooms);
      await yes('处于正常经营状态').click();
      await yes('依法纳税').click();
      const save = page().locator('.fact-sheet__form').getByText('保存', { exact: true });

      // The network goes: the save says so in Chinese, and nothing typed is lost.
      await b.setOffline(true);
      await save.click();
      await page().locator('.fact-sheet__error').getByText(NETWORK_MESSAGE, { exact: false }).waitFor(WAIT);
      await expect(page().locator('input[placeholder="请输入当年网络零售额"]').inputValue()).resolves.toBe(
        TYPED.onlineRetail,
      );
      await expect(page().locator('input[placeholder="请输入当年对地方贡献数"]').inputValue()).resolves.toBe(
        TYPED.localContribution,
      );
      await expect(page().locator('input[placeholder="请输入直播间数量"]').inputValue()).resolves.toBe(TYPED.liveRooms);
      await expect(yes('依法纳税').getAttribute('aria-checked')).resolves.toBe('true');
      // Back online, the same tap saves.
      await b.setOffline(false);
      await save.click();
      await fact('onlineRetailFen').getByText('356,789,012.34元').waitFor(WAIT);

      await page().reload();
      await fact('onlineRetailFen').getByText('356,789,012.34元').waitFor(WAIT);
      await expect(fact('onlineRetailFen').textContent()).resolves.toMatch(
        /企业填报.*\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/,
      );
      await expect(fact('liveRoomCount').textContent()).resolves.toContain('12间');
      await expect(fact('normalOperation').textContent()).resolves.toContain('是');
      await expect(fact('goodCredit').textContent()).resolves.toContain('未填写');
      await fact('onlineRetailFen').getByText('修改记录（1条）').click();
      await fact('onlineRetailFen').getByText('未填写 → 356,789,012.34元').waitFor(WAIT);
      await b.toTop('[data-fact="onlineRetailFen"]');
      await b.shoot('profile');

      // The API holds exactly the fen typed, no floating point on the way.
      const stored = await b.api
        .client(memoryTokens(await b.session()))
        .getFacts({ params: { orgId }, query: { year: shanghaiYear() } });
      expect(stored.facts).toMatchObject({
        onlineRetailFen: FACTS.onlineRetailFen,
        localContributionFen: FACTS.localContributionFen,
        liveRoomCount: 12,
        normalOperation: true,
        taxCompliant: true,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'applies from 首页’s 去申报: the facts from the profile, one edited, the rules’ preview follows',
    async () => {
      await page().goto(`${b.api.url}/`);
      const program = page().locator('[data-program="leading-enterprise"]');
      await program.getByText('去申报', { exact: true }).click();
      await page().getByText('开始申报', { exact: true }).click();

      expect(edited).not.toBe(maxAmount(FACTS));
      const contribution = page().locator('input[placeholder="请输入当年对地方贡献数"]');
      await contribution.waitFor(WAIT);
      // Brought in from 企业档案: 60万元 of local contribution, 20% of which caps the award.
      await expect(contribution.inputValue()).resolves.toBe(TYPED.localContribution);
      await expect(page().locator('input[placeholder="请输入当年网络零售额"]').inputValue()).resolves.toBe(
        TYPED.onlineRetail,
      );
      const preview = page().locator('[data-result="leading-enterprise"]');
      await preview.getByText(`最多可获 ${formatFen(maxAmount(FACTS))}`, { exact: true }).waitFor(WAIT);
      await contribution.fill('1500000');
      await preview.getByText(`最多可获 ${formatFen(edited)}`, { exact: true }).waitFor(WAIT);
      await expect(preview.textContent()).resolves.toContain('符合条件');

      await page().getByText('保存，下一步：上传材料', { exact: true }).click();
      await material('application-form').waitFor(WAIT);
      applicationId = Number(
        ((await page().locator('.apply').textContent()) ?? '').match(/申报编号 (\d+)/)?.[1] ?? Number.NaN,
      );
      expect(applicationId).toBeGreaterThan(0);
      const client = b.api.client(memoryTokens(await b.session()));
      const saved = await client.getApplication({ params: { id: applicationId } });
      expect(saved.factsSnapshot.localContributionFen).toBe(150_000_000);
      expect(saved.status).toBe('draft');
      // The edit is the application's own: 企业档案 keeps 60万元.
      const profile = await client.getFacts({ params: { orgId }, query: { year: shanghaiYear() } });
      expect(profile.facts.localContributionFen).toBe(60_000_000);
    },
    TEST_TIMEOUT,
  );

  it(
    'uploads a PDF and a photo with progress, takes the rest from the firm’s library, and submits',
    async () => {
      // Every value the progress bars show, however quickly a small file goes.
      await page().evaluate(`
        window.__progress = [];
        new MutationObserver(() => {
          for (const bar of document.querySelectorAll('[role="progressbar"]'))
            window.__progress.push(Number(bar.getAttribute('aria-valuenow')));
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      `);
      await upload('application-form', '申报表.pdf', 'application/pdf', pdf('申报表'));
      await material('application-form').getByText('申报表.pdf', { exact: true }).waitFor(WAIT);
      await upload('business-licence', '营业执照照片.png', 'image/png', png());
      await material('business-licence').getByText('营业执照照片.png', { exact: true }).waitFor(WAIT);
      await expect(material('business-licence').getAttribute('data-state')).resolves.toBe('attached');
      const seen = (await page().evaluate('window.__progress')) as number[];
      expect(seen).toContain(100);

      // The rest from the firm's library: the PDF just uploaded.
      for (const id of ['online-retail-proof', 'tax-certificate', 'credit-report']) {
        await material(id).getByText('从企业文件库选', { exact: true }).click();
        await page().locator('[data-file="申报表.pdf"]').getByText('用这个', { exact: true }).click();
        await material(id).getByText('申报表.pdf', { exact: true }).waitFor(WAIT);
      }
      await page().getByText('必交材料 5/5 项已上传').waitFor(WAIT);
      await material('business-licence').scrollIntoViewIfNeeded();
      await b.shoot('apply-materials');

      await page().getByText('下一步：确认提交', { exact: true }).click();
      await page().getByText('必交材料已齐', { exact: false }).waitFor(WAIT);
      await expect(page().locator('.apply').textContent()).resolves.toContain('当年对地方贡献数150万元');
      await b.shoot('apply-review');
      await page().getByText('提交申报', { exact: true }).click();
      await page().locator('[data-status="submitted"]').waitFor(WAIT);
      expect(page().url()).toContain(`/subpackages/apply/detail/index?id=${applicationId}`);
      await expect(page().locator('[data-status="submitted"]').textContent()).resolves.toContain(
        `最多可获 ${formatFen(edited)}`,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a reviewer’s rejection with its reason, replaces the file, withdraws, and reads the history',
    async () => {
      // The firm registered in 阳谷县: that county's reviewer.
      const reviewer = await b.api.login('county-reviewer', undefined, 'yanggu');
      const reason = '营业执照照片不清晰，请上传原件的清晰扫描件';
      const review = await b.api.call(
        'POST',
        `/api/v1/applications/${applicationId}/materials/business-licence/review`,
        { token: reviewer, body: { decision: 'reject', reason } },
      );
      expect(review.status).toBe(200);

      await page().reload();
      const rejected = material('business-licence');
      await rejected.getByText(reason).waitFor(WAIT);
      await expect(rejected.textContent()).resolves.toContain('✕已退回');
      // Only the rejected material can take a new file now.
      await expect(material('application-form').getByText('选择文件', { exact: true }).count()).resolves.toBe(0);
      await rejected.scrollIntoViewIfNeeded();
      await b.shoot('application-detail');

      await upload('business-licence', '营业执照扫描件.pdf', 'application/pdf', pdf('扫描件'));
      await rejected.getByText('营业执照扫描件.pdf', { exact: true }).waitFor(WAIT);
      await expect(rejected.getAttribute('data-state')).resolves.toBe('attached');

      await page().locator('.apply__danger').click();
      await page().locator('.taro-modal__text').waitFor(WAIT);
      await page().locator('.taro-model__confirm').click();
      await page().locator('[data-status="withdrawn"]').waitFor(WAIT);
      await expect(page().locator('[data-status="withdrawn"]').textContent()).resolves.toContain('↩已撤回');
      const history = page().locator('.history');
      await history.locator('[data-history="withdrawn"]').waitFor(WAIT);
      const text = (await history.textContent()) ?? '';
      for (const line of [
        '撤回申报',
        '替换材料：营业执照',
        '材料被退回：营业执照',
        `退回原因：${reason}`,
        '提交申报',
        '创建申报',
      ])
        expect(text).toContain(line);
      // Withdrawn is final: no 撤回 button any more.
      await expect(page().locator('.apply__danger').count()).resolves.toBe(0);

      // A subpackage page has no tab bar: the list, as 我的申报's tab opens it.
      await page().goto(`${b.api.url}/pages/applications/index`);
      const item = page().locator(`[data-application="${applicationId}"]`);
      await item.waitFor(WAIT);
      await expect(item.textContent()).resolves.toContain('↩已撤回');
      await b.shoot('applications');
    },
    TEST_TIMEOUT,
  );

  it(
    'signs out from 我的: the button in the danger colour, the page back to its signed-out state',
    async () => {
      await page().getByText('我的', { exact: true }).click();
      await page().locator('.me__role').waitFor(WAIT);
      const signOut = page().locator('.me__signout');
      await signOut.waitFor(WAIT);
      // A disabled="false" attribute once made it white on white.
      await expect(
        signOut.evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).color),
      ).resolves.toBe('rgb(180, 35, 24)');
      await signOut.click();
      await page().locator('.me').getByText('未登录').waitFor(WAIT);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the privacy policy',
    async () => {
      await page().goto(`${b.api.url}/subpackages/legal/privacy/index`);
      await page().getByText('我们收集哪些信息、为什么').waitFor(WAIT);
      await b.shoot('privacy');
    },
    TEST_TIMEOUT,
  );

  it('ran without a script error or a refused load (the content security policy allows what the app needs)', () => {
    expect(b.problems).toEqual([]);
  });
});
