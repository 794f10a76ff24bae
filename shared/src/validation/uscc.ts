// 统一社会信用代码, GB 32100-2015.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'alphabet' | 'check';

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export const usccCheckCharacter = (first17: string): string | null => {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] as number);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
};

/** Null when the code is valid, otherwise what is wrong with it. */
export const usccProblem = (code: string): UsccProblem | null => {
  if (code.length !== 18) return 'length';
  for (let i = 0; i < 18; i++) if (!ALPHABET.includes(code.charAt(i))) return 'alphabet';
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check';
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
