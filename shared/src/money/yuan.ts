/** What a yuan amount as typed turns into: integer fen, or what to fix (Chinese). */
export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * A yuan amount as a decimal string ("500000", "123456.78") → integer fen, exactly: the digits are
 * moved, never multiplied as a float. At most two decimals (the fen); no sign, no grouping.
 */
export const yuanToFen = (input: unknown): YuanParse => {
  if (typeof input !== 'string')
    return { ok: false, message: '必须是以元为单位的金额文本，例如 "500000" 或 "500000.50"' };
  const match = YUAN.exec(input.trim());
  if (!match)
    return { ok: false, message: '必须是以元为单位的金额，最多两位小数，不带符号和千位分隔符，例如 500000.50' };
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, message: '金额过大，请检查' };
  return { ok: true, fen };
};

/** Integer fen → the yuan text a form shows and `yuanToFen` reads back: 10000050 → "100000.5". */
export const fenToYuanString = (fen: number): string => {
  const whole = Math.floor(fen / 100);
  const cents = fen - whole * 100;
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
};
