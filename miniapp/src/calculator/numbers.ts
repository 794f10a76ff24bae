// What a person types into a number field, read exactly: decimal strings are split into digits,
// never passed through floating point (0.07 yuan is 7 fen, not 7.000000000000001).

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const FULL_WIDTH_ZERO = 0xff10;

/** Full-width digits and points (a Chinese keyboard) read as ASCII; spaces around dropped. */
const normalize = (text: string): string => {
  let out = '';
  for (const ch of text.trim()) {
    const code = ch.charCodeAt(0);
    if (code >= FULL_WIDTH_ZERO && code <= FULL_WIDTH_ZERO + 9) out += String.fromCharCode(code - FULL_WIDTH_ZERO + 48);
    else if (ch === '．' || ch === '。') out += '.';
    else if (ch === '，') out += ',';
    else out += ch;
  }
  return out;
};

/**
 * Thousands separators are accepted where they group by three ("1,000.5", "12,345,678"), since
 * people copy figures from statements written that way; anywhere else ("1,00") they are refused,
 * because the reader may have meant a decimal point.
 */
const ungroup = (text: string): string | null => {
  if (!text.includes(',')) return text;
  const [whole = '', ...rest] = text.split('.');
  if (!/^\d{1,3}(,\d{3})+$/.test(whole)) return null;
  return [whole.replace(/,/g, ''), ...rest].join('.');
};

/** "12.3" with at most `scale` decimals → 1230 (for scale 2), as a safe integer. */
const scaled = (text: string, scale: number, what: string): Parsed => {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, message: `请输入数字，例如 ${what}` };
  const whole = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > scale) return { ok: false, message: `最多保留${scale}位小数` };
  const digits = (whole + frac.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, message: '数字过大，请检查' };
  return { ok: true, value };
};

/** Yuan as typed → integer fen. "0.07" → 7, "1,000.5" → 100050, "1,00" refused. */
export const parseYuan = (input: string): Parsed => {
  let text = normalize(input);
  if (text.endsWith('元')) text = text.slice(0, -1).trim();
  if (text.startsWith('-')) return { ok: false, message: '金额不能为负数' };
  const plain = ungroup(text);
  if (plain === null) return { ok: false, message: '千位分隔符“,”只能每三位一个，例如 1,000.5；也可以不写' };
  const parsed = scaled(plain, 2, '1000.50');
  if (!parsed.ok && parsed.message === '最多保留2位小数')
    return { ok: false, message: '金额最多精确到分（小数点后两位）' };
  return parsed;
};

/** A percentage as typed → basis points. "15.25" → 1525; at most 100%. */
export const parsePercent = (input: string): Parsed => {
  let text = normalize(input);
  if (text.endsWith('%') || text.endsWith('％')) text = text.slice(0, -1).trim();
  if (text.startsWith('-')) return { ok: false, message: '比例不能为负数' };
  const parsed = scaled(text, 2, '15.25');
  if (parsed.ok && parsed.value > 10_000) return { ok: false, message: '比例不能超过100%' };
  return parsed;
};

/** A whole number of things (rooms, people, square metres). */
export const parseCount = (input: string): Parsed => {
  const text = ungroup(normalize(input));
  if (text === null || !/^\d+$/.test(text)) return { ok: false, message: '请输入整数，例如 12' };
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { ok: false, message: '数字过大，请检查' };
  return { ok: true, value };
};

/** A year such as 2023. */
export const parseYear = (input: string): Parsed => {
  const text = normalize(input).replace(/年$/, '');
  if (!/^\d{4}$/.test(text)) return { ok: false, message: '请输入四位数的年份，例如 2023' };
  const value = Number(text);
  if (value < 1900 || value > 2100) return { ok: false, message: '年份应在1900年到2100年之间' };
  return { ok: true, value };
};

const withScale = (value: number, scale: number): string => {
  const divisor = 10 ** scale;
  const whole = Math.floor(value / divisor);
  const frac = String(value - whole * divisor)
    .padStart(scale, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
};

/** Integer fen → what the yuan field shows: 100050 → "1000.5". */
export const fenToYuanText = (fen: number): string => withScale(fen, 2);

/** Basis points → what the percent field shows: 1525 → "15.25". */
export const bpToPercentText = (bp: number): string => withScale(bp, 2);
