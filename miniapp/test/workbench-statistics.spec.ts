import { describe, expect, it } from '@jest/globals';
import { ApiError } from '@huiqi/shared';
import {
  averagesOf,
  bpToPercent,
  countOf,
  fenToWan,
  importProblemsOf,
  monthDraftOf,
  monthsOpen,
  monthValuesOf,
  percentToBp,
  wanToFen,
} from '../src/workbench/statistics';

// 运行监测's plain logic (miniapp/src/workbench/statistics.ts): 万元 ⇄ fen and % ⇄ basis points
// exactly, the month form, the months open today, an import's listed problems.

describe('万元 and fen', () => {
  it('converts exactly both ways, to the fen, without floats', () => {
    expect(wanToFen('1234.567891')).toEqual({ fen: 1_234_567_891 });
    expect(wanToFen('0.000001')).toEqual({ fen: 1 });
    expect(wanToFen('1,234.5')).toEqual({ fen: 1_234_500_000 });
    expect(wanToFen('0.1')).toEqual({ fen: 100_000 });
    expect(fenToWan(1_234_567_891)).toBe('1234.567891');
    expect(fenToWan(1_234_500_000)).toBe('1234.5');
    expect(fenToWan(0)).toBe('0');
    for (const fen of [1, 99, 100_000, 123_456_789_012]) expect(wanToFen(fenToWan(fen))).toEqual({ fen });
  });

  it('refuses what is not an amount, saying what to fix', () => {
    expect(wanToFen('1.1234567')).toEqual({ error: expect.stringContaining('最多6位小数') });
    expect(wanToFen('-1')).toEqual({ error: '不能为负数' });
    expect(wanToFen('一千')).toEqual({ error: expect.stringContaining('请填写数字') });
    expect(wanToFen('')).toEqual({ error: expect.stringContaining('请填写金额') });
    expect(countOf('2.5')).toEqual({ error: expect.stringContaining('整数') });
    expect(countOf('25')).toEqual({ count: 25 });
  });

  it('reads the month form into the request, or names each field', () => {
    const draft = monthDraftOf({
      onlineRetailFen: 1_000_000,
      onlineRetailPriorYearFen: 1,
      physicalGoodsOnlineRetailFen: 0,
      totalRetailSalesFen: 5_000_000,
      newOnlineShops: 3,
      relocatedShops: 0,
      relocatedShopsStatisticalRetailFen: 0,
    });
    expect(draft.onlineRetailFen).toBe('1');
    expect(draft.onlineRetailPriorYearFen).toBe('0.000001');
    const read = monthValuesOf(draft);
    expect(read.ok && read.values.onlineRetailPriorYearFen).toBe(1);
    const bad = monthValuesOf({ ...draft, newOnlineShops: 'x', totalRetailSalesFen: '' });
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['newOnlineShops', 'totalRetailSalesFen']);
  });
});

describe('percentages and basis points', () => {
  it('two decimals exactly, growth may be negative, a share at most 100%', () => {
    expect(percentToBp('12.34', false)).toEqual({ bp: 1234 });
    expect(percentToBp('-0.5', true)).toEqual({ bp: -50 });
    expect(percentToBp('-0.5', false)).toEqual({ error: '不能为负数' });
    expect(percentToBp('1.234', true)).toEqual({ error: expect.stringContaining('最多2位小数') });
    expect(bpToPercent(1234)).toBe('12.34');
    expect(bpToPercent(-50)).toBe('-0.50');
    expect(averagesOf('15', '25.5')).toEqual({
      ok: true,
      body: { onlineRetailGrowthBp: 1500, physicalGoodsOnlineShareBp: 2550 },
    });
    expect(averagesOf('x', '100.01')).toEqual({
      ok: false,
      errors: { growth: expect.any(String), share: '占比不能超过100%' },
    });
  });
});

describe('months and import problems', () => {
  it('offers no month after today’s', () => {
    expect(monthsOpen(2026, '2026-06-15')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(monthsOpen(2025, '2026-06-15')).toHaveLength(12);
    expect(monthsOpen(2027, '2026-06-15')).toEqual([]);
  });

  it('lists an import refusal’s problems, and nothing for any other error', () => {
    const problem = { field: '第5行“网络零售额（万元）”', message: '不是数字', row: 5, column: '网络零售额（万元）' };
    expect(importProblemsOf(new ApiError('IMPORT_INVALID', '导入失败', 422, [problem], null))).toEqual([problem]);
    expect(importProblemsOf(new ApiError('FORBIDDEN', '无权', 403, [], null))).toEqual([]);
    expect(importProblemsOf(new Error('x'))).toEqual([]);
  });
});
