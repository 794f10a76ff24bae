import { cnCalendar, deadline, type Edition, noticePeriod } from '@huiqi/shared';
import { type ApplicationEntity } from './application.entity.js';

/**
 * Puts an approved application on public notice (公示) from `today`: the edition's number of
 * working days, starting on the next working day when today is not one. The stage is due when
 * the notice ends: that is when the timer (NoticesService) concludes it.
 */
export const startNotice = (app: ApplicationEntity, edition: Edition, today: string): void => {
  const period = noticePeriod(today, edition.review.noticeWorkingDays, cnCalendar());
  app.status = 'notice';
  app.noticeStarts = period.starts;
  app.noticeEnds = period.ends;
  // The stage begins with the notice's first day (Liaocheng time), which may be after a weekend.
  app.stageSince = new Date(`${period.starts}T00:00:00+08:00`);
  app.stageDue = period.ends;
};

/** Approved once the notice ended: finance pays within the edition's payment period. */
export const concludeNotice = (app: ApplicationEntity, edition: Edition, today: string, now: Date): void => {
  app.status = 'approved';
  app.stageSince = now;
  app.stageDue = deadline(today, edition.review.paymentWorkingDays, cnCalendar());
};
