// Draws the tab bar icons (WeChat wants PNG files, 81×81) from the SVG shapes below, in
// Debian's Chromium. Run again after changing a shape: node miniapp/scripts/tab-icons.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
const COLORS = { normal: '#4e5969', active: '#1a56b0' };

// 24-unit outline drawings, stroked: a house, a calculator, a form with lines, a bell, a person.
const SHAPES = {
  home: '<path d="M3 11 12 3l9 8"/><path d="M5 9.5V21h5v-6h4v6h5V9.5"/>',
  calculator:
    '<rect x="5" y="2.5" width="14" height="19" rx="2"/><rect x="8" y="5.5" width="8" height="4" rx="0.5"/>' +
    '<path d="M8.5 13h.01M12 13h.01M15.5 13h.01M8.5 16.5h.01M12 16.5h.01M15.5 16.5h.01"/>',
  applications: '<path d="M7 2.5h7l5 5v14H7z"/><path d="M14 2.5v5h5"/><path d="M10 12h6M10 15.5h6M10 19h4"/>',
  messages: '<path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.8 2.2H4.2z"/><path d="M10 21h4"/><path d="M12 3v2"/>',
  me: '<circle cx="12" cy="8" r="4.5"/><path d="M3.5 21.5c1.2-4.5 4.5-6.5 8.5-6.5s7.3 2 8.5 6.5"/>',
};

const svg = (shape, color) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 24 24" fill="none" stroke="${color}" ` +
  `stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`;

const profile = mkdtempSync(join(tmpdir(), 'huiqi-icons-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 81, height: 81 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const [name, shape] of Object.entries(SHAPES))
    for (const [state, color] of Object.entries(COLORS)) {
      await page.setContent(`<body style="margin:0;background:transparent">${svg(shape, color)}</body>`);
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      writeFileSync(join(OUT, `${name}${state === 'active' ? '-active' : ''}.png`), png);
    }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
