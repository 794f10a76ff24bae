import { applyBasisPoints, formatFen } from './money';

describe('money', () => {
  it('formats', () => {
    expect(formatFen(10_000_000_000)).toBe('1亿元');
  });
  it('bp', () => expect(applyBasisPoints(60_000_000, 2000)).toBe(12_000_000));
});
