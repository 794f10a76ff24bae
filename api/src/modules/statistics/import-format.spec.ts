import { describe, expect, it } from '@jest/globals';
import { countOf, decodeCsv, ImportRefusal, parseCsv, type RawCell, readMonths, wanToFen } from './import-format.js';

const text = (t: string): RawCell => ({ kind: 'text', text: t });
const num = (value: number): RawCell => ({ kind: 'number', value });

describe('万元 to fen', () => {
  it('is exact to the fen for text and number cells', () => {
    expect(wanToFen(text('1234.567891'))).toEqual({ fen: 1_234_567_891 });
    expect(wanToFen(text('1,234.5'))).toEqual({ fen: 1_234_500_000 });
    expect(wanToFen(num(0.1))).toEqual({ fen: 100_000 });
    expect(wanToFen(num(0.3))).toEqual({ fen: 300_000 });
    expect(wanToFen(num(123456789.123456))).toEqual({ fen: 123_456_789_123_456 });
    expect(wanToFen(text('007'))).toEqual({ fen: 7_000_000 });
  });

  it('refuses what is not an amount, saying why', () => {
    expect(wanToFen(num(0.1 + 0.2))).toEqual({ problem: expect.stringContaining('最多6位小数') });
    expect(wanToFen(num(1e-7))).toEqual({ problem: expect.stringContaining('不是数字') });
    expect(wanToFen(text('1.2.3'))).toEqual({ problem: expect.stringContaining('不是数字') });
    expect(wanToFen(text('-5'))).toEqual({ problem: '金额不能为负数' });
    expect(wanToFen(text('1234567890'))).toEqual({ problem: expect.stringContaining('金额过大') });
    expect(wanToFen({ kind: 'empty' })).toEqual({ problem: expect.stringContaining('请填写') });
    expect(countOf(text('3.0'))).toEqual({ count: 3 });
    expect(countOf(num(2.5))).toEqual({ problem: expect.stringContaining('不能有小数') });
  });
});

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF or LF, and where each record starts', () => {
    expect(parseCsv('a,"b,1","c ""x""\r\nd"\r\ne,f,g\n')).toEqual([
      { line: 1, fields: ['a', 'b,1', 'c "x"\r\nd'] },
      { line: 3, fields: ['e', 'f', 'g'] },
    ]);
    expect(() => parseCsv('a,"b\nc')).toThrow(ImportRefusal);
  });

  it('decodes UTF-8 (dropping a BOM) and otherwise GBK', () => {
    expect(decodeCsv(Buffer.from('\ufeff临清市', 'utf8'))).toEqual({ text: '临清市', encoding: 'utf-8' });
    // 临清市 in GBK.
    expect(decodeCsv(Uint8Array.from([0xc1, 0xd9, 0xc7, 0xe5, 0xca, 0xd0]))).toEqual({
      text: '临清市',
      encoding: 'gbk',
    });
  });
});

describe('reading the months', () => {
  const header = [
    '县（市、区）',
    '年',
    '月',
    '网络零售额(万元)',
    '上年同期网络零售额（万元）',
    '实物商品网络零售额（万元）',
    '社会消费品零售总额（万元）',
    '新增网上店铺（家）',
    '迁入店铺（家）',
    '迁入店铺纳统网络零售额（万元）',
  ].map(text);
  const row = (cells: (string | number)[]): RawCell[] => cells.map((c) => (typeof c === 'number' ? num(c) : text(c)));
  const scope = { county: null, today: { year: 2026, month: 6 } };

  it('tolerates half-width brackets in the header and reads each row', () => {
    const months = readMonths(
      {
        header,
        rows: [{ row: 2, cells: row(['东阿县', 2026, 6, '1', '1', '1', '1', 1, 0, '0']) }],
        mergedHeaderColumns: [],
      },
      scope,
    );
    expect(months).toEqual([
      {
        county: 'donge',
        year: 2026,
        month: 6,
        onlineRetailFen: 1_000_000,
        onlineRetailPriorYearFen: 1_000_000,
        physicalGoodsOnlineRetailFen: 1_000_000,
        totalRetailSalesFen: 1_000_000,
        newOnlineShops: 1,
        relocatedShops: 0,
        relocatedShopsStatisticalRetailFen: 0,
      },
    ]);
  });

  it('names data beyond the header, an unknown county, a bad month, all at once', () => {
    const refusal = (() => {
      try {
        readMonths(
          {
            header,
            rows: [{ row: 4, cells: row(['北京市', 2026, 13, '1', '1', '1', '1', 1, 0, '0', 'x']) }],
            mergedHeaderColumns: [],
          },
          scope,
        );
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect((refusal as ImportRefusal).problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'K列'],
      [4, '县（市、区）'],
      [4, '月'],
    ]);
  });
});
