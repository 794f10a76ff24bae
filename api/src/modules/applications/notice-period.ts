import { type ApplicationStatus, cnCalendar, deadline, type Edition, noticePeriod, REVIEW_STAGES } from '@huiqi/shared';
import { type ApplicationEntity } from './application.entity.js';

/**
 * Moves the application to `status` and starts the stage's clock: since now, due after the
 * edition's working days for the stage (REVIEW_STAGES names the setting); no deadline for a
 * stage without one. Every move of review goes through here, so no stage keeps an old deadline.
 */
export const enterStage = (
  app: ApplicationEntity,
  status: ApplicationStatus,
  edition: Edition,
  today: string,
  now: Date,
): void => {
  app.status = status;
  app.stageSince = now;
  const setting = Object.hasOwn(REVIEW_STAGES, status)
    ? REVIEW_STAGES[status as keyof typeof REVIEW_STAGES].deadline
    : null;
  app.stageDue = setting === null ? null : deadline(today, edition.review[setting], cnCalendar());
};

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
