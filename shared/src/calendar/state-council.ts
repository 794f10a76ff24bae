import { isIsoDate } from '../validation/dates';
import cn2023 from './data/cn-2023.json';
import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import cn2026 from './data/cn-2026.json';
import { type HolidayCalendar, weekday } from './working-days';

/**
 * One festival as the notice words it: `rest` is the whole break (weekend days included) from
 * its first to its last day, `days` the "共N天" it states, `workdays` its "…上班" days.
 */
export type HolidayFestival = {
  readonly name: string;
  readonly rest: { readonly from: string; readonly to: string };
  readonly days: number;
  readonly workdays: readonly string[];
};

/**
 * One year's 国务院办公厅关于部分节假日安排的通知, transcribed festival by festival so that the
 * data reads against the notice line by line; `source` names the notice.
 */
export type HolidayNotice = {
  readonly year: number;
  readonly source: string;
  readonly festivals: readonly HolidayFestival[];
};

const DAY_MS = 86_400_000;

const datesFrom = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
};

const isWeekend = (date: string): boolean => {
  const wd = weekday(date);
  return wd === 0 || wd === 6;
};

/** Why a notice cannot be right as transcribed, or null. */
const noticeProblem = (notice: HolidayNotice): string | null => {
  for (const f of notice.festivals) {
    const { from, to } = f.rest;
    if (!isIsoDate(from) || !isIsoDate(to) || to < from) return `${f.name}: rest ${from}–${to} is not a date range`;
    // 元旦 may start in December of the year before (2023: 2022-12-31 至 2023-01-02).
    if (Number(to.slice(0, 4)) !== notice.year) return `${f.name}: rest ends outside ${notice.year}`;
    const rest = datesFrom(from, to);
    if (rest.length !== f.days) return `${f.name}: ${from}–${to} is ${rest.length} days, the notice says ${f.days}`;
    for (const w of f.workdays)
      if (!isIsoDate(w) || !isWeekend(w)) return `${f.name}: make-up working day ${w} is not a Saturday or Sunday`;
  }
  return null;
};

/**
 * The calendar of the given notices: the weekdays of every rest, the make-up working days, and
 * the notices' years as the years covered. Throws on a notice that contradicts itself (a count
 * that is not the range's, a make-up day that is not a weekend day or lies inside a rest) or a
 * year given twice.
 */
export const calendarFromNotices = (notices: readonly HolidayNotice[]): HolidayCalendar => {
  const years = new Set<number>();
  const rest = new Set<string>();
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const notice of notices) {
    if (years.has(notice.year)) throw new Error(`Two holiday notices for ${notice.year}`);
    const problem = noticeProblem(notice);
    if (problem !== null) throw new Error(`Holiday notice ${notice.year}: ${problem}`);
    years.add(notice.year);
    for (const f of notice.festivals) {
      for (const d of datesFrom(f.rest.from, f.rest.to)) {
        rest.add(d);
        if (!isWeekend(d)) holidays.add(d);
      }
      for (const w of f.workdays) workdays.add(w);
    }
  }
  for (const w of workdays) if (rest.has(w)) throw new Error(`Make-up working day ${w} lies inside a rest`);
  return Object.freeze({
    years: Object.freeze([...years].sort((a, b) => a - b)),
    holidays: Object.freeze([...holidays].sort()),
    workdays: Object.freeze([...workdays].sort()),
  });
};

/** The State Council's notices that ship with the package, 2023 to 2026. */
export const CN_HOLIDAY_NOTICES: readonly HolidayNotice[] = Object.freeze([cn2023, cn2024, cn2025, cn2026]);

let cn: HolidayCalendar | undefined;
/** The PRC calendar of the shipped notices, checked once when first asked for. */
export const cnCalendar = (): HolidayCalendar => (cn ??= calendarFromNotices(CN_HOLIDAY_NOTICES));
