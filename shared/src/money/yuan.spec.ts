import { fenToYuanString, yuanToFen } from './yuan';

describe('yuan as typed → integer fen, exactly', () => {
  it.each([
    ['100000', 10_000_000],
    ['0.07', 7],
    ['10000000.5', 1_000_000_050],
    [' 123456.78 ', 12_345_678],
  ])('%s → %i fen', (input, fen) => {
    expect(yuanToFen(input)).toEqual({ ok: true, fen });
  });

  it.each(['', '-1', '1,000', '1.234', '1e5', '１００'])('refuses %j', (input) => {
    expect(yuanToFen(input).ok).toBe(false);
  });

  it('refuses a number (the wire takes text, so no float ever carries money)', () => {
    expect(yuanToFen(100000)).toEqual({
      ok: false,
      message: '必须是以元为单位的金额文本，例如 "500000" 或 "500000.50"',
    });
  });

  it('reads back what it writes', () => {
    for (const fen of [0, 7, 70, 10_000_000, 1_000_000_050])
      expect(yuanToFen(fenToYuanString(fen))).toEqual({ ok: true, fen });
  });
});
