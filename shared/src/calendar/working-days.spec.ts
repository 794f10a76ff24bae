import fc from 'fast-check';
import { PROPERTY_RUNS } from '../testing/property-runs';
import { cnCalendar } from './state-council';
import {
  addWorkingDays,
  deadline,
  type HolidayCalendar,
  isOverdue,
  isWorkingDay,
  isYearCovered,
  noticePeriod,
  weekday,
  workingDaysBetween,
} from './working-days';

const cn = cnCalendar();
const WEEKENDS_ONLY: HolidayCalendar = { years: [], holidays: [], workdays: [] };

// The reference the properties hold the code to: Date's own weekday and plain array look-ups.
const shift = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const referenceIsWorkingDay = (date: string, cal: HolidayCalendar): boolean => {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** Dates from mid-2022 to mid-2027: the covered years and the uncovered ones around them. */
const anyDate = fc
  .integer({ min: Date.UTC(2022, 5, 1) / 86_400_000, max: Date.UTC(2027, 5, 30) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const anyCount = fc.integer({ min: 0, max: 300 });

/** A calendar of made-up rest weekdays and make-up weekend days, so no property leans on the real data. */
const anyCalendar: fc.Arbitrary<HolidayCalendar> = fc.uniqueArray(anyDate, { maxLength: 120 }).map((dates) => ({
  years: [],
  holidays: dates.filter((d) => weekday(d) !== 0 && weekday(d) !== 6),
  workdays: dates.filter((d) => weekday(d) === 0 || weekday(d) === 6),
}));
const anyOfBoth = fc.oneof(fc.constant(cn), anyCalendar);

describe('working days by the State Council calendar', () => {
  describe('Spring Festival 2025 (1月28日至2月4日, 1月26日 and 2月8日 worked)', () => {
    it.each([
      ['2025-01-24', true], // Friday before
      ['2025-01-25', false], // Saturday
      ['2025-01-26', true], // Sunday, made a working day
      ['2025-01-27', true], // Monday
      ['2025-01-28', false], // 除夕, Tuesday
      ['2025-01-31', false],
      ['2025-02-03', false],
      ['2025-02-04', false], // 初七, Tuesday
      ['2025-02-05', true],
      ['2025-02-08', true], // Saturday, made a working day
      ['2025-02-09', false], // Sunday
    ])('%s is a working day: %s', (date, working) => {
      expect(isWorkingDay(date, cn)).toBe(working);
    });

    it('a 5-working-day notice published on the Monday before spans the festival and ends on the make-up Saturday', () => {
      expect(noticePeriod('2025-01-27', 5, cn)).toEqual({ starts: '2025-01-27', ends: '2025-02-08' });
    });

    it('a notice published during the festival starts on the first working day after it', () => {
      expect(noticePeriod('2025-01-29', 5, cn)).toEqual({ starts: '2025-02-05', ends: '2025-02-10' });
    });

    it('the working day after the Friday before is the make-up Sunday', () => {
      expect(addWorkingDays('2025-01-24', 1, cn)).toBe('2025-01-26');
    });
  });

  describe('National Day 2025 (10月1日至8日, 9月28日 and 10月11日 worked)', () => {
    it('a notice published on the Friday before runs through the make-up Sunday and ends after the festival', () => {
      expect(noticePeriod('2025-09-26', 5, cn)).toEqual({ starts: '2025-09-26', ends: '2025-10-09' });
    });

    it('counts the make-up Saturday after the festival', () => {
      expect(workingDaysBetween('2025-09-30', '2025-10-11', cn)).toBe(3); // 10-09, 10-10, 10-11
      expect(isWorkingDay('2025-10-11', cn)).toBe(true);
      expect(isWorkingDay('2025-10-08', cn)).toBe(false);
    });
  });

  describe('Spring Festival 2026 (2月15日至23日, 2月14日 and 2月28日 worked)', () => {
    it('a notice published the Thursday before runs through the make-up Saturday and resumes after 初七', () => {
      expect(noticePeriod('2026-02-12', 5, cn)).toEqual({ starts: '2026-02-12', ends: '2026-02-25' });
    });

    it('2月23日 (Monday, 初七) is a rest day and 2月28日 (Saturday) a working day', () => {
      expect(isWorkingDay('2026-02-23', cn)).toBe(false);
      expect(isWorkingDay('2026-02-16', cn)).toBe(false);
      expect(isWorkingDay('2026-02-28', cn)).toBe(true);
      expect(addWorkingDays('2026-02-27', 1, cn)).toBe('2026-02-28');
    });
  });

  describe('National Day 2026 (10月1日至7日, 9月20日 and 10月10日 worked) after 中秋节 (9月25日)', () => {
    it('a notice published the day before National Day ends on the Monday after the make-up Saturday', () => {
      expect(noticePeriod('2026-09-30', 5, cn)).toEqual({ starts: '2026-09-30', ends: '2026-10-12' });
    });

    it('a notice published before 中秋节 skips both festivals', () => {
      expect(noticePeriod('2026-09-24', 5, cn)).toEqual({ starts: '2026-09-24', ends: '2026-10-08' });
    });

    it('the Sunday 9月20日 is worked', () => {
      expect(isWorkingDay('2026-09-20', cn)).toBe(true);
      expect(addWorkingDays('2026-09-18', 1, cn)).toBe('2026-09-20');
    });
  });

  describe('across the new year', () => {
    it('from the last day of 2025 the next working day is the make-up Sunday 2026-01-04', () => {
      expect(addWorkingDays('2025-12-31', 1, cn)).toBe('2026-01-04');
    });

    it('from the last day of 2024 the next working day is 2025-01-02 (元旦 on a Wednesday, no make-up day)', () => {
      expect(addWorkingDays('2024-12-31', 1, cn)).toBe('2025-01-02');
    });

    it('from the last Friday of 2022 (an uncovered year) over 元旦 2023 (Monday 1月2日 a rest day)', () => {
      expect(addWorkingDays('2022-12-30', 1, cn)).toBe('2023-01-03');
      expect(workingDaysBetween('2022-12-30', '2023-01-06', cn)).toBe(4);
    });

    it('a stage due over the new year counts the holidays of both years', () => {
      // 12-31 (Wed) → 2026-01-04 (Sun, worked), 01-05, 01-06
      expect(deadline('2025-12-30', 4, cn)).toBe('2026-01-06');
    });
  });

  describe('years without a notice', () => {
    it('says which years the calendar covers', () => {
      expect([2022, 2023, 2024, 2025, 2026, 2027].map((y) => isYearCovered(y, cn))).toEqual([
        false,
        true,
        true,
        true,
        true,
        false,
      ]);
    });

    it('counts weekends only with a calendar of no notice', () => {
      expect(isWorkingDay('2025-01-28', WEEKENDS_ONLY)).toBe(true);
      expect(isWorkingDay('2025-02-08', WEEKENDS_ONLY)).toBe(false);
      expect(isYearCovered(2025, WEEKENDS_ONLY)).toBe(false);
    });

    it('counts weekends only in an uncovered year: 2027-01-01 (a Friday) is a working day to this calendar', () => {
      expect(isWorkingDay('2027-01-01', cn)).toBe(true);
      expect(addWorkingDays('2026-12-31', 1, cn)).toBe('2027-01-01');
      expect(addWorkingDays('2027-01-01', 1, cn)).toBe('2027-01-04');
    });
  });

  describe('deadlines and overdue', () => {
    it('a stage with 1 working day from a Friday is due on Monday; from a Saturday also on Monday', () => {
      expect(deadline('2025-03-07', 1, cn)).toBe('2025-03-10');
      expect(deadline('2025-03-08', 1, cn)).toBe('2025-03-10');
    });

    it('the day of arrival is not counted: 5 working days from a Monday end on the next Monday', () => {
      expect(deadline('2025-03-03', 5, cn)).toBe('2025-03-10');
    });

    it('is overdue only from the day after the deadline', () => {
      expect(isOverdue('2025-03-10', '2025-03-09')).toBe(false);
      expect(isOverdue('2025-03-10', '2025-03-10')).toBe(false);
      expect(isOverdue('2025-03-10', '2025-03-11')).toBe(true);
      expect(isOverdue('2025-12-31', '2026-01-01')).toBe(true);
    });
  });

  describe('inputs', () => {
    it.each(['2025-02-30', '2025-2-03', '20250203', '', '2025-02-03T00:00:00Z'])('refuses the date %j', (bad) => {
      expect(() => isWorkingDay(bad, cn)).toThrow(RangeError);
      expect(() => addWorkingDays(bad, 1, cn)).toThrow(RangeError);
      expect(() => workingDaysBetween('2025-01-01', bad, cn)).toThrow(RangeError);
      expect(() => noticePeriod(bad, 5, cn)).toThrow(RangeError);
      expect(() => deadline(bad, 5, cn)).toThrow(RangeError);
      expect(() => isOverdue(bad, '2025-01-01')).toThrow(RangeError);
      expect(() => isOverdue('2025-01-01', bad)).toThrow(RangeError);
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the count %p', (bad) => {
      expect(() => addWorkingDays('2025-01-01', bad, cn)).toThrow(RangeError);
      expect(() => noticePeriod('2025-01-01', bad, cn)).toThrow(RangeError);
      expect(() => deadline('2025-01-01', bad, cn)).toThrow(RangeError);
    });

    it('refuses a notice or a deadline of 0 working days, and adds 0 as the identity', () => {
      expect(() => noticePeriod('2025-01-01', 0, cn)).toThrow(RangeError);
      expect(() => deadline('2025-01-01', 0, cn)).toThrow(RangeError);
      expect(addWorkingDays('2025-01-01', 0, cn)).toBe('2025-01-01');
    });
  });

  describe('properties', () => {
    const runs = { numRuns: PROPERTY_RUNS };

    it('isWorkingDay agrees with the reference on any date and calendar', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, (cal, date) => isWorkingDay(date, cal) === referenceIsWorkingDay(date, cal)),
        runs,
      );
    });

    it('addWorkingDays lands on a working day, later than the start, for n ≥ 1', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, fc.integer({ min: 1, max: 300 }), (cal, start, n) => {
          const end = addWorkingDays(start, n, cal);
          return referenceIsWorkingDay(end, cal) && end > start;
        }),
        runs,
      );
    });

    it('addWorkingDays is strictly increasing in n and non-decreasing in the start', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, anyDate, anyCount, anyCount, (cal, d1, d2, n1, n2) => {
          const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const [m, n] = n1 <= n2 ? [n1, n2] : [n2, n1];
          const inN = m === n || addWorkingDays(a, m, cal) < addWorkingDays(a, n, cal);
          return inN && addWorkingDays(a, n, cal) <= addWorkingDays(b, n, cal);
        }),
        runs,
      );
    });

    it('workingDaysBetween inverts addWorkingDays', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, anyCount, (cal, start, n) => {
          const end = addWorkingDays(start, n, cal);
          return workingDaysBetween(start, end, cal) === n && workingDaysBetween(end, start, cal) === -n;
        }),
        runs,
      );
    });

    it('workingDaysBetween counts the reference working days in (a, b] and adds up over a middle date', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, fc.integer({ min: 0, max: 60 }), anyDate, (cal, a, span, c) => {
          const b = shift(a, span);
          let count = 0;
          for (let i = 1; i <= span; i++) if (referenceIsWorkingDay(shift(a, i), cal)) count++;
          const additive =
            workingDaysBetween(a, c, cal) === workingDaysBetween(a, b, cal) + workingDaysBetween(b, c, cal);
          return workingDaysBetween(a, b, cal) === count && additive;
        }),
        runs,
      );
    });

    it('a notice starts on the first working day on or after its day and holds exactly N working days', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, fc.integer({ min: 1, max: 30 }), (cal, day, n) => {
          const { starts, ends } = noticePeriod(day, n, cal);
          return (
            starts >= day &&
            referenceIsWorkingDay(starts, cal) &&
            workingDaysBetween(day, starts, cal) === (starts === day ? 0 : 1) &&
            referenceIsWorkingDay(ends, cal) &&
            workingDaysBetween(shift(starts, -1), ends, cal) === n
          );
        }),
        runs,
      );
    });

    it('a deadline is the working day N working days after its start, and not overdue on that day', () => {
      fc.assert(
        fc.property(anyOfBoth, anyDate, fc.integer({ min: 1, max: 60 }), (cal, from, n) => {
          const due = deadline(from, n, cal);
          return (
            referenceIsWorkingDay(due, cal) &&
            workingDaysBetween(from, due, cal) === n &&
            !isOverdue(due, due) &&
            isOverdue(due, shift(due, 1))
          );
        }),
        runs,
      );
    });
  });
});
