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
 * Puts an approved application on public notice (公示) from today: the period is the edition's
 * noticeWorkingDays working days starting today (or the next working day), and the stage is due
 * on its last day. Called by the city's or finance's approval; concluding it is the notices timer's.
 */
export const startNotice = (app: ApplicationEntity, edition: Edition, today: string, now: Date): void => {
  const period = noticePeriod(today, edition.review.noticeWorkingDays, cnCalendar());
  app.status = 'notice';
  app.stageSince = now;
  app.noticeStarts = period.starts;
  app.noticeEnds = period.ends;
  app.stageDue = period.ends;
};
