import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { boot, type Booted, publishDemoEdition, testUscc } from '../api/support/app.js';

// 我的企业 in Debian's Chromium, on the H5 build served by the real API on SQLite: a shop owner
// signs in, registers a firm, fills in its profile and its livestream site, and invites a
// colleague. Boots like h5.spec.ts (one API, one browser); saves phone-size screenshots.
const ROOT = process.cwd();
const BUILD = join(ROOT, 'miniapp/dist/h5');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };
const TEST_TIMEOUT = 90_000;

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

const shanghaiYear = (): number => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

const runnable = existsSync(CHROMIUM) && existsSync(join(BUILD, 'index.html'));
if (!runnable)
  console.warn(
    `跳过“我的企业”浏览器测试：${existsSync(CHROMIUM) ? '' : `找不到 Chromium（${CHROMIUM}）`}` +
      `${existsSync(join(BUILD, 'index.html')) ? '' : '没有 H5 构建产物（npm run build:miniapp）'}`,
  );

(runnable ? describe : describe.skip)('我的企业 in a browser', () => {
  let api: Booted;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let orgId = 0;
  let inviteCode = '';
  const problems: string[] = [];
  const uscc = testUscc(41);

  /** Waits for every finite animation (page transitions, pop-ups) to end; a spinner's never does. */
  const settle = () =>
    page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
    );

  const shoot = async (name: string): Promise<void> => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await settle();
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  const fill = async (placeholder: string, text: string) => {
    const input = page.locator(`input[placeholder="${placeholder}"]`);
    await input.waitFor(WAIT);
    await input.fill(text);
  };

  const chip = (text: string) => page.locator('[role="checkbox"]').filter({ hasText: new RegExp(`^[☐☑] ${text}$`) });
  const fact = (name: string) => page.locator(`[data-fact="${name}"]`);
  /** Taro's H5 pages scroll inside their own container: brings the top of `selector` into view. */
  const toTop = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el.scrollIntoView());
  const toastGone = () => page.getByText('已保存', { exact: true }).waitFor({ state: 'hidden', ...WAIT });

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
    'signs in with the demo sign-in and finds no firm yet, with what to do first',
    async () => {
      await page.goto(`${api.url}/`);
      await page.getByText('我的', { exact: true }).click();
      await page.locator('.me__primary').click();
      await page.locator('.login__button').click();
      await page.locator('.me__role').waitFor(WAIT);
      await page.locator('.org-summary').getByText('还没有企业').waitFor(WAIT);
      await page.getByText('我的企业（选择、登记、加入、邀请）').click();
      await page.locator('.my-orgs').getByText('还没有企业', { exact: true }).waitFor(WAIT);
      await expect(page.locator('.my-orgs').textContent()).resolves.toContain('第一次使用，请先登记企业');
    },
    TEST_TIMEOUT,
  );

  it(
    'registers a firm: the check digit is tested as it is typed, the county picked from the list',
    async () => {
      await page.locator('.my-orgs').getByText('登记新企业').click();
      await page.locator('.org-register').waitFor(WAIT);
      const wrong = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0');
      await fill('营业执照上的18位代码', wrong);
      await page.locator('[data-field="uscc"]').getByText('校验位不正确', { exact: false }).waitFor(WAIT);
      await fill('营业执照上的18位代码', uscc);
      await page.locator('[data-field="uscc"]').getByText('✓ 校验位正确').waitFor(WAIT);
      await fill('与营业执照一致', '聊城市测试直播基地有限公司');

      // The county: the picker's column is dragged up two rows (东昌府区, 茌平区, 阳谷县), then 确定.
      await page.locator('[data-field="county"] .org-form__picker').click();
      const column = page.locator('.weui-picker__group').first();
      await column.waitFor(WAIT);
      await settle();
      const box = await column.boundingBox();
      if (!box) throw new Error('the county picker has no box');
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y - 2 * 34, { steps: 6 });
      await page.mouse.up();
      await page.locator('.weui-picker__action').last().click();
      await page.locator('[data-field="county"]').getByText('阳谷县').waitFor(WAIT);

      await chip('直播电商基地（园区）').click();
      await chip('电商企业').click();
      await fill('法定代表人姓名', '张法人');
      await fill('负责申报的联系人姓名', '李联系');
      await fill('手机号，或带区号的固定电话', '13912345678');
      await toTop('.org-register');
      await shoot('register');

      await page.locator('.register__submit').click();
      await page.locator('.org-profile .fact-sheet').waitFor(WAIT);
      const url = new URL(page.url());
      orgId = Number(url.searchParams.get('orgId'));
      expect(orgId).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'enters facts on 企业档案 and sees them, formatted, with where they came from, after a reload',
    async () => {
      await page.getByText('填写 / 修改').click();
      await fill('请输入当年网络零售额', '3567890.12');
      await fill('请输入直播间数量', '12');
      await page.locator('.fact-sheet__form').getByText('保存', { exact: true }).click();
      await fact('onlineRetailFen').getByText('3,567,890.12元').waitFor(WAIT);

      await page.reload();
      await fact('onlineRetailFen').getByText('3,567,890.12元').waitFor(WAIT);
      await expect(fact('onlineRetailFen').textContent()).resolves.toMatch(
        /企业填报.*\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/,
      );
      await expect(fact('liveRoomCount').textContent()).resolves.toContain('12间');
      await expect(fact('normalOperation').textContent()).resolves.toContain('未填写');
      await fact('onlineRetailFen').getByText('修改记录（1条）').click();
      await fact('onlineRetailFen').getByText('未填写 → 3,567,890.12元').waitFor(WAIT);
      await toTop('[data-fact="onlineRetailFen"]');
      await shoot('profile');

      // The API holds exactly the fen typed, no floating point on the way.
      const stored = await api.call<{ facts: Record<string, unknown> }>(
        'GET',
        `/api/v1/orgs/${orgId}/facts?year=${shanghaiYear()}`,
        { token: await page.evaluate<string>("JSON.parse(localStorage.getItem('huiqi.session.v1')).data.accessToken") },
      );
      expect(stored.body.facts).toMatchObject({ onlineRetailFen: 356789012, liveRoomCount: 12 });
    },
    TEST_TIMEOUT,
  );

  it(
    'registers the livestream site on 场地登记, saying which programs count it',
    async () => {
      await page.goto(`${api.url}/subpackages/org/facilities/index?orgId=${orgId}`);
      await page.locator('.org-facilities .fact-sheet').waitFor(WAIT);
      await expect(page.locator('.facilities__intro').textContent()).resolves.toContain('直播电商基地');
      // The rooms entered on 企业档案 are the same fact.
      await expect(fact('liveRoomCount').textContent()).resolves.toContain('12间');
      await page.getByText('填写 / 修改').click();
      await fill('请输入占地面积', '5000');
      await fill('请输入机构注册活跃主播人数', '30');
      await chip('抖音').click();
      await page.locator('.fact-sheet__form').getByText('保存', { exact: true }).click();
      await fact('siteAreaM2').getByText('5,000平方米').waitFor(WAIT);
      await expect(fact('activeStreamerCount').textContent()).resolves.toContain('30人');
      await expect(fact('livestreamBaseAuthorizations').textContent()).resolves.toContain('抖音');
      await expect(fact('siteAreaM2').textContent()).resolves.toContain('企业填报');
      await toastGone();
      await toTop('.org-facilities');
      await shoot('facilities');
    },
    TEST_TIMEOUT,
  );

  it(
    'lists the firm as the current one and creates an invite that a colleague can use',
    async () => {
      await page.goto(`${api.url}/subpackages/org/index/index`);
      const card = page.locator(`[data-org="${orgId}"]`);
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
      await shoot('org');

      const colleague = await api.login('applicant', 'org-spec-colleague');
      const joined = await api.call<{ id: number; myRole: string }>('POST', '/api/v1/orgs/join', {
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
      await page.goto(`${api.url}/subpackages/org/register/index`);
      await page.locator('.org-register .register__submit').waitFor(WAIT);
      const cdp = await context.newCDPSession(page);
      // The browser's default font size doubled, and (since the app sizes text in px, as a phone's
      // system font setting scales it) every text's size doubled too.
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await page.evaluate(`(() => {
        const sizes = [...document.querySelectorAll('body *')].map((el) => [el, parseFloat(getComputedStyle(el).fontSize)]);
        for (const [el, size] of sizes) el.style.fontSize = size * 2 + 'px';
      })()`);
      await toTop('.org-register');
      const width = await page.evaluate<{ scroll: number; inner: number; label: number }>(`({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        label: parseFloat(getComputedStyle(document.querySelector('.org-form__label')).fontSize),
      })`);
      expect(width.label).toBeGreaterThanOrEqual(30);
      expect(width.scroll).toBeLessThanOrEqual(width.inner);
      await shoot('register-large-font');
      await cdp.detach();
    },
    TEST_TIMEOUT,
  );

  it('ran without a script error or a refused load', () => {
    expect(problems).toEqual([]);
  });
});
