import { type HolidayCalendar, isWorkingDay, type ObjectionView, workingDaysBetween } from '@huiqi/shared';

/**
 * The working days of a notice still to run, today included when it is a working day: 0 once the
 * period's last day has passed. The period's end is the stage's due date (the last day, inclusive).
 */
export const workingDaysLeft = (today: string, ends: string, cal: HolidayCalendar): number => {
  if (today > ends) return 0;
  return workingDaysBetween(today, ends, cal) + (isWorkingDay(today, cal) ? 1 : 0);
};

/** The words for the days left: 剩余 3 个工作日 / 今日截止 / 公示期已满. */
export const daysLeftText = (today: string, ends: string, cal: HolidayCalendar): string => {
  if (today > ends) return '公示期已满';
  const left = workingDaysLeft(today, ends, cal);
  if (today === ends) return '今日截止';
  return `剩余 ${left} 个工作日`;
};

/** What follows a ruling, said in the confirmation before it is sent. */
export const rulingConsequence = (outcome: 'upheld' | 'dismissed'): string =>
  outcome === 'upheld'
    ? '异议成立：申报退回市级复审，资金池中为其预留的资金随即释放。'
    : '异议不成立：申报继续公示；没有其他未处理的异议时，公示期满后奖补确认。';

/** A ruling's reason as typed, or what to fix. */
export const rulingReasonError = (reason: string): string | null => {
  const text = reason.trim();
  if (!text) return '请填写处理理由';
  if (text.length > 500) return '处理理由不能超过500个字';
  return null;
};

/** The objections still to decide, first filed first. */
export const openObjections = (objections: readonly ObjectionView[]): ObjectionView[] =>
  objections.filter((o) => o.status === 'open').sort((a, b) => a.filedAt.localeCompare(b.filedAt));
