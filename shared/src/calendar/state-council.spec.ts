import { calendarFromNotices, CN_HOLIDAY_NOTICES, cnCalendar, type HolidayNotice } from './state-council';
import { isWorkingDay, weekday, workingDaysBetween } from './working-days';

const cn = cnCalendar();

const notice = (festival: Partial<HolidayNotice['festivals'][number]>): HolidayNotice => ({
  year: 2030,
  source: 'test',
  festivals: [{ name: '测试', rest: { from: '2030-05-01', to: '2030-05-03' }, days: 3, workdays: [], ...festival }],
});

describe('the State Council holiday notices as data', () => {
  it('ships the notices for 2023 to 2026, each naming the 国务院办公厅 notice it transcribes', () => {
    expect(CN_HOLIDAY_NOTICES.map((n) => n.year)).toEqual([2023, 2024, 2025, 2026]);
    for (const n of CN_HOLIDAY_NOTICES) expect(n.source).toContain(`国务院办公厅关于${n.year}年部分节假日安排的通知`);
    expect(cn.years).toEqual([2023, 2024, 2025, 2026]);
  });

  it('holds only weekdays as rest days and only weekend days as make-up working days', () => {
    for (const d of cn.holidays) expect([1, 2, 3, 4, 5]).toContain(weekday(d));
    for (const d of cn.workdays) expect([0, 6]).toContain(weekday(d));
  });

  it.each([
    // Counted by hand from each notice: weekdays of the year − rest weekdays + make-up weekend days.
    [2023, 260, 18, 7, 249],
    [2024, 262, 19, 8, 251],
    [2025, 261, 18, 5, 248],
    [2026, 261, 19, 6, 248],
  ])('%i has %i weekdays, %i of them rest days, %i make-up days: %i working days', (year, _wd, rest, makeUp, total) => {
    const inYear = (d: string): boolean => d.startsWith(`${year}-`);
    expect(cn.holidays.filter(inYear)).toHaveLength(rest);
    expect(cn.workdays.filter(inYear)).toHaveLength(makeUp);
    expect(workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`, cn)).toBe(total);
  });

  it.each([
    ['2023-01-02', '元旦 2023, a Monday after the weekend'],
    ['2023-06-23', '端午节 2023'],
    ['2024-02-16', '春节 2024'],
    ['2024-09-17', '中秋节 2024'],
    ['2025-05-02', '劳动节 2025, one of the two days added in 2025'],
    ['2025-01-28', '除夕 2025, the other'],
    ['2026-01-02', '元旦 2026'],
    ['2026-06-19', '端午节 2026'],
  ])('%s is a rest day (%s)', (date) => {
    expect(isWorkingDay(date, cn)).toBe(false);
  });

  it.each([
    ['2023-04-23', '劳动节 2023'],
    ['2024-02-18', '春节 2024'],
    ['2024-09-14', '中秋节 2024'],
    ['2025-04-27', '劳动节 2025'],
    ['2026-05-09', '劳动节 2026'],
  ])('%s is a make-up working day (%s)', (date) => {
    expect(isWorkingDay(date, cn)).toBe(true);
  });

  it('does not count 除夕 2024 (2月9日), which the notice only encourages employers to give', () => {
    expect(isWorkingDay('2024-02-09', cn)).toBe(true);
  });

  describe('refuses a notice that contradicts itself', () => {
    it('a stated count that is not the length of its range', () => {
      expect(() => calendarFromNotices([notice({ days: 4 })])).toThrow(/is 3 days, the notice says 4/);
    });

    it('a make-up working day that is not a Saturday or Sunday', () => {
      expect(() => calendarFromNotices([notice({ workdays: ['2030-05-06'] })])).toThrow(/not a Saturday or Sunday/);
    });

    it('a make-up working day inside the rest', () => {
      const festival = { rest: { from: '2030-05-01', to: '2030-05-05' }, days: 5, workdays: ['2030-05-04'] };
      expect(() => calendarFromNotices([notice(festival)])).toThrow(/2030-05-04 lies inside a rest/);
    });

    it('a range that is not one, or ends in another year', () => {
      expect(() => calendarFromNotices([notice({ rest: { from: '2030-05-03', to: '2030-05-01' } })])).toThrow(
        /not a date range/,
      );
      expect(() => calendarFromNotices([notice({ rest: { from: '2031-01-01', to: '2031-01-03' } })])).toThrow(
        /outside 2030/,
      );
    });

    it('a make-up working day inside the rest of another festival', () => {
      const other: HolidayNotice = {
        year: 2031,
        source: 'test',
        festivals: [{ name: 'x', rest: { from: '2031-01-01', to: '2031-01-01' }, days: 1, workdays: ['2030-05-04'] }],
      };
      const rest = notice({ rest: { from: '2030-05-01', to: '2030-05-05' }, days: 5 });
      expect(() => calendarFromNotices([rest, other])).toThrow(/2030-05-04 lies inside a rest/);
    });

    it('two notices for one year', () => {
      expect(() => calendarFromNotices([notice({}), notice({})])).toThrow(/Two holiday notices for 2030/);
    });
  });
});
