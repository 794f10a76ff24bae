import { applyBasisPoints, formatBasisPoints, formatFen, fullUnits } from './money';

describe('money in integer fen', () => {
  it.each([
    [10_000_000_000, '1亿元'],
    [20_000_000_000, '2亿元'],
    [12_345_600_000, '12,345.6万元'],
    [35_678_901_234, '356,789,012.34元'],
    [2_000_000_000, '2,000万元'],
    [1_000_000, '1万元'],
    [12_345_600, '123,456元'],
    [14_271_200, '142,712元'],
    [999_999, '9,999.99元'],
    [100, '1元'],
    [150, '1.5元'],
    [1, '0.01元'],
    [0, '0元'],
  ])('formatFen(%i) = %s, exact, never rounded', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([
    [8000, '80%'],
    [1525, '15.25%'],
    [5, '0.05%'],
    [-300, '-3%'],
  ])('formatBasisPoints(%i) = %s', (bp, text) => expect(formatBasisPoints(bp)).toBe(text));

  it('applies basis points rounding down, exactly, up to the largest safe integer', () => {
    expect(applyBasisPoints(60_000_000, 2000)).toBe(12_000_000);
    expect(applyBasisPoints(9, 2000)).toBe(1);
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(applyBasisPoints(Number.MAX_SAFE_INTEGER, 2000)).toBe(1_801_439_850_948_198);
  });

  it('counts only full units', () => {
    expect(fullUnits(1_999_999, 1_000_000)).toBe(1);
    expect(fullUnits(2_000_000, 1_000_000)).toBe(2);
  });
});
