const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** A real calendar date written YYYY-MM-DD (2023-02-30 is not). */
export const isIsoDate = (value: string): boolean => {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** YYYY-MM-DD strings compare correctly as strings. */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** Formats 2023-12-31 as 2023年12月31日. */
export const formatDateZh = (isoDate: string): string =>
  `${isoDate.slice(0, 4)}年${Number(isoDate.slice(5, 7))}月${Number(isoDate.slice(8, 10))}日`;
