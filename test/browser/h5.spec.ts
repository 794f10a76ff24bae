import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { boot, type Booted, publishDemoEdition } from '../api/support/app.js';

// The H5 build in Debian's Chromium, served by the real API on SQLite: what a person does in a
// browser after `npm start`. Saves phone-size screenshots of the main pages for the README.
// jest runs from the repository's root (scripts/jest.mjs, jest.config.mjs).
const ROOT = process.cwd();
const BUILD = join(ROOT, 'miniapp/dist/h5');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };
/** A page's first load compiles its scripts: slow on a busy 2-core machine, bounded all the same. */
const TEST_TIMEOUT = 90_000;

// Flags that keep Chromium off the network it does not have (stack notes).
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

/** The browser's window, as far as these tests use it (the suite compiles without the DOM types). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { color: string };
}

/** The year the app asks the API for: today in Asia/Shanghai, as the app computes it. */
const shanghaiYear = (): number => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const runnable = existsSync(CHROMIUM) && existsSync(join(BUILD, 'index.html'));
if (!runnable)
  console.warn(
    `跳过浏览器端到端测试：${existsSync(CHROMIUM) ? '' : `找不到 Chromium（${CHROMIUM}，.ci/run 会用 apt-get 安装 chromium）`}` +
      `${existsSync(join(BUILD, 'index.html')) ? '' : '没有 H5 构建产物（npm run build:miniapp）'}`,
  );

(runnable ? describe : describe.skip)('the H5 app in a browser', () => {
  let api: Booted;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  /** Every console error and refused load the page reported: a CSP refusal shows up here. */
  const problems: string[] = [];

  const shoot = async (name: string): Promise<void> => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Page transitions and pop-ups animate: wait for every finite animation to end (a spinner's
    // infinite one never does), so the picture shows the page at rest.
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  const choice = (text: string) => page.locator('[role="checkbox"]').filter({ hasText: new RegExp(`^[☐☑] ${text}$`) });

  beforeAll(async () => {
    api = await boot('sqlite', { WEB_APP_DIR: BUILD });
    await publishDemoEdition(api, shanghaiYear());
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
      // The browser asks for /favicon.ico on its own; the app has none.
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
    'opens / on 首页, listing the programs of the edition in force, marked 演示',
    async () => {
      await page.goto(`${api.url}/`);
      await page.locator('[data-program]').first().waitFor(WAIT);
      expect(await page.locator('[data-program]').count()).toBe(9);
      await expect(page.locator('[data-program="leading-enterprise"]').textContent()).resolves.toContain(
        '每家企业最高40万元',
      );
      await expect(page.locator('.demo-banner').textContent()).resolves.toContain('演示数据');
      await shoot('home');
    },
    TEST_TIMEOUT,
  );

  it(
    'checks a firm anonymously on 计算器, with every condition explained and its clause',
    async () => {
      await page.getByText('计算器', { exact: true }).click();
      await page.locator('.calculator').waitFor(WAIT);
      await choice('电商龙头企业流量补贴').click();
      await shoot('calculator');
      await page.locator('input[placeholder="请输入当年网络零售额"]').fill('99999999.99');
      const result = page.locator('[data-result="leading-enterprise"]');
      await result.getByText('当年网络零售额需达到1亿元，目前还差0.01元', { exact: true }).waitFor(WAIT);
      await expect(result.textContent()).resolves.toContain('暂不符合');
      await result.locator('.status--bad').first().scrollIntoViewIfNeeded();
      await shoot('calculator-result');

      // The first condition of 二 is its figure (the text names no kind of firm).
      await result.getByText('查看政策原文').first().click();
      await page.getByText('“对当年实现网络零售额1亿元以上企业”').waitFor(WAIT);
      await shoot('clause');
      await page.getByText('我知道了').click();
    },
    TEST_TIMEOUT,
  );

  it(
    'shares the result as a link that reopens the same result',
    async () => {
      await page.getByText('复制分享链接').click();
      const shown = (await page.locator('.calculator__link').textContent()) ?? '';
      const link = shown.replace(/^已复制：/, '');
      expect(link).toMatch(new RegExp(`^${api.url}/pages/calculator/index\\?y=2023&p=leading-enterprise&f=`));
      // A stranger's browser: nothing remembered from this session.
      await page.evaluate('localStorage.clear()');
      await page.goto(link);
      const result = page.locator('[data-result="leading-enterprise"]');
      await result.getByText('当年网络零售额需达到1亿元，目前还差0.01元', { exact: true }).waitFor(WAIT);
      await expect(page.locator('.notice').first().textContent()).resolves.toContain('这是别人分享给您的测算结果');
    },
    TEST_TIMEOUT,
  );

  it(
    'signs in with the demo sign-in, labelled 演示, and shows it on 我的 and 我的申报',
    async () => {
      await page.goto(`${api.url}/`);
      await page.getByText('我的', { exact: true }).click();
      await page.locator('.me').waitFor(WAIT);
      await expect(page.locator('.me').textContent()).resolves.toContain('未登录');
      await shoot('me-signed-out');
      await page.locator('.me__primary').click();
      await page.locator('.login').waitFor(WAIT);
      await expect(page.locator('.login .demo-banner').textContent()).resolves.toContain('演示登录');
      await shoot('login');
      await page.locator('.login__button').click();
      await page.locator('.me__role').waitFor(WAIT);
      await expect(page.locator('.me__role').textContent()).resolves.toBe('申报企业用户（演示）');
      await shoot('me');

      await page.getByText('我的申报', { exact: true }).click();
      await page.getByText('还没有申报').waitFor(WAIT);
      await shoot('applications-empty');

      // Signing out: the button reads in the danger colour (a disabled="false" attribute once made
      // it white on white), and the page returns to its signed-out state.
      await page.getByText('我的', { exact: true }).click();
      const signOut = page.locator('.me__signout');
      await expect(
        signOut.evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).color),
      ).resolves.toBe('rgb(180, 35, 24)');
      await signOut.click();
      await page.locator('.me').getByText('未登录').waitFor(WAIT);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the privacy policy',
    async () => {
      await page.goto(`${api.url}/subpackages/legal/privacy/index`);
      await page.getByText('我们收集哪些信息、为什么').waitFor(WAIT);
      await shoot('privacy');
    },
    TEST_TIMEOUT,
  );

  it('ran without a script error or a refused load (the content security policy allows what the app needs)', () => {
    expect(problems).toEqual([]);
  });
});
