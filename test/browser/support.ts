import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '@huiqi/shared';
import {
  type Browser as Chromium,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { boot, type Booted, publishDemoEdition } from '../api/support/app.js';

// What the browser suites share: the H5 build in Debian's Chromium, served by the real API on
// SQLite. Each suite calls `openBrowser()` once (one API, one browser) and uses the steps below.
// jest runs from the repository's root (scripts/jest.mjs, jest.config.mjs).
const ROOT = process.cwd();
export const BUILD = join(ROOT, 'miniapp/dist/h5');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const WAIT = { timeout: 20_000 };
/** A page's first load compiles its scripts: slow on a busy 2-core machine, bounded all the same. */
export const TEST_TIMEOUT = 120_000;

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

/** The year the app asks the API for: today in Asia/Shanghai, as the app computes it. */
export const shanghaiYear = (): number => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/** Why the browser suites cannot run here (in Chinese, as the suite says it), or undefined when they can. */
const missing = (): string | undefined => {
  const reasons = [
    existsSync(CHROMIUM) ? '' : `找不到 Chromium（${CHROMIUM}，.ci/run 会用 apt-get 安装 chromium）`,
    existsSync(join(BUILD, 'index.html')) ? '' : '没有 H5 构建产物（npm run build:miniapp）',
  ].filter(Boolean);
  return reasons.length > 0 ? reasons.join('；') : undefined;
};

/** `describe`, or `describe.skip` with the reason printed where the browser suites cannot run. */
export const describeInBrowser = (name: string, body: () => void): void => {
  const reason = missing();
  if (reason) console.warn(`跳过浏览器端到端测试（${name}）：${reason}`);
  (reason ? describe.skip : describe)(name, body);
};

/** One API and one phone-size browser on it, with the steps the suites share. */
export interface Browser {
  api: Booted;
  context: BrowserContext;
  page: Page;
  /** Every console error and refused load the page reported: a CSP refusal shows up here. */
  problems: string[];
  /** Waits for every finite animation (page transitions, pop-ups) to end; a spinner's never does. */
  settle(): Promise<void>;
  /** Takes the network away (or gives it back); the refused loads meanwhile are not problems. */
  setOffline(offline: boolean): Promise<void>;
  /** Saves the page at rest as docs/screenshots/`name`.png (one suite a name). */
  shoot(name: string): Promise<void>;
  /** Fills the input with this placeholder, once it is there. */
  fill(placeholder: string, text: string): Promise<void>;
  /** A multi-select chip (☐/☑ and its text). */
  chip(text: string): Locator;
  /** Taro's H5 pages scroll inside their own container: brings the top of `selector` into view. */
  toTop(selector: string): Promise<void>;
  /** From 首页: 我的 → 登录 → the demo sign-in, back on 我的 signed in. */
  demoSignIn(): Promise<void>;
  /** The page's own session, as Taro keeps it in localStorage ({ data }). */
  session(): Promise<Session>;
  /**
   * Every font doubled, as a phone's largest system font (适老化) makes it: the browser's default
   * sizes and, since the app sizes text in px (rem on H5), every element's computed size.
   * Lasts until `normalFont()` or the next page load.
   */
  largeFont(): Promise<void>;
  /** Undoes `largeFont()` on the page as it is. */
  normalFont(): Promise<void>;
  close(): Promise<void>;
}

/** Boots the API on SQLite with the H5 build as its web app and the demo edition, and opens Chromium. */
export const openBrowser = async (): Promise<Browser> => {
  const api = await boot('sqlite', { WEB_APP_DIR: BUILD });
  await publishDemoEdition(api, shanghaiYear());
  const profile = mkdtempSync(join(tmpdir(), 'huiqi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    hasTouch: true,
    isMobile: true,
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    args: CHROMIUM_FLAGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  let offline = false;
  page.on('console', (message) => {
    // A load refused while the suite has taken the network away is what it meant to happen. (The
    // page declares an empty icon, so no /favicon.ico is asked for: a 404 there is a problem too.)
    if (message.type() !== 'error') return;
    if (offline && message.text().includes('net::ERR_INTERNET_DISCONNECTED')) return;
    problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(error.message));

  let cdp: CDPSession | undefined;
  const setFontSizes = async (standard: number, fixed: number): Promise<void> => {
    cdp ??= await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard, fixed } });
  };

  const settle = async (): Promise<void> => {
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
    );
  };
  return {
    api,
    context,
    page,
    problems,
    settle,
    setOffline: async (value) => {
      offline = value;
      await context.setOffline(value);
    },
    shoot: async (name) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await settle();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    fill: async (placeholder, text) => {
      const input = page.locator(`input[placeholder="${placeholder}"]`);
      await input.waitFor(WAIT);
      await input.fill(text);
    },
    chip: (text) => page.locator('[role="checkbox"]').filter({ hasText: new RegExp(`^[☐☑] ${text}$`) }),
    toTop: async (selector) => {
      await page
        .locator(selector)
        .first()
        .evaluate((el) => el.scrollIntoView());
    },
    demoSignIn: async () => {
      await page.getByText('我的', { exact: true }).click();
      await page.locator('.me__primary').click();
      await page.locator('.login__button').click();
      await page.locator('.me__role').waitFor(WAIT);
    },
    session: async () => {
      const raw = await page.evaluate("localStorage.getItem('huiqi.session.v1')");
      return (JSON.parse(String(raw)) as { data: Session }).data;
    },
    largeFont: async () => {
      // Sizes read before the browser's default doubles, or text that inherits it would double twice.
      await page.evaluate(
        `window.__fontSizes = [...document.querySelectorAll('body *')].map((el) => [el, getComputedStyle(el).fontSize])`,
      );
      await setFontSizes(32, 26);
      await page.evaluate(`(() => {
        const sizes = window.__fontSizes;
        delete window.__fontSizes;
        for (const [el, size] of sizes) {
          el.dataset.fontBefore = el.style.fontSize;
          el.style.fontSize = parseFloat(size) * 2 + 'px';
        }
      })()`);
    },
    normalFont: async () => {
      await setFontSizes(16, 13);
      await page.evaluate(`(() => {
        for (const el of document.querySelectorAll('[data-font-before]')) {
          el.style.fontSize = el.dataset.fontBefore;
          delete el.dataset.fontBefore;
        }
      })()`);
    },
    close: async () => {
      await cdp?.detach().catch(() => undefined);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await api.close();
    },
  };
};

/** A desk-size browser (the staff workbench's screen) on the same API, with its own storage. */
export interface Desk {
  context: BrowserContext;
  page: Page;
  /** Every console error and refused load of the desk's pages. */
  problems: string[];
  /** Sets the desk's clock to the API's (the workbench counts working days from the browser's today). */
  syncClock(): Promise<void>;
  /** Waits for every finite animation to end. */
  settle(): Promise<void>;
  /** Saves the page at rest as docs/screenshots/`name`.png (one suite a name). */
  shoot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a second Chromium at 1440×900 (a reviewer's desk) on `b`'s API: a storage of its own,
 * downloads accepted, and its clock set to the API's test clock so that "today" agrees on both ends.
 */
export const openDesk = async (b: Browser): Promise<Desk> => {
  const browser: Chromium = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  await context.clock.install({ time: b.api.clock.now() });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const settle = async (): Promise<void> => {
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
    );
  };
  return {
    context,
    page,
    problems,
    syncClock: async () => {
      await context.clock.setSystemTime(b.api.clock.now());
    },
    settle,
    shoot: async (name) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await settle();
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
};

/**
 * 工作人员登录 on the sign-in page `page` is on, until the frame names `displayName`. Taro's inputs
 * are custom elements that render their <input> before React has bound its handlers: a value
 * filled in that moment shows but never reaches the form (the page then asks for it, as it
 * should). A person types long after; a test fills again when the page says a field is empty.
 */
export const staffLogIn = async (
  page: Page,
  account: { username: string; password: string; displayName: string },
): Promise<void> => {
  const signedIn = page.locator('.wb__name:visible').getByText(account.displayName, { exact: true });
  const empty = page.locator('.staff-login .wb-field__error:visible');
  for (let attempt = 1; ; attempt++) {
    await page.locator('input[placeholder="工作人员用户名"]').fill(account.username);
    await page.locator('input[placeholder="密码"]').fill(account.password);
    await page.locator('.staff-login__submit').click();
    await signedIn.or(empty).first().waitFor(WAIT);
    if (await signedIn.isVisible()) return;
    if (attempt === 3) throw new Error(`sign-in as ${account.username} refused: ${await empty.allInnerTexts()}`);
  }
};

/**
 * Waits until `expression` is true in the page, asking from here every 50 ms. Not
 * page.waitForFunction: its polling evaluates the predicate with eval inside the page, which the
 * app's Content-Security-Policy refuses whenever the first check does not already pass.
 */
export const waitInPage = async (page: Page, expression: string, { timeout } = WAIT): Promise<void> => {
  const until = Date.now() + timeout;
  for (;;) {
    // A navigation under way (a sign-in's redirect) destroys the page's context: not yet, ask again.
    const holds = await page.evaluate(expression).catch((error: unknown) => {
      if (String(error).includes('Execution context was destroyed') || String(error).includes('navigat')) return false;
      throw error;
    });
    if (holds) return;
    if (Date.now() > until) throw new Error(`waited ${timeout} ms in vain for: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
