// Integer fen arithmetic. Every input is a safe non-negative integer (validated at the
// edge); every division rounds down to the fen, as the policy reading requires.

const BP_PER_WHOLE = 10_000;

/** `amountFen × bp / 10000`, rounded down, exact for any safe integer amount. */
export const applyBasisPoints = (amountFen: number, bp: number): number => {
  const whole = Math.floor(amountFen / BP_PER_WHOLE);
  const rest = amountFen - whole * BP_PER_WHOLE;
  return whole * bp + Math.floor((rest * bp) / BP_PER_WHOLE);
};

/** Number of full units in an amount (每实现1万元 counts only full 10,000 yuan). */
export const fullUnits = (amountFen: number, unitFen: number): number => Math.floor(amountFen / unitFen);

const group = (digits: string): string => {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
};

/** Decimal string of `value / 10^scale` with trailing zeros trimmed, integer part grouped. */
const decimal = (value: number, scale: number): string => {
  const divisor = 10 ** scale;
  const whole = Math.floor(value / divisor);
  let frac = String(value - whole * divisor).padStart(scale, '0');
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  return frac ? `${group(String(whole))}.${frac}` : group(String(whole));
};

const FEN_PER_WAN = 1_000_000;
const FEN_PER_YI = 10_000_000_000;

/**
 * Chinese amount as users read it, always exact to the fen: whole 亿 as "1亿元"; from 1万元
 * up in 万元 when that needs at most two decimals ("1,234.56万元"); otherwise in 元
 * ("356,789,012.34元"). Never rounds: a shortfall shown to a firm is exactly what it lacks.
 */
export const formatFen = (fen: number): string => {
  if (fen < 0) return `-${formatFen(-fen)}`;
  if (fen >= FEN_PER_YI && fen % FEN_PER_YI === 0) return `${group(String(fen / FEN_PER_YI))}亿元`;
  if (fen >= FEN_PER_WAN && fen % 10_000 === 0) return `${decimal(fen / 10_000, 2)}万元`;
  return `${decimal(fen, 2)}元`;
};

/** Basis points as a percentage: 8000 → "80%", 1525 → "15.25%". */
export const formatBasisPoints = (bp: number): string => (bp < 0 ? `-${decimal(-bp, 2)}%` : `${decimal(bp, 2)}%`);

export const formatCount = (n: number): string => group(String(n));
