import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MONTHLY_FIGURES_IMPORT_COLUMNS, type MonthlyFiguresList, type Session } from '@huiqi/shared';
import ExcelJS from 'exceljs';
import { type Browser, type Desk, describeInBrowser, openBrowser, openDesk, TEST_TIMEOUT, WAIT } from './support.js';

// 运行监测 (十二) at a desk (the H5 build in Chromium at 1440×900, served by the real API on
// SQLite): Linqing's county reviewer opens the page on 2025, first imports a file with a bad row
// in the middle (refused, the row and column listed, nothing in the table), then the whole year's
// monthly figures from an .xlsx made here, and reads them in the counties × months table.

/** Linqing's month of 2025: online retail of (100 × month + 0.5)万元, the rest plausible. */
const monthRow = (month: number): (string | number)[] => [
  '临清市',
  2025,
  month,
  `${month * 100}.5`,
  `${month * 90}`,
  `${month * 80}.123456`,
  `${month * 1000}`,
  month,
  1,
  '0.5',
];

const workbook = async (rows: (string | number)[][]): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('逐月数据');
  sheet.addRow([...MONTHLY_FIGURES_IMPORT_COLUMNS]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
};

describeInBrowser('the staff workbench: monthly monitoring', () => {
  let b: Browser;
  let desk: Desk;
  let dir: string;

  beforeAll(async () => {
    b = await openBrowser();
    desk = await openDesk(b);
    dir = mkdtempSync(join(tmpdir(), 'huiqi-statistics-'));
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await desk?.close();
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'a county reviewer imports a year of monthly figures and reads them in the table',
    async () => {
      const res = await b.api.call<Session>('POST', '/api/v1/auth/demo', {
        body: { role: 'county-reviewer', openid: 'statistics-desk', county: 'linqing' },
      });
      expect(res.status).toBe(200);
      const page = desk.page;
      await page.goto(`${b.api.url}/pages/home/index`);
      await page.evaluate(
        `localStorage.setItem('huiqi.session.v1', JSON.stringify({ data: ${JSON.stringify(res.body)} }))`,
      );
      await page.goto(`${b.api.url}/subpackages/staff/statistics/index?year=2025`);
      const row = page.locator('.statistics__grid [data-county="linqing"]:visible');
      await row.waitFor(WAIT);
      // A county reviewer sees their own county only.
      expect(await page.locator('.statistics__grid [data-county]:visible').count()).toBe(1);
      expect(await row.locator('[data-filled="true"]').count()).toBe(0);

      // A bad row in the middle: refused as a whole, its row and column listed.
      const bad = Array.from({ length: 12 }, (_, i) => monthRow(i + 1));
      (bad[5] as (string | number)[])[3] = '六百';
      const badFile = join(dir, '临清市2025年逐月数据-有误.xlsx');
      writeFileSync(badFile, await workbook(bad));
      let chooser = page.waitForEvent('filechooser', WAIT);
      await page.locator('[data-action="import"]:visible').click();
      await (await chooser).setFiles(badFile);
      const problem = page.locator('.statistics__problems [data-problem-row="7"]:visible');
      await problem.waitFor(WAIT);
      expect(await problem.getAttribute('data-problem-column')).toBe('网络零售额（万元）');
      expect(await problem.innerText()).toContain('不是数字');
      expect(await page.locator('.statistics [role="alert"]:visible').first().innerText()).toContain('未导入任何数据');
      expect(await row.locator('[data-filled="true"]').count()).toBe(0);

      // The whole year, good.
      const goodFile = join(dir, '临清市2025年逐月数据.xlsx');
      writeFileSync(goodFile, await workbook(Array.from({ length: 12 }, (_, i) => monthRow(i + 1))));
      chooser = page.waitForEvent('filechooser', WAIT);
      await page.locator('[data-action="import"]:visible').click();
      await (await chooser).setFiles(goodFile);
      await page.locator('.statistics [role="status"]:visible').waitFor(WAIT);
      expect(await page.locator('.statistics [role="status"]:visible').innerText()).toContain('新填报12个月');
      // Twelve months filled (a locator, not page.waitForFunction: a string predicate is evaluated with
      // eval in the page, which the app's CSP refuses whenever the first check does not already pass).
      await row.locator('[data-filled="true"]').nth(11).waitFor(WAIT);
      expect(await row.locator('[data-filled="true"]').count()).toBe(12);
      for (const month of [1, 6, 12])
        expect(await row.locator(`[data-month="${month}"]`).innerText()).toBe(`${month * 100}.5`);
      expect(await page.locator('.statistics__problems:visible').count()).toBe(0);

      // What the table shows is what the API keeps.
      const token = res.body.accessToken;
      const listed = await b.api.call<MonthlyFiguresList>('GET', '/api/v1/statistics/figures?year=2025', { token });
      expect(listed.body.records.map((r) => [r.month, r.onlineRetailFen])).toEqual(
        Array.from({ length: 12 }, (_, i) => [i + 1, (i + 1) * 100_000_000 + 500_000]),
      );

      // March revised in the form: its figures prefilled in 万元, saved with the version read.
      await row.locator('[data-month="3"]').click();
      const form = page.locator('[data-month-form="linqing-3"]:visible');
      await form.waitFor(WAIT);
      expect(await form.locator('[data-field="onlineRetailFen"] input').inputValue()).toBe('300.5');
      await form.locator('[data-field="onlineRetailFen"] input').fill('321.000001');
      await form.locator('[data-action="save-month"]').click();
      await page.locator('.statistics [role="status"]:visible', { hasText: '已保存临清市2025年3月' }).waitFor(WAIT);
      await page
        .locator('.statistics__grid [data-county="linqing"] [data-month="3"]', { hasText: '321.000001' })
        .waitFor(WAIT);
      const march = await b.api.call<MonthlyFiguresList>('GET', '/api/v1/statistics/figures?year=2025', { token });
      expect(march.body.records.find((r) => r.month === 3)).toMatchObject({ onlineRetailFen: 321_000_001, version: 2 });
      expect(desk.problems.filter((p) => !p.includes('422'))).toEqual([]);
      await desk.shoot('staff-statistics');
    },
    TEST_TIMEOUT,
  );
});
