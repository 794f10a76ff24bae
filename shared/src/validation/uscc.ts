// 统一社会信用代码, GB 32100-2015.
/** The 31 characters a code may use: no I, O, S, V or Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'alphabet' | 'check';

/** Character code → value in the alphabet, -1 outside it. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) VALUE[USCC_ALPHABET.charCodeAt(i)] = i;
const valueAt = (code: string, i: number): number => {
  const c = code.charCodeAt(i);
  return c < 128 ? (VALUE[c] as number) : -1;
};

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export const usccCheckCharacter = (first17: string): string | null => {
  const check = checkValue(first17);
  return check < 0 ? null : USCC_ALPHABET.charAt(check);
};

/** The check value (0..30) of the first 17 characters, or -1 if one is outside the alphabet. */
const checkValue = (code: string): number => {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = valueAt(code, i);
    if (value < 0) return -1;
    sum += value * (WEIGHTS[i] as number);
  }
  return (31 - (sum % 31)) % 31;
};

/** Null when the code is valid, otherwise what is wrong with it. */
export const usccProblem = (code: string): UsccProblem | null => {
  if (code.length !== 18) return 'length';
  const check = checkValue(code);
  if (check < 0 || valueAt(code, 17) < 0) return 'alphabet';
  return valueAt(code, 17) === check ? null : 'check';
};

export const isValidUscc = (code: string): boolean => usccProblem(code) === null;

export const usccProblemMessage = (problem: UsccProblem): string => {
  switch (problem) {
    case 'length':
      return '统一社会信用代码应为18位，请核对营业执照';
    case 'alphabet':
      return '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z），请核对营业执照';
    case 'check':
      return '统一社会信用代码校验位不正确，请核对营业执照上的代码是否抄错';
  }
};
