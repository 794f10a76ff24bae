import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  EXPORT_HEADER,
  fenToYuan,
  LedgerMismatchError,
  type PoolAwardRow,
  type PoolExport,
  poolAwardsCsv,
  poolAwardsXlsx,
  sheetNameFor,
} from './export-format.js';

/** The shared package's switch (shared/src/testing/property-runs.ts), which this project cannot import. */
const PROPERTY_RUNS = Number(process.env['PROPERTY_RUNS'] || 200);

const row = (over: Partial<PoolAwardRow> & Pick<PoolAwardRow, 'applicationId' | 'awardFen'>): PoolAwardRow => ({
  firmName: '聊城市某电子商务有限公司',
  uscc: '91371500MA3C000001',
  county: '东昌府区',
  programTitle: '电商龙头企业奖励',
  measure: '措施二',
  statusLabel: '已拨付',
  reservedAt: '2025-03-03',
  committedAt: '2025-03-12',
  paidAt: '2025-04-01',
  voucherNo: 'CZ-2025-0001',
  ...over,
});

/** Names that are hard for CSV (commas, quotes, line breaks) and for Excel (formula starts). */
const EXPORT: PoolExport = {
  roundTitle: '2024年度第一批',
  poolId: 7,
  poolTitle: '措施二: 龙头企业/奖励[2024]',
  rows: [
    row({ applicationId: 101, awardFen: 12_345_678, firmName: '聊城"优品",电商\r\n有限公司' }),
    row({
      applicationId: 102,
      awardFen: 1,
      firmName: '=HYPERLINK("http://evil.example","点我")',
      uscc: '913715000000000000',
      county: '临清市',
      paidAt: undefined,
      voucherNo: undefined,
      statusLabel: '公示期满',
    }),
    row({
      applicationId: 103,
      awardFen: 99_999_999_999,
      firmName: '+86 电商',
      committedAt: undefined,
      paidAt: undefined,
      voucherNo: undefined,
      statusLabel: '公示中',
    }),
    row({ applicationId: 104, awardFen: 10, firmName: '-1+1', voucherNo: '@SUM(A1)' }),
    row({ applicationId: 105, awardFen: 200_000_000, firmName: '\t制表', statusLabel: '已拨付', paidAt: '2025-04-02' }),
  ],
  ledger: {
    capFen: 200_000_000_000,
    reservedFen: 99_999_999_999,
    committedFen: 12_345_678 + 1 + 10 + 200_000_000,
    paidFen: 12_345_678 + 10 + 200_000_000,
  },
};
const TOTAL_FEN = EXPORT.rows.reduce((a, r) => a + r.awardFen, 0);

/** RFC 4180, written for the test: quoted fields, doubled quotes, CRLF between records. */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      let end = i + 1;
      for (;;) {
        const q = text.indexOf('"', end);
        if (q < 0) throw new Error('unterminated quote');
        if (text[q + 1] === '"') {
          field += text.slice(end, q + 1);
          end = q + 2;
        } else {
          field += text.slice(end, q);
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '"' || ch === '\r' || ch === '\n') {
      throw new Error(`bare ${JSON.stringify(ch)} in an unquoted field at ${i}`);
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
};

/** "1234.56" back to 123456 fen, by string, refusing anything but two decimals. */
const yuanTextToFen = (text: string | undefined): number => {
  const m = /^(\d+)\.(\d{2})$/.exec(text ?? '');
  if (m === null) throw new Error(`not a two-decimal amount: ${text}`);
  return Number(m[1]) * 100 + Number(m[2]);
};
/** A sheet number back to fen: two decimals of the double, read as text (15 digits round-trip). */
const sheetNumberToFen = (value: unknown): number => {
  if (typeof value !== 'number') throw new Error(`not a number: ${String(value)}`);
  return yuanTextToFen(value.toFixed(2));
};

const defused = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

describe('finance exports of a pool', () => {
  describe('amounts in yuan from integer fen', () => {
    it.each([
      [0, '0.00'],
      [1, '0.01'],
      [10, '0.10'],
      [100, '1.00'],
      [123_456, '1234.56'],
      [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    ])('%i fen is %s', (fen, text) => expect(fenToYuan(fen)).toBe(text));

    it.each([-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %p', (bad) => {
      expect(() => fenToYuan(bad)).toThrow(RangeError);
    });

    it('reads back to the same fen for any safe amount', () => {
      fc.assert(
        fc.property(fc.maxSafeNat(), (fen) => yuanTextToFen(fenToYuan(fen)) === fen),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('as a sheet number, reads back to the same fen below 10^15 fen', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (fen) => {
          return sheetNumberToFen(Number(fenToYuan(fen))) === fen;
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });
  });

  describe('CSV', () => {
    const csv = poolAwardsCsv(EXPORT);
    const records = parseCsv(csv.slice(1));

    it('starts with a UTF-8 byte-order mark and ends each record with CRLF', () => {
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.endsWith('\r\n')).toBe(true);
    });

    it('parses back to the header and every award, field by field, amounts to the fen', () => {
      expect(records[0]).toEqual([...EXPORT_HEADER]);
      EXPORT.rows.forEach((r, i) => {
        const rec = records[i + 1] as string[];
        expect(rec).toEqual([
          String(i + 1),
          String(r.applicationId),
          defused(r.firmName),
          r.uscc,
          r.county,
          r.programTitle,
          r.measure,
          r.statusLabel,
          fenToYuan(r.awardFen),
          defused(r.voucherNo ?? ''),
          r.paidAt ?? '',
        ]);
        expect(yuanTextToFen(rec[8])).toBe(r.awardFen);
      });
      expect(records.every((rec) => rec.length === EXPORT_HEADER.length)).toBe(true);
    });

    it('closes with the rows total and the ledger total, equal to the fen, then the ledger and the pool', () => {
      const summary = records.slice(EXPORT.rows.length + 1).map((rec) => [rec[0], rec[8] || rec[2]]);
      expect(summary).toEqual([
        ['合计（5项）', fenToYuan(TOTAL_FEN)],
        ['台账合计（已预留＋已确认）', fenToYuan(EXPORT.ledger.reservedFen + EXPORT.ledger.committedFen)],
        ['其中：已预留（待公示期满）', fenToYuan(EXPORT.ledger.reservedFen)],
        ['其中：已确认', fenToYuan(EXPORT.ledger.committedFen)],
        ['已拨付', fenToYuan(EXPORT.ledger.paidFen)],
        ['资金池额度', fenToYuan(EXPORT.ledger.capFen)],
        ['资金池剩余额度', fenToYuan(EXPORT.ledger.capFen - TOTAL_FEN)],
        ['申报批次', EXPORT.roundTitle],
        ['资金池', `${EXPORT.poolTitle}（编号：7）`],
      ]);
      const rowsFen = records.slice(1, EXPORT.rows.length + 1).reduce((a, rec) => a + yuanTextToFen(rec[8]), 0);
      expect(rowsFen).toBe(yuanTextToFen(summary[0]?.[1]));
      expect(rowsFen).toBe(yuanTextToFen(summary[1]?.[1]));
    });

    it('defuses every cell Excel would read as a formula, and no other', () => {
      const cells = records.flat();
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(records[2]?.[2]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
      expect(records[3]?.[2]).toBe(`'+86 电商`);
      expect(records[4]?.[2]).toBe(`'-1+1`);
      expect(records[4]?.[9]).toBe(`'@SUM(A1)`);
      expect(records[5]?.[2]).toBe(`'\t制表`);
      expect(records[1]?.[2]).toBe('聊城"优品",电商\r\n有限公司');
      const titled = parseCsv(poolAwardsCsv({ ...EXPORT, roundTitle: '=1+2', poolTitle: '\r=cmd' }).slice(1));
      expect(titled.at(-2)?.[2]).toBe(`'=1+2`);
      expect(titled.at(-1)?.[2]).toBe(`'\r=cmd（编号：7）`);
    });

    it('writes an empty pool as the header and zero totals', () => {
      const empty = parseCsv(
        poolAwardsCsv({
          ...EXPORT,
          rows: [],
          ledger: { capFen: 100, reservedFen: 0, committedFen: 0, paidFen: 0 },
        }).slice(1),
      );
      expect([empty[1]?.[0], empty[1]?.[8]]).toEqual(['合计（0项）', '0.00']);
      expect(empty.at(-3)?.[8]).toBe('1.00');
    });
  });

  describe('Excel', () => {
    const load = async (input: PoolExport): Promise<ExcelJS.Worksheet> => {
      const workbook = new ExcelJS.Workbook();
      const bytes = await poolAwardsXlsx(input);
      await workbook.xlsx.load(new Uint8Array(bytes).buffer);
      expect(workbook.worksheets).toHaveLength(1);
      return workbook.worksheets[0] as ExcelJS.Worksheet;
    };

    it('is a zip (an .xlsx) with one sheet named after the pool, the Chinese header frozen', async () => {
      const bytes = await poolAwardsXlsx(EXPORT);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      const sheet = await load(EXPORT);
      expect(sheet.name).toBe('措施二： 龙头企业／奖励［2024］');
      expect(sheet.getRow(1).values).toEqual([undefined, ...EXPORT_HEADER]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });

    it('parses back to every award cell by cell, identifiers as text and amounts as 0.00 numbers to the fen', async () => {
      const sheet = await load(EXPORT);
      EXPORT.rows.forEach((r, i) => {
        const cells = sheet.getRow(i + 2);
        expect(cells.getCell(1).value).toBe(i + 1);
        expect(cells.getCell(2).value).toBe(r.applicationId);
        // As typed (a string cell is never a formula), the CRLF of the first as Excel's line break.
        expect(cells.getCell(3).value).toBe(r.firmName.replace('\r\n', '\n'));
        expect(cells.getCell(3).type).toBe(ExcelJS.ValueType.String);
        expect(cells.getCell(4).value).toBe(r.uscc);
        expect(cells.getCell(4).type).toBe(ExcelJS.ValueType.String);
        expect(cells.getCell(5).value).toBe(r.county);
        expect(cells.getCell(6).value).toBe(r.programTitle);
        expect(cells.getCell(7).value).toBe(r.measure);
        expect(cells.getCell(8).value).toBe(r.statusLabel);
        expect(sheetNumberToFen(cells.getCell(9).value)).toBe(r.awardFen);
        expect(cells.getCell(9).numFmt).toBe('0.00');
        expect(cells.getCell(10).value).toBe(r.voucherNo ?? null);
        expect(cells.getCell(11).value).toBe(r.paidAt ?? null);
      });
    });

    it('totals with a SUM formula over the amounts and with the ledger, which agree to the fen', async () => {
      const sheet = await load(EXPORT);
      const n = EXPORT.rows.length;
      const sum = sheet.getCell(n + 2, 9);
      expect(sheet.getCell(n + 2, 1).value).toBe('合计（5项）');
      expect(sum.formula).toBe(`SUM(I2:I${n + 1})`);
      expect(sheetNumberToFen(sum.result)).toBe(TOTAL_FEN);
      expect(sum.numFmt).toBe('0.00');
      expect(sheet.getCell(n + 3, 1).value).toBe('台账合计（已预留＋已确认）');
      const ledgerFen = sheetNumberToFen(sheet.getCell(n + 3, 9).value);
      expect(ledgerFen).toBe(EXPORT.ledger.reservedFen + EXPORT.ledger.committedFen);
      let cellsFen = 0;
      for (let r = 2; r <= n + 1; r++) cellsFen += sheetNumberToFen(sheet.getCell(r, 9).value);
      expect(cellsFen).toBe(ledgerFen);
      expect(
        [4, 5, 6, 7, 8].map((k) => [sheet.getCell(n + k, 1).value, sheetNumberToFen(sheet.getCell(n + k, 9).value)]),
      ).toEqual([
        ['其中：已预留（待公示期满）', EXPORT.ledger.reservedFen],
        ['其中：已确认', EXPORT.ledger.committedFen],
        ['已拨付', EXPORT.ledger.paidFen],
        ['资金池额度', EXPORT.ledger.capFen],
        ['资金池剩余额度', EXPORT.ledger.capFen - TOTAL_FEN],
      ]);
      expect(sheet.getCell(n + 9, 3).value).toBe(EXPORT.roundTitle);
      expect(sheet.getCell(n + 10, 3).value).toBe(`${EXPORT.poolTitle}（编号：7）`);
    });

    it('writes line breaks as Excel keeps them and leaves out control characters XML cannot carry', async () => {
      const messy = row({ applicationId: 1, awardFen: 5, firmName: 'a\r\nb\rc\nd\u000be\u0000f\tg' });
      const ledger = { capFen: 5, reservedFen: 0, committedFen: 5, paidFen: 5 };
      const sheet = await load({ ...EXPORT, rows: [messy], ledger, roundTitle: '第一批\u001f' });
      expect(sheet.getCell(2, 3).value).toBe('a\nb\nc\ndef\tg');
      expect(sheet.getCell(3 + 7, 3).value).toBe('第一批');
      expect(parseCsv(poolAwardsCsv({ ...EXPORT, rows: [messy], ledger }).slice(1))[1]?.[2]).toBe(messy.firmName);
    });

    it('writes an empty pool with a zero total (no formula over an empty range)', async () => {
      const sheet = await load({
        ...EXPORT,
        rows: [],
        ledger: { capFen: 5, reservedFen: 0, committedFen: 0, paidFen: 0 },
      });
      expect(sheet.getCell(2, 1).value).toBe('合计（0项）');
      expect(sheet.getCell(2, 9).value).toBe(0);
    });

    it('refuses an amount a sheet number cannot hold to the fen', async () => {
      const huge = 1_000_000_000_000_000;
      const input: PoolExport = {
        ...EXPORT,
        rows: [row({ applicationId: 1, awardFen: huge })],
        ledger: { capFen: huge, reservedFen: 0, committedFen: huge, paidFen: huge },
      };
      await expect(poolAwardsXlsx(input)).rejects.toThrow(RangeError);
      expect(() => poolAwardsCsv(input)).not.toThrow();
    });
  });

  describe('sheet names', () => {
    it.each([
      ['措施二', 1, '措施二'],
      ['a/b\\c?d*e:f[g]', 1, 'a／b＼c？d＊e：f［g］'],
      ["'引号'", 1, '引号'],
      ['   ', 9, '资金池9'],
      ['History', 1, 'History（资金池）'],
      [
        '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三',
        1,
        '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一',
      ],
    ])('%j is written as %j', (title, id, name) => {
      expect(sheetNameFor(title, id)).toBe(name);
      expect(name.length).toBeLessThanOrEqual(31);
    });
  });

  describe('refuses rows that disagree with the ledger', () => {
    const both = async (input: PoolExport, line: string): Promise<void> => {
      expect(() => poolAwardsCsv(input)).toThrow(LedgerMismatchError);
      expect(() => poolAwardsCsv(input)).toThrow(
        expect.objectContaining({ userMessage: expect.stringMatching(/未生成导出文件。$/) }),
      );
      await expect(poolAwardsXlsx(input)).rejects.toMatchObject({
        name: 'LedgerMismatchError',
        disagreement: { line },
      });
    };

    it('a total one fen off the ledger', async () => {
      await both({ ...EXPORT, ledger: { ...EXPORT.ledger, reservedFen: EXPORT.ledger.reservedFen + 1 } }, 'total');
    });

    it('committed awards that are not the ledger’s committed amount', async () => {
      const ledger = {
        ...EXPORT.ledger,
        reservedFen: EXPORT.ledger.reservedFen + 10,
        committedFen: EXPORT.ledger.committedFen - 10,
      };
      await both({ ...EXPORT, ledger }, 'committed');
    });

    it('paid awards that are not the ledger’s paid amount', async () => {
      await both({ ...EXPORT, ledger: { ...EXPORT.ledger, paidFen: EXPORT.ledger.paidFen - 1 } }, 'paid');
    });

    it('a ledger holding more than the pool', async () => {
      await both({ ...EXPORT, ledger: { ...EXPORT.ledger, capFen: TOTAL_FEN - 1 } }, 'cap');
    });

    it('an amount that is not whole fen', () => {
      const input = { ...EXPORT, rows: [row({ applicationId: 1, awardFen: 1.5 })] };
      expect(() => poolAwardsCsv(input)).toThrow(RangeError);
    });
  });
});
