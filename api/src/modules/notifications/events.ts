import { type EntityManager } from 'typeorm';
import { type ChangeEvents } from '../audit/change-events.js';
import { writeOutboxEvent } from '../audit/outbox-queue.js';

/** The events no change of a record makes: proactive matches and reminders (no audit entry). */
export type NotificationEventType = Extract<keyof ChangeEvents, `notification.${string}`>;

/**
 * Writes a proactive match or a reminder to the outbox, in the caller's transaction; the dispatcher
 * composes its Chinese message (compose.ts) and delivers it to the firm's members like a change's
 * event. False when its dedupe key was written before (a rerun, another instance).
 */
export const writeNotificationEvent = <T extends NotificationEventType>(
  m: EntityManager,
  input: { type: T; payload: ChangeEvents[T]; dedupeKey: string; now: Date },
): Promise<boolean> =>
  writeOutboxEvent(m, {
    eventType: input.type,
    entity: 'org',
    entityId: String(input.payload.orgId),
    orgId: input.payload.orgId,
    payload: input.payload,
    dedupeKey: input.dedupeKey,
    now: input.now,
  });
