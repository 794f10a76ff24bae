import { isIsoDate } from '../validation/dates';

/**
 * The official working-day calendar as data. `holidays`: official rest days (法定节假日 and the
 * days moved next to them) that fall Monday to Friday; `workdays`: Saturdays and Sundays made
 * working days (调休上班). Every other day is a working day exactly when it is Monday to Friday.
 * `years`: the years whose notices are all in the data. A date in any other year is counted by
 * weekends alone, which is wrong around its festivals: ask `isYearCovered` before trusting it.
 */
export type HolidayCalendar = {
  readonly years: readonly number[];
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
};

/** A 公示 period: its first and its last working day, both inclusive. */
export type NoticePeriod = { readonly starts: string; readonly ends: string };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date; a calendar date, so no time zone enters. */
const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => weekdayOf(dayNumber(requireDate(date, 'date')));

const requireDate = (value: string, name: string): string => {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be a YYYY-MM-DD date, not ${JSON.stringify(value)}`);
  return value;
};

const requireCount = (value: number, name: string, min: number): number => {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer of at least ${min}, not ${value}`);
  return value;
};

type Lookup = { readonly holidays: ReadonlySet<string>; readonly workdays: ReadonlySet<string> };

// A deadline is computed for every row of a reviewer's queue: look dates up in sets, built once
// per calendar object (calendars are data that is not changed once built).
const lookups = new WeakMap<HolidayCalendar, Lookup>();
const lookupOf = (cal: HolidayCalendar): Lookup => {
  let lookup = lookups.get(cal);
  if (lookup === undefined) {
    lookup = { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) };
    lookups.set(cal, lookup);
  }
  return lookup;
};

const isWorkingDayNumber = (day: number, lookup: Lookup): boolean => {
  const date = dateOf(day);
  if (lookup.workdays.has(date)) return true;
  if (lookup.holidays.has(date)) return false;
  const wd = weekdayOf(day);
  return wd !== 0 && wd !== 6;
};

/** Whether the calendar holds the State Council's notice for that year (otherwise: weekends only). */
export const isYearCovered = (year: number, cal: HolidayCalendar): boolean => cal.years.includes(year);

/** A working day: a make-up working weekend day, or a weekday that is not an official rest day. */
export const isWorkingDay = (date: string, cal: HolidayCalendar): boolean =>
  isWorkingDayNumber(dayNumber(requireDate(date, 'date')), lookupOf(cal));

/**
 * The nth working day after `start` (`start` itself not counted, whether or not it is a working
 * day); n = 0 gives `start` back unchanged.
 */
export const addWorkingDays = (start: string, n: number, cal: HolidayCalendar): string => {
  let day = dayNumber(requireDate(start, 'start'));
  let left = requireCount(n, 'n', 0);
  const lookup = lookupOf(cal);
  while (left > 0) {
    day++;
    if (isWorkingDayNumber(day, lookup)) left--;
  }
  return dateOf(day);
};

/**
 * The working days d with a < d ≤ b, so that `workingDaysBetween(a, addWorkingDays(a, n)) = n`;
 * negative (the same count, b < d ≤ a) when b is before a.
 */
export const workingDaysBetween = (a: string, b: string, cal: HolidayCalendar): number => {
  const from = dayNumber(requireDate(a, 'a'));
  const to = dayNumber(requireDate(b, 'b'));
  if (to < from) return -workingDaysBetween(b, a, cal);
  const lookup = lookupOf(cal);
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDayNumber(day, lookup)) count++;
  return count;
};

/**
 * A 公示 of `workingDays` working days published on `startDay`: it starts that day when it is a
 * working day, otherwise on the next one, and ends on its last working day (inclusive), so
 * `starts` and `ends` and the working days between them are exactly `workingDays` working days.
 */
export const noticePeriod = (startDay: string, workingDays: number, cal: HolidayCalendar): NoticePeriod => {
  requireCount(workingDays, 'workingDays', 1);
  const starts = isWorkingDay(startDay, cal) ? startDay : addWorkingDays(startDay, 1, cal);
  return { starts, ends: addWorkingDays(starts, workingDays - 1, cal) };
};

/**
 * The date by the end of which a stage must act when it has `workingDays` working days from
 * `from`: the day `from` is not counted (a case arriving on Friday with 1 working day is due on
 * Monday, a case arriving on a Saturday also on Monday).
 */
export const deadline = (from: string, workingDays: number, cal: HolidayCalendar): string =>
  addWorkingDays(from, requireCount(workingDays, 'workingDays', 1), cal);

/** Overdue from the day after the deadline: the deadline day itself is still in time. */
export const isOverdue = (deadlineDay: string, today: string): boolean =>
  requireDate(today, 'today') > requireDate(deadlineDay, 'deadline');
