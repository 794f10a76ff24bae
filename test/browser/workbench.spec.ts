import {
  type ApiClient,
  cnCalendar,
  evaluate,
  type Facts,
  formatFen,
  memoryTokens,
  workingDaysBetween,
} from '@huiqi/shared';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { firm } from '../api/support/app.js';
import {
  type Browser,
  type Desk,
  describeInBrowser,
  openBrowser,
  openDesk,
  shanghaiYear,
  staffLogIn,
  TEST_TIMEOUT,
  WAIT,
  waitInPage,
} from './support.js';

// Issue 12's journey, every staff step through the workbench pages (the H5 build in Chromium at a
// desk's 1440×900, served by the real API on SQLite): the applicant (a phone-size page) applies and
// uploads a real one-page PDF; the county reviewer signs in at /staff, finds it in 待办队列 with its
// working days left, reads the PDF drawn by pdf.js beside the conditions and returns one material;
// the applicant supplements; county, city (every condition verified, the amount prefilled, a second
// city reviewer confirming) and finance pass it; it is on 公示; the notice period ends on the API's
// clock; finance exports the pool (Excel, CSV) and records the payment; the applicant reads 已拨付.
// Setup only by hand: the staff accounts with their passwords, the firm and its facts.

/** 6亿元 online: an award of 24万元, over the 20万元 that needs a second city approver. */
const FACTS: Facts = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 60_000_000_000,
  localContributionFen: 150_000_000,
  liveRoomCount: 12,
  normalOperation: true,
  taxCompliant: true,
};
const AWARD = evaluate({ claimYear: 2023, facts: FACTS, programs: ['leading-enterprise'] }).programs[0]?.maxAmountFen;
const FIRM = firm(83, { county: 'yanggu' });
const PASSWORD = 'Desk-2026-pass';
const STAFF = {
  county: { username: 'yanggu-desk', role: 'county-reviewer', county: 'yanggu', displayName: '阳谷县审核员' },
  city: { username: 'city-desk', role: 'city-reviewer', displayName: '市级审核员甲' },
  second: { username: 'city-second', role: 'city-reviewer', displayName: '市级审核员乙' },
  finance: { username: 'finance-desk', role: 'finance', displayName: '市财政审核员' },
} as const;
type StaffKey = keyof typeof STAFF;
const RETURN_REASON = '营业执照需加盖公章，请上传盖章后的扫描件';
const VOUCHER = '聊财拨〔2026〕208号';

/** PDF's text escapes for a literal string. */
const pdfText = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`);

/**
 * A minimal valid one-page PDF (A4) whose content stream draws a filled band, a frame and a line of
 * text, with a correct cross-reference table: something pdf.js draws, unlike an empty page.
 */
const onePagePdf = (title: string): Buffer => {
  const content = [
    '0.12 0.35 0.75 rg 56 700 483 80 re f',
    '0 0 0 RG 4 w 56 120 483 560 re S',
    `BT /F1 28 Tf 0 0 0 rg 72 600 Td (${pdfText(title)}) Tj ET`,
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

describeInBrowser('the staff workbench: from submitted to paid in the browser', () => {
  let b: Browser;
  let desk: Desk;
  let applicant: ApiClient;
  let applicationId = 0;
  let noticeEnds = '';
  const started = Date.now();

  const phone = (): Page => b.page;
  const page = (): Page => desk.page;
  const material = (id: string): Locator => b.page.locator(`[data-material="${id}"]`);
  const upload = async (id: string, name: string, buffer: Buffer): Promise<void> => {
    const chooser = b.page.waitForEvent('filechooser', WAIT);
    await material(id).getByText('选择文件', { exact: true }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer });
    await material(id).getByText(name, { exact: true }).waitFor(WAIT);
  };

  /** Signs the desk's user out with 退出: the workbench sends the page to 工作人员登录, to come back after. */
  const signOut = async (): Promise<void> => {
    await page().locator('.wb__signout:visible').click();
    await page().locator('.staff-login:visible').waitFor(WAIT);
  };

  /** 工作人员登录 with username and password, on the login page the desk is on. */
  const logIn = (who: StaffKey): Promise<void> =>
    staffLogIn(page(), { username: STAFF[who].username, password: PASSWORD, displayName: STAFF[who].displayName });

  /** Signs in at /staff (the redirect), on to the queue; signs the desk's last user out first. */
  const signIn = async (who: StaffKey): Promise<void> => {
    if (await page().locator('.wb__signout:visible').isVisible()) await signOut();
    await page().goto(`${b.api.url}/staff`);
    await logIn(who);
    await page().locator('.wb__title:visible').getByText('待办队列', { exact: true }).waitFor(WAIT);
  };

  /** Opens the application from the queue. */
  const openFromQueue = async (): Promise<Locator> => {
    const row = page().locator(`.queue__row[data-id="${applicationId}"]:visible`);
    await row.waitFor(WAIT);
    await row.click();
    const view = page().locator(`[data-application="${applicationId}"]`);
    await view.waitFor(WAIT);
    return view;
  };

  /** The confirmation dialog: it says what will happen; 确定 sends. */
  const confirm = async (says: string): Promise<void> => {
    const dialog = page().locator('.wb-confirm__box');
    await dialog.waitFor(WAIT);
    await expect(dialog.textContent()).resolves.toContain(says);
    await dialog.locator('.wb-confirm__buttons .wb-button').last().click();
    await dialog.waitFor({ ...WAIT, state: 'detached' });
  };

  const status = (label: string): Promise<void> =>
    page().locator('.ar-snapshot').getByText(`当前状态：${label}`, { exact: false }).waitFor(WAIT);

  const action = (text: string): Locator => page().locator('.ar-actions .wb-button').filter({ hasText: text });

  beforeAll(async () => {
    b = await openBrowser();
    desk = await openDesk(b);
    const ds = b.api.app.app.get(DataSource);
    for (const who of Object.values(STAFF)) await createStaff(ds, { ...who, password: PASSWORD }, b.api.clock.now());
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await desk?.close();
    await b?.close();
    console.log(`workbench journey: ${Math.round((Date.now() - started) / 1000)} s`);
  }, TEST_TIMEOUT);

  it(
    'the applicant applies in the app and uploads a one-page PDF for its materials',
    async () => {
      expect(AWARD).toBe(24_000_000);
      await phone().goto(`${b.api.url}/subpackages/auth/login/index`);
      await phone().locator('.login__button').click();
      await waitInPage(phone(), "localStorage.getItem('huiqi.session.v1') !== null");
      applicant = b.api.client(memoryTokens(await b.session()));
      const orgId = (await applicant.createOrg({ body: FIRM })).id;
      await applicant.putFacts({ params: { orgId }, query: { year: shanghaiYear() }, body: { facts: FACTS } });
      await phone().evaluate(`localStorage.setItem('huiqi.current-org.v1', JSON.stringify({ data: ${orgId} }))`);

      await phone().goto(`${b.api.url}/`);
      await phone().locator('[data-program="leading-enterprise"]').getByText('去申报', { exact: true }).click();
      await phone().getByText('开始申报', { exact: true }).click();
      await phone()
        .locator('[data-result="leading-enterprise"]')
        .getByText(`最多可获 ${formatFen(AWARD ?? -1)}`, { exact: true })
        .waitFor(WAIT);
      await phone().getByText('保存，下一步：上传材料', { exact: true }).click();
      await material('application-form').waitFor(WAIT);
      applicationId = Number(
        ((await phone().locator('.apply').textContent()) ?? '').match(/申报编号 (\d+)/)?.[1] ?? Number.NaN,
      );
      expect(applicationId).toBeGreaterThan(0);

      await upload('application-form', '申报表.pdf', onePagePdf('Application form'));
      await upload('business-licence', '营业执照.pdf', onePagePdf('Business licence'));
      for (const id of ['online-retail-proof', 'tax-certificate', 'credit-report']) {
        await material(id).getByText('从企业文件库选', { exact: true }).click();
        await phone().locator('[data-file="申报表.pdf"]').getByText('用这个', { exact: true }).click();
        await material(id).getByText('申报表.pdf', { exact: true }).waitFor(WAIT);
      }
      await phone().getByText('必交材料 5/5 项已上传').waitFor(WAIT);
      await phone().getByText('下一步：确认提交', { exact: true }).click();
      await phone().getByText('提交申报', { exact: true }).click();
      await phone().locator('[data-status="submitted"]').waitFor(WAIT);
    },
    TEST_TIMEOUT,
  );

  it(
    'the county reviewer signs in at /staff, finds it in the queue, reads the PDF and returns one material',
    async () => {
      await page().goto(`${b.api.url}/staff`);
      await page().locator('.staff-login:visible').waitFor(WAIT);
      expect(new URL(page().url()).searchParams.get('next')).toBe('/subpackages/staff/queue/index');
      await desk.shoot('staff-login');
      await signIn('county');
      await expect(page().locator('.wb__role:visible').textContent()).resolves.toBe('县级审核员 · 阳谷县');

      const { progress } = await applicant.getApplication({ params: { id: applicationId } });
      const due = progress.stage?.due ?? '';
      expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const row = page().locator(`.queue__row[data-id="${applicationId}"]:visible`);
      await row.waitFor(WAIT);
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(FIRM.name);
      expect(rowText).toContain(
        `◷ 剩 ${workingDaysBetween(b.api.clock.today(), due, cnCalendar())} 个工作日截止 ${due}`,
      );
      await desk.shoot('staff-queue');

      const view = await openFromQueue();
      // pdf.js, loaded from /vendor under the page's policy, draws the first material on its canvas.
      const pages = view.locator('.ar-viewer__pages');
      await view.locator('.ar-viewer__pages[data-drawn="1"]').waitFor(WAIT);
      await expect(pages.textContent()).resolves.toBe('第 1 / 1 页');
      await expect(view.locator('.ar-viewer__name').textContent()).resolves.toContain('申报表.pdf');
      const inked = await view.locator('canvas.ar-viewer__canvas').evaluate((el) => {
        const canvas = el as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): { getImageData(...box: number[]): { data: Uint8ClampedArray } } | null;
        };
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; data && i < data.length; i += 4)
          if ((data[i + 3] ?? 0) > 0 && (data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255) < 600) dark += 1;
        return { dark, total: canvas.width * canvas.height };
      });
      expect(inked.total).toBeGreaterThan(100_000);
      expect(inked.dark / inked.total).toBeGreaterThan(0.02);
      await desk.shoot('staff-application');

      await action('退回补正').click();
      const panel = page().locator('[data-panel="return"]');
      await panel.waitFor(WAIT);
      await panel.locator('[data-return-item="material:business-licence"] [role="checkbox"]').click();
      await panel.locator('[data-field="return-material:business-licence"] input').fill(RETURN_REASON);
      await panel.locator('.ar-buttons .wb-button').filter({ hasText: '退回补正…' }).click();
      await confirm(`营业执照：${RETURN_REASON}`);
      await status('退回补正');
    },
    TEST_TIMEOUT,
  );

  it(
    'the applicant replaces the returned material and resubmits',
    async () => {
      await phone().goto(`${b.api.url}/subpackages/apply/detail/index?id=${applicationId}`);
      const supplement = phone().locator(`[data-supplement="${applicationId}"]`);
      await supplement.waitFor(WAIT);
      await expect(supplement.textContent()).resolves.toContain(RETURN_REASON);
      await upload('business-licence', '营业执照盖章件.pdf', onePagePdf('Business licence, stamped'));
      await phone().getByText('重新提交', { exact: true }).click();
      await phone().locator('[data-status="submitted"]').waitFor(WAIT);
    },
    TEST_TIMEOUT,
  );

  it(
    'county, city (every condition verified, a second approver) and finance pass it; it is on 公示',
    async () => {
      // The county: the resubmitted application, the replaced file in the viewer, 审核通过.
      await page().locator('.wb__nav-item:visible').getByText('待办队列', { exact: true }).click();
      await page().locator('.wb__title:visible').getByText('待办队列', { exact: true }).waitFor(WAIT);
      await openFromQueue();
      // The licence proves no condition: the viewer's list of materials shows it.
      await page().locator('[data-material-tab="business-licence"]:visible').click();
      await page().locator('.ar-viewer__name').getByText('营业执照盖章件.pdf', { exact: false }).waitFor(WAIT);
      await page().locator('.ar-viewer__pages[data-drawn="1"]').waitFor(WAIT);
      await action('审核通过').click();
      await page().locator('[data-panel="approve"] .wb-button').filter({ hasText: '审核通过…' }).click();
      await confirm('审核通过，转入下一环节');
      await status('待市级复审');

      // The city: every condition verified, then the award prefilled with the maximum.
      await signIn('city');
      await openFromQueue();
      const conditions = page().locator('[data-condition]');
      const count = await conditions.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i += 1) {
        const condition = conditions.nth(i);
        await condition.locator('.ar-condition__verify').click();
        await condition.locator('[data-verify] .wb-button').filter({ hasText: '保存核实结果' }).click();
        const clause = (await condition.locator('.ar-condition__clause').textContent()) ?? '';
        await confirm(`“${clause}”：`);
        await condition.locator('.ar-condition__verified').waitFor(WAIT);
      }
      await expect(page().locator('.ar-condition__unverified').count()).resolves.toBe(0);
      await action('通过并核定').click();
      const approve = page().locator('[data-panel="approve"]');
      await expect(approve.locator('[data-field="award"] input').inputValue()).resolves.toBe('240000');
      await approve.locator('.wb-button').filter({ hasText: '审核通过…' }).click();
      await confirm(`核定金额 ${formatFen(AWARD ?? -1)}`);
      await page().getByText('等待另一位市级审核人员复核确认', { exact: false }).waitFor(WAIT);

      // A second city reviewer confirms the amount.
      await signIn('second');
      await page().locator(`.queue__row[data-id="${applicationId}"]:visible`).getByText('⧗ 待第二审批人').waitFor(WAIT);
      await openFromQueue();
      await action('确认核定').click();
      await page().locator('[data-panel="confirm"] .wb-button').filter({ hasText: '确认核定…' }).click();
      await confirm(`确认核定金额 ${formatFen(AWARD ?? -1)}`);
      await status('待财政审核');

      // Finance, at the same desk: signed in from this page, back on this page.
      await signOut();
      expect(new URL(page().url()).searchParams.get('next')).toBe(
        `/subpackages/staff/application/index?id=${applicationId}`,
      );
      await logIn('finance');
      await page().locator(`[data-application="${applicationId}"]`).waitFor(WAIT);
      await action('审核通过').click();
      await page().locator('[data-panel="approve"] .wb-button').filter({ hasText: '审核通过…' }).click();
      await confirm('审核通过，转入下一环节');
      await status('公示中');

      // 公示与异议 (the city's page) lists it with its end date.
      const { progress } = await applicant.getApplication({ params: { id: applicationId } });
      noticeEnds = progress.stage?.due ?? '';
      expect(noticeEnds).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await signIn('city');
      await page().locator('.wb__nav-item:visible').getByText('公示与异议', { exact: true }).click();
      const notice = page().locator(`[data-notice="${applicationId}"]`);
      await notice.waitFor(WAIT);
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain(FIRM.name);
      expect(text).toContain(noticeEnds);
      expect(text).toContain(formatFen(AWARD ?? -1));
    },
    TEST_TIMEOUT,
  );

  it(
    'after the notice period finance exports the pool and records the payment; the applicant reads 已拨付',
    async () => {
      // Past the notice's last day on the API's clock (and the desk's): the timer concludes it.
      b.api.clock.advance(14 * 24 * 3_600_000);
      expect(b.api.clock.today() > noticeEnds).toBe(true);
      await desk.syncClock();
      await expect(b.api.app.app.get(NoticesService).concludeDueNotices()).resolves.toContain(applicationId);

      await signIn('finance');
      await page().locator('.wb__nav-item:visible').getByText('资金池与批次', { exact: true }).click();
      const row = page().locator(`[data-payment="${applicationId}"]`);
      await row.waitFor(WAIT);
      const card = page()
        .locator('[data-pool]')
        .filter({ has: page().getByText('导出 CSV') })
        .first();

      const excel = page().waitForEvent('download', WAIT);
      await card.getByText('导出 Excel', { exact: true }).click();
      expect((await excel).suggestedFilename()).toMatch(/\.xlsx$/);
      const csv = page().waitForEvent('download', WAIT);
      await card.getByText('导出 CSV', { exact: true }).click();
      const csvFile = await csv;
      expect(csvFile.suggestedFilename()).toMatch(/\.csv$/);
      const rows = readFileSync(await csvFile.path(), 'utf8');
      expect(rows).toContain(FIRM.name);
      expect(rows).toContain('240000.00');

      // The payment: the voucher, the day paid (the desk's today, the API's), confirmed.
      const today = b.api.clock.today();
      await expect(row.locator('.payment__date').textContent()).resolves.toBe(`拨付日期：${today}`);
      await row.locator('input[placeholder="拨付凭证号"]').fill(VOUCHER);
      await row.locator('.wb-button').filter({ hasText: '拨付' }).click();
      await confirm(`凭证号 ${VOUCHER}`);
      await page().getByText(`已登记拨付：${FIRM.name}，凭证号 ${VOUCHER}，拨付日期 ${today}`).waitFor(WAIT);

      await phone().goto(`${b.api.url}/subpackages/apply/detail/index?id=${applicationId}`);
      const paid = phone().locator('[data-progress="paid"]');
      await paid.waitFor(WAIT);
      await expect(paid.textContent()).resolves.toContain(VOUCHER);
      await phone().locator('[data-status="paid"]').getByText('已拨付', { exact: false }).waitFor(WAIT);

      expect(desk.problems).toEqual([]);
      // The phone's access token expired while the clock moved: one 401, refreshed, read on.
      expect(b.problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
