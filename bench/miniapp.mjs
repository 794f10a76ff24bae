// `npm run bench -- miniapp`: the mini-program's weight and speed. The weapp main package and
// total as WeChat counts them (miniprogram-ci's checkCodeQuality, offline), the JavaScript the H5
// build loads to show its first page (raw and gzip), and the time until the 计算器 page is
// interactive in Debian's headless Chromium with the CPU throttled 4× (median of 10 cold loads),
// served by the built API on SQLite. (`npm run bench` builds both targets first.)
// Functions passed to page.evaluate and addInitScript run in the browser.
/* global document, window, performance, localStorage, MutationObserver */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { fail, machine, removeOnExit, root, round, startApi, stopServer, writeDocSection } from './support.mjs';

const LOADS = 10;
const CPU_THROTTLE = 4;
const TARGETS = { weappMainKb: 1024, h5FirstLoadJsGzipKb: 200, calculatorInteractiveMs: 1500 };
const COMMAND = 'npm run bench -- miniapp';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEAPP = path.join(root, 'miniapp/dist/weapp');
const H5 = path.join(root, 'miniapp/dist/h5');
const resultsPath = fileURLToPath(new URL('./results/miniapp.json', import.meta.url));
const kb = (bytes) => round(bytes / 1024, 1);

if (!existsSync(path.join(WEAPP, 'app.json')) || !existsSync(path.join(H5, 'index.html')))
  fail('没有小程序构建产物，请先运行 npm run build:miniapp');
if (!existsSync(CHROMIUM)) fail(`找不到 Chromium（${CHROMIUM}）：apt-get install chromium`);

// 1. The weapp build as WeChat counts it.
const report = spawnSync(process.execPath, [path.join(root, 'miniapp/scripts/weapp-report.cjs'), WEAPP], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (report.status !== 0) fail(`miniprogram-ci 分析失败：${report.stderr}`);
const weapp = JSON.parse(report.stdout.trim().split('\n').pop());

// 2 and 3: the H5 build served by the built API.
const { api, base } = await startApi('miniapp', { WEB_APP_DIR: H5 });
const profile = mkdtempSync(path.join(os.tmpdir(), 'huiqi-bench-chromium-'));
removeOnExit(profile);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  hasTouch: true,
  isMobile: true,
  viewport: { width: 375, height: 667 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let firstLoad;
const interactive = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  // The scripts a first visit to / runs before 首页 shows its content (the entry and the page's chunks).
  const scripts = new Set();
  const onResponse = (response) => {
    const url = new URL(response.url());
    if (url.origin === base && url.pathname.endsWith('.js')) scripts.add(url.pathname);
  };
  page.on('response', onResponse);
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.locator('.home').waitFor({ timeout: 30_000 });
  page.off('response', onResponse);
  const files = [...scripts].sort().map((p) => readFileSync(path.join(H5, p)));
  const raw = files.reduce((sum, b) => sum + b.length, 0);
  const gzip = files.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
  firstLoad = { files: [...scripts].sort(), raw, gzip };

  // Interactive: the form is on screen and the rules have answered (a result card exists), timed
  // in the page from the start of navigation, so the measurement itself is not throttled.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-result]') && document.querySelector('[role="checkbox"]')) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  for (let i = 0; i < LOADS; i++) {
    await page.evaluate(() => localStorage.clear()).catch(() => undefined);
    await page.goto(`${base}/pages/calculator/index`, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof window.__interactiveAt === 'number', null, { timeout: 60_000 });
    interactive.push(await page.evaluate(() => window.__interactiveAt));
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
} finally {
  await context.close();
  await stopServer(api);
}

const sorted = [...interactive].sort((a, b) => a - b);
const median = (sorted[4] + sorted[5]) / 2;
const results = {
  weappMainKb: kb(weapp.mainBytes),
  weappTotalKb: kb(weapp.totalBytes),
  h5FirstLoadJsKb: kb(firstLoad.raw),
  h5FirstLoadJsGzipKb: kb(firstLoad.gzip),
  calculatorInteractiveMs: Math.round(median),
  weappPackages: Object.fromEntries(Object.entries(weapp.packages).map(([name, bytes]) => [name, kb(bytes)])),
  h5FirstLoadScripts: firstLoad.files,
  calculatorInteractiveRunsMs: interactive.map((ms) => Math.round(ms)),
  cpuThrottle: CPU_THROTTLE,
  loads: LOADS,
  ...machine(),
  chromium: spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: {
    weappMainKb: kb(weapp.mainBytes) < TARGETS.weappMainKb,
    h5FirstLoadJsGzipKb: kb(firstLoad.gzip) < TARGETS.h5FirstLoadJsGzipKb,
    calculatorInteractiveMs: median < TARGETS.calculatorInteractiveMs,
  },
};
mkdirSync(path.dirname(resultsPath), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);

const met = (ok) => (ok ? 'yes' : '**no**');
await writeDocSection(
  'miniapp',
  [
    '## miniapp',
    '',
    `Machine: ${results.cpu}, ${results.cores} cores, Node ${results.node}, ${results.chromium}. Run ${results.date}, \`${COMMAND}\`.`,
    '',
    'Sizes of the production builds (`npm run build:miniapp`). The weapp sizes are what WeChat counts (miniprogram-ci ' +
      '`checkCodeQuality`, offline); WeChat allows 2 MB for the main package. The H5 first load is every script the ' +
      'browser fetches to show 首页 at `/`, gzip at level 9. Interactive is the time from navigation until the 计算器 ' +
      `page shows its form and the rules' answer, in headless Chromium at 375×667 with the CPU throttled ${CPU_THROTTLE}× ` +
      `(CDP \`Emulation.setCPUThrottlingRate\`), cache off, served by the built API on localhost; median of ${LOADS} loads.`,
    '',
    '| Figure | Value | Target | Met |',
    '| --- | --- | --- | --- |',
    `| weapp main package | ${results.weappMainKb} KB | < ${TARGETS.weappMainKb} KB | ${met(results.meetsTargets.weappMainKb)} |`,
    `| weapp total (main + ${Object.keys(weapp.packages).length - 1} subpackages) | ${results.weappTotalKb} KB | | |`,
    `| H5 first-load JavaScript, raw / gzip | ${results.h5FirstLoadJsKb} KB / ${results.h5FirstLoadJsGzipKb} KB (${firstLoad.files.length} files) | < ${TARGETS.h5FirstLoadJsGzipKb} KB gzip | ${met(results.meetsTargets.h5FirstLoadJsGzipKb)} |`,
    `| 计算器 interactive, CPU ÷${CPU_THROTTLE}, median | ${results.calculatorInteractiveMs} ms (runs ${sorted.map((ms) => Math.round(ms)).join(', ')}) | < ${TARGETS.calculatorInteractiveMs} ms | ${met(results.meetsTargets.calculatorInteractiveMs)} |`,
  ].join('\n'),
);

console.log(
  [
    `miniapp：微信主包 ${results.weappMainKb} KB（目标 < ${TARGETS.weappMainKb} KB），总计 ${results.weappTotalKb} KB；` +
      `H5 首屏 JS ${results.h5FirstLoadJsKb} KB，gzip ${results.h5FirstLoadJsGzipKb} KB（目标 < ${TARGETS.h5FirstLoadJsGzipKb} KB）；` +
      `计算器可交互 ${results.calculatorInteractiveMs} 毫秒（CPU 降速 ${CPU_THROTTLE} 倍，目标 < ${TARGETS.calculatorInteractiveMs} 毫秒）`,
    '  结果：bench/results/miniapp.json，docs/benchmarks.md',
  ].join('\n'),
);
