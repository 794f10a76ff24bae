import ExcelJS from 'exceljs';
import {
  type AuditLog,
  type ImportProblem,
  MONTHLY_FIGURES_IMPORT_COLUMNS,
  type MonthlyFiguresImportResult,
  type MonthlyFiguresList,
  type MonthlyFiguresRecord,
} from '@huiqi/shared';
import { boot, type Booted } from './support/app.js';
import { ENGINES } from './support/databases.js';

type Refusal = { code: string; message: string; details: ImportProblem[] };
const HEADER = [...MONTHLY_FIGURES_IMPORT_COLUMNS];

/** A month's row as the template's columns read it: money in 万元 (text, up to 6 decimals), counts. */
const monthRow = (county: string, year: number, month: number): (string | number)[] => [
  county,
  year,
  month,
  `${month}00.5`, // 网络零售额 (万元)
  `${month}0.25`, // 上年同期
  `${month}0.123456`, // 实物商品
  `${month}000`, // 社零总额
  month, // 新增网上店铺
  1, // 迁入店铺
  '0.000001', // 迁入店铺纳统网络零售额: one fen
];

const yearRows = (county: string, year: number, months = 12) =>
  Array.from({ length: months }, (_, i) => monthRow(county, year, i + 1));

const xlsxOf = async (
  rows: (string | number | null)[][],
  header: string[] = HEADER,
  tweak?: (sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('逐月数据');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  tweak?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

const csvOf = (rows: (string | number)[][], header: string[] = HEADER): string =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','))
    .join('\r\n');

/** GBK bytes of a text, from the reverse of the platform's GBK decoder (Node has no GBK encoder). */
const gbkTable = (() => {
  let table: Map<string, number[]> | null = null;
  return (): Map<string, number[]> => {
    if (table) return table;
    table = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    return table;
  };
})();
const gbk = (text: string): Buffer =>
  Buffer.from(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      const bytes = gbkTable().get(ch);
      if (!bytes) throw new Error(`no GBK for ${ch}`);
      return bytes;
    }),
  );

describe.each(ENGINES)('monthly monitoring (十二) on %s', (engine) => {
  let api: Booted;
  let linqing: string;
  let gaotang: string;
  let city: string;
  let admin: string;

  beforeAll(async () => {
    api = await boot(engine);
    linqing = await api.login('county-reviewer', 'stats-linqing', 'linqing');
    gaotang = await api.login('county-reviewer', 'stats-gaotang', 'gaotang');
    city = await api.login('city-reviewer', 'stats-city');
    admin = await api.login('admin', 'stats-admin');
  });
  afterAll(() => api.close());

  const importFile = async (token: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${api.url}/api/v1/statistics/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    const problem = api.conformance.problem(
      'POST',
      '/api/v1/statistics/import',
      res.status,
      res.headers.get('content-type'),
      text,
    );
    if (problem) throw new Error(problem);
    return { status: res.status, body: JSON.parse(text) as MonthlyFiguresImportResult & Refusal };
  };
  const list = async (token: string, year: number) => {
    const res = await api.call<MonthlyFiguresList>('GET', `/api/v1/statistics/figures?year=${year}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const values = {
    onlineRetailFen: 1_234_567_891,
    onlineRetailPriorYearFen: 1_000_000_000,
    physicalGoodsOnlineRetailFen: 900_000_000,
    totalRetailSalesFen: 3_000_000_000,
    newOnlineShops: 12,
    relocatedShops: 2,
    relocatedShopsStatisticalRetailFen: 5_000_000,
  };
  const put = (token: string, path: string, body: unknown) =>
    api.call<MonthlyFiguresRecord & Refusal>('PUT', `/api/v1/statistics/figures/${path}`, { token, body });

  it('a county reviewer enters a month; a revision needs the version and is audited before and after', async () => {
    const entered = await put(linqing, 'linqing/2026/5', values);
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ county: 'linqing', year: 2026, month: 5, ...values, version: 1 });
    // Without the version, or with a stale one: CONFLICT, nothing changed.
    const blind = await put(linqing, 'linqing/2026/5', { ...values, newOnlineShops: 13 });
    expect(blind.status).toBe(409);
    expect(blind.body.details[0]?.field).toBe('expectedVersion');
    const revised = await put(linqing, 'linqing/2026/5', { ...values, newOnlineShops: 13, expectedVersion: 1 });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ newOnlineShops: 13, version: 2 });
    const stale = await put(linqing, 'linqing/2026/5', { ...values, newOnlineShops: 14, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('已被他人修改');
    const year = await list(linqing, 2026);
    expect(year.records).toEqual([expect.objectContaining({ county: 'linqing', month: 5, newOnlineShops: 13 })]);

    const audit = await api.call<AuditLog>('GET', '/api/v1/audit?entity=statistics&entityId=linqing:2026-05', {
      token: admin,
    });
    expect(audit.body.entries.map((e) => e.action)).toEqual([
      'statistics.figures-revised',
      'statistics.figures-entered',
    ]);
    const [revision] = audit.body.entries;
    expect(revision?.before).toMatchObject({ newOnlineShops: 12, onlineRetailFen: 1_234_567_891 });
    expect(revision?.after).toMatchObject({ newOnlineShops: 13, onlineRetailFen: 1_234_567_891 });
  });

  it('first entries of one month at once: one is stored, the others answer CONFLICT (never a server error)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        put(i % 2 === 0 ? linqing : city, 'linqing/2026/2', { ...values, newOnlineShops: i }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const stored = (await list(linqing, 2026)).records.filter((r) => r.month === 2);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.version).toBe(1);
  });

  it('refuses a month after today’s (2026-06 is the API’s), bad input, and a county reviewer outside their county', async () => {
    const future = await put(linqing, 'linqing/2026/7', values);
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([{ field: 'month', message: expect.stringContaining('2026年7月尚未到来') }]);
    expect((await put(linqing, 'linqing/2026/6', values)).status).toBe(200);
    expect((await put(linqing, 'linqing/2026/13', values)).status).toBe(400);
    expect((await put(linqing, 'nowhere/2026/1', values)).body.details[0]?.field).toBe('county');
    const negative = await put(linqing, 'linqing/2026/1', { ...values, onlineRetailFen: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0]?.field).toBe('onlineRetailFen');
    const fraction = await put(linqing, 'linqing/2026/1', { ...values, newOnlineShops: 1.5 });
    expect(fraction.body.details[0]?.field).toBe('newOnlineShops');

    const other = await put(linqing, 'gaotang/2026/1', values);
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('本县');
    expect((await put(city, 'gaotang/2026/1', values)).status).toBe(200);
    // Each county reviewer sees their own county; the city every one.
    expect((await list(linqing, 2026)).records.map((r) => [r.county, r.month])).toEqual([
      ['linqing', 2],
      ['linqing', 5],
      ['linqing', 6],
    ]);
    expect((await list(gaotang, 2026)).records.map((r) => r.county)).toEqual(['gaotang']);
    expect((await list(gaotang, 2026)).counties).toEqual(['gaotang']);
    expect(new Set((await list(city, 2026)).records.map((r) => r.county))).toEqual(new Set(['linqing', 'gaotang']));
    const applicant = await api.login('applicant', 'stats-applicant');
    expect((await api.call('GET', '/api/v1/statistics/figures?year=2026', { token: applicant })).status).toBe(403);
    const feedback = await api.call('GET', '/api/v1/statistics/feedback?county=linqing&year=2026&month=5', {
      token: gaotang,
    });
    expect(feedback.status).toBe(403);
  });

  it('imports a good year from xlsx: every month, amounts in 万元 exact to the fen, audited as one import', async () => {
    const res = await importFile(linqing, await xlsxOf(yearRows('临清市', 2025)), 'linqing-2025.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 12, created: 12, revised: 0, unchanged: 0 });
    const year = await list(linqing, 2025);
    expect(year.records).toHaveLength(12);
    expect(year.records[11]).toMatchObject({
      month: 12,
      onlineRetailFen: 1200_500_000,
      onlineRetailPriorYearFen: 120_250_000,
      physicalGoodsOnlineRetailFen: 120_123_456,
      totalRetailSalesFen: 12000_000_000,
      newOnlineShops: 12,
      relocatedShops: 1,
      relocatedShopsStatisticalRetailFen: 1,
    });
    // Again with one month changed: one revision, eleven unchanged.
    const rows = yearRows('临清市', 2025);
    (rows[2] as (string | number)[])[7] = 99;
    const again = await importFile(linqing, await xlsxOf(rows), 'linqing-2025-b.xlsx');
    expect(again.body).toEqual({ rows: 12, created: 0, revised: 1, unchanged: 11 });
    const audit = await api.call<AuditLog>('GET', '/api/v1/audit?action=statistics.&entity=statistics', {
      token: admin,
    });
    const imports = audit.body.entries.filter((e) => e.action === 'statistics.imported');
    expect(imports[0]?.after).toMatchObject({ fileName: 'linqing-2025-b.xlsx', revised: 1, unchanged: 11 });
    const revision = audit.body.entries.find((e) => e.entityId === 'linqing:2025-03');
    expect(revision?.action).toBe('statistics.figures-revised');
    expect(revision?.before).toMatchObject({ newOnlineShops: 3 });
    expect(revision?.after).toMatchObject({ newOnlineShops: 99 });
  });

  it('imports CSV in UTF-8 (with a BOM, columns in another order) and in GBK, counties by name or division code', async () => {
    const order = [2, 0, 1, ...HEADER.slice(3).map((_, i) => i + 3)];
    const reorder = <T>(r: T[]): T[] => order.map((i) => r[i] as T);
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(csvOf(yearRows('高唐县', 2024).map(reorder), reorder(HEADER)), 'utf8'),
    ]);
    const a = await importFile(city, utf8, 'gaotang.csv');
    expect(a.status).toBe(200);
    expect(a.body.created).toBe(12);
    const gbkFile = gbk(csvOf(yearRows('371522', 2024)));
    // Really GBK: not valid UTF-8.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkFile)).toThrow();
    const b = await importFile(city, gbkFile, '莘县.csv');
    expect(b.status).toBe(200);
    expect(b.body.created).toBe(12);
    const year = await list(city, 2024);
    expect(year.records.filter((r) => r.county === 'shenxian')).toHaveLength(12);
    expect(year.records.find((r) => r.county === 'gaotang' && r.month === 7)).toMatchObject({
      onlineRetailFen: 700_500_000,
      physicalGoodsOnlineRetailFen: 70_123_456,
    });
  });

  describe('a bad file imports nothing and names every row and column', () => {
    const countRows = async () => (await list(city, 2023)).records.length;
    const refused = async (bytes: Buffer, name: string, token = city) => {
      const before = await countRows();
      const res = await importFile(token, bytes, name);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IMPORT_INVALID');
      expect(await countRows()).toBe(before);
      return res.body.details;
    };

    it('a bad row in the middle of an xlsx', async () => {
      const rows = yearRows('东阿县', 2023);
      (rows[3] as (string | number)[])[3] = 'abc';
      const details = await refused(await xlsxOf(rows), 'bad-row.xlsx');
      expect(details).toEqual([
        expect.objectContaining({ row: 5, column: '网络零售额（万元）', message: expect.stringContaining('不是数字') }),
      ]);
      expect(details[0]?.field).toBe('第5行“网络零售额（万元）”');
    });

    it('text in a number cell, too many decimals, a fractional count, a negative amount: each cell named', async () => {
      const rows = yearRows('冠县', 2023, 6);
      (rows[1] as (string | number)[])[6] = '一千';
      (rows[2] as (string | number)[])[3] = '1.1234567';
      (rows[3] as (string | number)[])[7] = 2.5;
      (rows[4] as (string | number)[])[9] = '-1';
      const details = await refused(await xlsxOf(rows), 'cells.xlsx');
      expect(details.map((d) => [d.row, d.column])).toEqual([
        [3, '社会消费品零售总额（万元）'],
        [4, '网络零售额（万元）'],
        [5, '新增网上店铺（家）'],
        [6, '迁入店铺纳统网络零售额（万元）'],
      ]);
      expect(details[1]?.message).toContain('最多6位小数');
      // A number cell with seven decimals is refused the same way.
      const numeric = yearRows('冠县', 2023, 1);
      (numeric[0] as (string | number)[])[4] = 0.1234567;
      expect((await refused(await xlsxOf(numeric), 'numeric.xlsx'))[0]).toMatchObject({
        row: 2,
        column: '上年同期网络零售额（万元）',
      });
    });

    it('an unknown column, a missing column, a duplicated column', async () => {
      const unknown = [...HEADER];
      unknown[4] = '去年网络零售额';
      const a = await refused(await xlsxOf(yearRows('冠县', 2023, 2), unknown), 'unknown.xlsx');
      expect(a.map((d) => [d.row, d.column])).toEqual([
        [1, '去年网络零售额'],
        [1, '上年同期网络零售额（万元）'],
      ]);
      expect(a[0]?.message).toContain('不认识的列');
      expect(a[1]?.message).toContain('缺少这一列');
      const missing = HEADER.filter((h) => h !== '迁入店铺（家）');
      const rows = yearRows('冠县', 2023, 2).map((r) => r.filter((_, i) => i !== 8));
      expect((await refused(Buffer.from(csvOf(rows, missing)), 'missing.csv')).map((d) => d.column)).toEqual([
        '迁入店铺（家）',
      ]);
      const twice = [...HEADER, '年'];
      const b = await refused(
        Buffer.from(
          csvOf(
            yearRows('冠县', 2023, 1).map((r) => [...r, 2023]),
            twice,
          ),
        ),
        'twice.csv',
      );
      expect(b).toEqual([
        expect.objectContaining({ row: 1, column: '年', message: expect.stringContaining('重复的列') }),
      ]);
    });

    it('a merged header cell', async () => {
      const details = await refused(
        await xlsxOf(yearRows('冠县', 2023, 2), HEADER, (sheet) => sheet.mergeCells('A1:B1')),
        'merged.xlsx',
      );
      expect(details.some((d) => d.row === 1 && d.message.includes('合并单元格'))).toBe(true);
    });

    it('the same county and month twice, and a county reviewer’s row of another county', async () => {
      const rows = [...yearRows('临清市', 2023, 3), monthRow('371581', 2023, 2)];
      const dup = await refused(await xlsxOf(rows), 'dup.xlsx', linqing);
      expect(dup).toEqual([
        expect.objectContaining({ row: 5, column: '月', message: expect.stringContaining('与第3行重复') }),
      ]);
      const mixed = [...yearRows('临清市', 2023, 2), monthRow('高唐县', 2023, 1)];
      const other = await refused(await xlsxOf(mixed), 'other.xlsx', linqing);
      expect(other).toEqual([
        expect.objectContaining({ row: 4, column: '县（市、区）', message: expect.stringContaining('只能导入本县') }),
      ]);
      const future = await refused(await xlsxOf([monthRow('临清市', 2026, 7)]), 'future.xlsx', linqing);
      expect(future[0]).toMatchObject({ row: 2, column: '月' });
    });

    it('a file over 2 MB is refused before it is read, and a file of one header only', async () => {
      const big = Buffer.concat([Buffer.from(csvOf([])), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
      const res = await importFile(city, big, 'big.csv');
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('FILE_TOO_LARGE');
      expect(await refused(Buffer.from(csvOf([])), 'header-only.csv')).toEqual([
        expect.objectContaining({ row: null, message: '文件只有表头，没有数据行' }),
      ]);
    });

    it('a file that is neither: no header, not a spreadsheet', async () => {
      const details = await refused(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx');
      expect(details[0]).toMatchObject({ row: null, column: null, field: '文件' });
    });
  });

  it('the template has the header row; the feedback workbook reads back with the month, the year to date, ranks and the province', async () => {
    const template = await fetch(`${api.url}/api/v1/statistics/template`, {
      headers: { authorization: `Bearer ${linqing}` },
    });
    expect(template.status).toBe(200);
    const t = new ExcelJS.Workbook();
    await t.xlsx.load(await template.arrayBuffer());
    expect((t.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);

    // The province's averages: the city sets them; a county reviewer may not.
    const averages = { onlineRetailGrowthBp: 1500, physicalGoodsOnlineShareBp: 2500 };
    expect((await api.call('PUT', '/api/v1/statistics/averages/2025', { token: linqing, body: averages })).status).toBe(
      403,
    );
    const set = await api.call('PUT', '/api/v1/statistics/averages/2025', { token: city, body: averages });
    expect(set.status).toBe(200);
    expect((await list(linqing, 2025)).provinceAverages).toEqual({ year: 2025, ...averages });
    expect((await list(linqing, 2025)).canSetAverages).toBe(false);
    expect((await list(city, 2025)).canSetAverages).toBe(true);

    // Gaotang's 2025 months 1–3, smaller than Linqing's: Linqing ranks first on growth.
    for (const month of [1, 2, 3])
      expect(
        (
          await put(city, `gaotang/2025/${month}`, {
            ...values,
            onlineRetailFen: 100_000_000,
            onlineRetailPriorYearFen: 100_000_000,
          })
        ).status,
      ).toBe(200);
    const res = await fetch(`${api.url}/api/v1/statistics/feedback?county=linqing&year=2025&month=3`, {
      headers: { authorization: `Bearer ${linqing}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('运行监测反馈');
    expect(sheet.getCell('A1').value).toBe('聊城市电子商务运行监测反馈表（临清市，2025年3月）');
    const rowOf = (label: string): ExcelJS.Row => {
      for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === label) return sheet.getRow(r);
      throw new Error(`no row ${label}`);
    };
    // 网络零售额: March 300.5万元; Jan–Mar 100.5 + 200.5 + 300.5 = 601.5万元; the city adds Gaotang's 3 × 100万元.
    const retail = rowOf('网络零售额');
    expect([
      retail.getCell(2).value,
      retail.getCell(3).value,
      retail.getCell(4).value,
      retail.getCell(5).value,
    ]).toEqual(['万元', 300.5, 601.5, 901.5]);
    expect(retail.getCell(3).numFmt).toBe('#,##0.00####');
    // Jan–Mar: 1 + 2 + 99 (March revised by the second import above).
    expect(rowOf('新增网上店铺').getCell(4).value).toBe(102);
    // Growth: 601.5 over 60.25 (10.25 + 20.25 + 30.25… as 10.25, 20.25, 30.25) → computed by the shared rules.
    const growth = rowOf('网络零售额增幅（第一条）');
    const expected = Math.round(((601.5 - 60.75) / 60.75) * 10000);
    expect(Math.round((growth.getCell(3).value as number) * 10000)).toBe(expected);
    expect(growth.getCell(3).numFmt).toBe('0.00%');
    expect(growth.getCell(4).value).toBe(0.15);
    expect(growth.getCell(5).value).toBe('第1名');
    expect(rowOf('实物商品网络零售额占社会消费品零售总额比重（第一条）').getCell(4).value).toBe(0.25);
    // Nothing entered for the month: NOT_FOUND.
    const none = await api.call('GET', '/api/v1/statistics/feedback?county=linqing&year=2022&month=3', {
      token: linqing,
    });
    expect(none.status).toBe(404);
  });
});
