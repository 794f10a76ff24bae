// 公民身份号码, GB 11643-1999: 6-digit address code, 8-digit date of birth (YYYYMMDD), 3-digit
// sequence, and a check character (ISO 7064 MOD 11-2). The talent rosters of measure 九 (issue 13)
// hold them; everywhere they are shown they are masked (`maskResidentId`).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type ResidentIdProblem = 'length' | 'characters' | 'birth-date' | 'check';

/** What each problem means, in the words a form shows beside the field. */
export const RESIDENT_ID_MESSAGES: Readonly<Record<ResidentIdProblem, string>> = {
  length: '身份证号码应为18位',
  characters: '身份证号码前17位应为数字，最后一位为数字或X',
  'birth-date': '身份证号码中的出生日期（第7至14位）不是有效日期',
  check: '身份证号码校验位不正确，请核对',
};

/** The check character of the first 17 digits (ISO 7064 MOD 11-2), or null if they are not 17 digits. */
export const residentIdCheckCharacter = (first17: string): string | null => {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK.charAt(sum % 11);
};

/**
 * Null when the number is a valid 18-digit resident ID issued on or before `today` (YYYY-MM-DD,
 * when given), otherwise what is wrong. A lower-case x is read as X.
 */
export const residentIdProblem = (input: string, today?: string): ResidentIdProblem | null => {
  const id = input.toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const at = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== birth || birth < '1900-01-01')
    return 'birth-date';
  if (today !== undefined && birth > today) return 'birth-date';
  return residentIdCheckCharacter(id.slice(0, 17)) === id.charAt(17) ? null : 'check';
};

/** The number as every screen, export and audit entry shows it: the first 3 and last 4 characters. */
export const maskResidentId = (input: string): string => {
  const id = input.toUpperCase();
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
};
