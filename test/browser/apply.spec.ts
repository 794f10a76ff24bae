import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiClient, evaluate, type Facts, formatFen, memoryTokens, type Session } from '@huiqi/shared';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { boot, type Booted, firm, publishDemoEdition } from '../api/support/app.js';
import { pdf, png } from '../api/support/files.js';

// 申报 in the H5 build, in Debian's Chromium, against the real API on SQLite: an applicant applies
// from 首页's 去申报, edits a fact, uploads a PDF and a photo (with progress) and reuses library
// files, submits; a county reviewer sends one material back through the API; the applicant sees
// why on 申报详情, replaces the file, withdraws, and reads the history. The firm and its facts are
// made through the API with the page's own token (the org pages have their own suite).
const ROOT = process.cwd();
const BUILD = join(ROOT, 'miniapp/dist/h5');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };
const TEST_TIMEOUT = 120_000;
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  normalOperation: true,
  taxCompliant: true,
};

const maxAmount = (facts: Facts): number =>
  evaluate({ claimYear: 2023, facts, programs: ['leading-enterprise'] }).programs[0]?.maxAmountFen ?? -1;

const shanghaiYear = (): number => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const runnable = existsSync(CHROMIUM) && existsSync(join(BUILD, 'index.html'));
if (!runnable) console.warn('跳过申报的浏览器端到端测试：没有 Chromium 或 H5 构建产物（见 h5.spec.ts）');

(runnable ? describe : describe.skip)('申报 in a browser', () => {
  let api: Booted;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let orgId = 0;
  let applicationId = 0;
  const edited = maxAmount({ ...FACTS, localContributionFen: 150_000_000 });
  const problems: string[] = [];
  const year = shanghaiYear();

  const shoot = async (name: string): Promise<void> => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  const material = (id: string): Locator => page.locator(`[data-material="${id}"]`);

  /** Picks `bytes` as `name` through the browser's own file chooser, opened by the slot's 选择文件. */
  const upload = async (id: string, name: string, mimeType: string, buffer: Buffer): Promise<void> => {
    const chooser = page.waitForEvent('filechooser', WAIT);
    await material(id).getByText('选择文件', { exact: true }).click();
    await (await chooser).setFiles({ name, mimeType, buffer });
  };

  /** The page's own session, as Taro keeps it in localStorage ({ data }). */
  const pageSession = async (): Promise<Session> => {
    const raw = await page.evaluate("localStorage.getItem('huiqi.session.v1')");
    return (JSON.parse(String(raw)) as { data: Session }).data;
  };

  beforeAll(async () => {
    api = await boot('sqlite', { WEB_APP_DIR: BUILD });
    await publishDemoEdition(api, year);
    profile = mkdtempSync(join(tmpdir(), 'huiqi-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      hasTouch: true,
      isMobile: true,
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      args: CHROMIUM_FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
        problems.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.close();
  }, TEST_TIMEOUT);

  it(
    'signs in with the demo sign-in; the firm and its facts are registered through the API with the page’s token',
    async () => {
      await page.goto(`${api.url}/`);
      await page.getByText('我的', { exact: true }).click();
      await page.locator('.me__primary').click();
      await page.locator('.login__button').click();
      await page.locator('.me__role').waitFor(WAIT);

      const session = await pageSession();
      const client: ApiClient = api.client(memoryTokens(session));
      const org = await client.createOrg({ body: firm(1) });
      orgId = org.id;
      await client.putFacts({
        params: { orgId },
        query: { year },
        body: { facts: FACTS },
      });
      // The firm the app works for, as 我的企业 would choose it.
      await page.evaluate(`localStorage.setItem('huiqi.current-org.v1', JSON.stringify({ data: ${orgId} }))`);
    },
    TEST_TIMEOUT,
  );

  it(
    'applies from 首页’s 去申报: the facts from the profile, one edited, the rules’ preview follows',
    async () => {
      await page.goto(`${api.url}/`);
      const program = page.locator('[data-program="leading-enterprise"]');
      await program.getByText('去申报', { exact: true }).click();
      await page.getByText('开始申报', { exact: true }).click();

      // The demo edition has 2023's numbers: the shared rules on 2023 give the amounts to expect.
      expect(edited).not.toBe(maxAmount(FACTS));
      const contribution = page.locator('input[placeholder="请输入当年对地方贡献数"]');
      await contribution.waitFor(WAIT);
      // Brought in from the profile: 60万元 of local contribution, 20% of which caps the award.
      await expect(contribution.inputValue()).resolves.toBe('600000');
      const preview = page.locator('[data-result="leading-enterprise"]');
      await preview.getByText(`最多可获 ${formatFen(maxAmount(FACTS))}`, { exact: true }).waitFor(WAIT);
      await contribution.fill('1500000');
      await preview.getByText(`最多可获 ${formatFen(edited)}`, { exact: true }).waitFor(WAIT);
      await expect(preview.textContent()).resolves.toContain('符合条件');

      await page.getByText('保存，下一步：上传材料', { exact: true }).click();
      await material('application-form').waitFor(WAIT);
      applicationId = Number(
        ((await page.locator('.apply').textContent()) ?? '').match(/申报编号 (\d+)/)?.[1] ?? Number.NaN,
      );
      expect(applicationId).toBeGreaterThan(0);
      const saved = await api.client(memoryTokens(await pageSession())).getApplication({
        params: { id: applicationId },
      });
      expect(saved.factsSnapshot.localContributionFen).toBe(150_000_000);
      expect(saved.status).toBe('draft');
    },
    TEST_TIMEOUT,
  );

  it(
    'uploads a PDF and a photo with progress, reuses library files for the rest, and submits',
    async () => {
      // Every value the progress bars show, however quickly a small file goes.
      await page.evaluate(`
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
      const seen = (await page.evaluate('window.__progress')) as number[];
      expect(seen).toContain(100);

      // The rest from the firm's library: the PDF just uploaded.
      for (const id of ['online-retail-proof', 'tax-certificate', 'credit-report']) {
        await material(id).getByText('从企业文件库选', { exact: true }).click();
        await page.locator('[data-file="申报表.pdf"]').getByText('用这个', { exact: true }).click();
        await material(id).getByText('申报表.pdf', { exact: true }).waitFor(WAIT);
      }
      await page.getByText('必交材料 5/5 项已上传').waitFor(WAIT);
      await material('business-licence').scrollIntoViewIfNeeded();
      await shoot('apply-materials');

      await page.getByText('下一步：确认提交', { exact: true }).click();
      await page.getByText('必交材料已齐', { exact: false }).waitFor(WAIT);
      await expect(page.locator('.apply').textContent()).resolves.toContain('当年对地方贡献数150万元');
      await shoot('apply-review');
      await page.getByText('提交申报', { exact: true }).click();
      await page.locator('[data-status="submitted"]').waitFor(WAIT);
      expect(page.url()).toContain(`/subpackages/apply/detail/index?id=${applicationId}`);
      await expect(page.locator('[data-status="submitted"]').textContent()).resolves.toContain(
        `最多可获 ${formatFen(edited)}`,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a reviewer’s rejection with its reason, replaces the file, withdraws, and reads the history',
    async () => {
      const reviewer = await api.login('county-reviewer', undefined, 'linqing');
      const reason = '营业执照照片不清晰，请上传原件的清晰扫描件';
      const review = await api.call('POST', `/api/v1/applications/${applicationId}/materials/business-licence/review`, {
        token: reviewer,
        body: { decision: 'reject', reason },
      });
      expect(review.status).toBe(200);

      await page.reload();
      const rejected = material('business-licence');
      await rejected.getByText(reason).waitFor(WAIT);
      await expect(rejected.textContent()).resolves.toContain('✕已退回');
      // Only the rejected material can take a new file now.
      await expect(material('application-form').getByText('选择文件', { exact: true }).count()).resolves.toBe(0);
      await rejected.scrollIntoViewIfNeeded();
      await shoot('application-detail');

      await upload('business-licence', '营业执照扫描件.pdf', 'application/pdf', pdf('扫描件'));
      await rejected.getByText('营业执照扫描件.pdf', { exact: true }).waitFor(WAIT);
      await expect(rejected.getAttribute('data-state')).resolves.toBe('attached');

      await page.locator('.apply__danger').click();
      await page.locator('.taro-modal__text').waitFor(WAIT);
      await page.locator('.taro-model__confirm').click();
      await page.locator('[data-status="withdrawn"]').waitFor(WAIT);
      await expect(page.locator('[data-status="withdrawn"]').textContent()).resolves.toContain('↩已撤回');
      const history = page.locator('.history');
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
      await expect(page.locator('.apply__danger').count()).resolves.toBe(0);

      await page.goto(`${api.url}/pages/applications/index`);
      const item = page.locator(`[data-application="${applicationId}"]`);
      await item.waitFor(WAIT);
      await expect(item.textContent()).resolves.toContain('↩已撤回');
      await shoot('applications');
    },
    TEST_TIMEOUT,
  );

  it('ran without a script error or a refused load', () => {
    expect(problems).toEqual([]);
  });
});
