import { describe, expect, it } from '@jest/globals';
import { bpToPercentText, fenToYuanText, parseCount, parsePercent, parseYuan } from '../src/calculator/numbers';

const fen = (text: string): number | string => {
  const parsed = parseYuan(text);
  return parsed.ok ? parsed.value : parsed.message;
};

describe('yuan typed → integer fen, never through floating point', () => {
  it.each([
    ['0.07', 7],
    ['0.1', 10],
    ['99999999.99', 9_999_999_999],
    ['100000000', 10_000_000_000],
    ['1,000.5', 100_050],
    ['12,345,678.9', 1_234_567_890],
    ['１２３．４５', 12_345],
    [' 7 ', 700],
    ['7元', 700],
    ['007.10', 710],
    ['5.', 500],
  ])('%s yuan is %d fen', (text, expected) => expect(fen(text)).toBe(expected));

  it('0.07 is 7 fen although 0.07 * 100 is 7.000000000000001 in floating point', () => {
    expect(0.07 * 100).not.toBe(7);
    expect(fen('0.07')).toBe(7);
  });

  it.each([
    ['1,00', '千位分隔符“,”只能每三位一个，例如 1,000.5；也可以不写'],
    ['1,0000', '千位分隔符“,”只能每三位一个，例如 1,000.5；也可以不写'],
    ['0.001', '金额最多精确到分（小数点后两位）'],
    ['-1', '金额不能为负数'],
    ['1e5', '请输入数字，例如 1000.50'],
    ['abc', '请输入数字，例如 1000.50'],
    ['.5', '请输入数字，例如 1000.50'],
    ['99999999999999999', '数字过大，请检查'],
  ])('%s is refused: %s', (text, message) => expect(fen(text)).toBe(message));

  it('shows fen back as the yuan the user typed', () => {
    expect(fenToYuanText(100_050)).toBe('1000.5');
    expect(fenToYuanText(7)).toBe('0.07');
    expect(fenToYuanText(10_000_000_000)).toBe('100000000');
  });
});

describe('percent typed → basis points', () => {
  it('reads exact decimals and refuses more than 100%', () => {
    expect(parsePercent('80')).toEqual({ ok: true, value: 8000 });
    expect(parsePercent('15.25%')).toEqual({ ok: true, value: 1525 });
    expect(parsePercent('0.29')).toEqual({ ok: true, value: 29 });
    expect(parsePercent('100.01')).toEqual({ ok: false, message: '比例不能超过100%' });
    expect(bpToPercentText(1525)).toBe('15.25');
  });
});

describe('counts', () => {
  it('are whole numbers', () => {
    expect(parseCount('2,000')).toEqual({ ok: true, value: 2000 });
    expect(parseCount('2.5')).toEqual({ ok: false, message: '请输入整数，例如 12' });
  });
});
