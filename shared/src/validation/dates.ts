const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** A real calendar date written YYYY-MM-DD (2023-02-30 is not), from 1900 on (see YEARS). */
export const isIsoDate = (value: string): boolean => {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y0 = digit(value, 0);
  const y1 = digit(value, 1);
  const y2 = digit(value, 2);
  const y3 = digit(value, 3);
  const m0 = digit(value, 5);
  const m1 = digit(value, 6);
  const d0 = digit(value, 8);
  const d1 = digit(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** YYYY-MM-DD strings compare correctly as strings. */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** Formats 2023-12-31 as 2023年12月31日. */
export const formatDateZh = (isoDate: string): string =>
  `${isoDate.slice(0, 4)}年${Number(isoDate.slice(5, 7))}月${Number(isoDate.slice(8, 10))}日`;
