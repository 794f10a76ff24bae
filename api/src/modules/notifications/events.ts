import { type NotificationKind, type ProgramId } from '@huiqi/shared';
import { type EntityManager } from 'typeorm';
import { writeOutboxEvent } from '../audit/outbox-queue.js';

/**
 * Events no change of a record makes, written to the outbox by proactive matching (政策找企业)
 * and the reminder timer. They carry their own Chinese title and body, composed where the facts
 * are known, and are not ChangeEvents: a notice is not a change, so there is no audit entry.
 */
export interface NotificationEvents {
  'notification.match': NotificationEventPayload & { kind: 'match'; programId: ProgramId };
  'notification.reminder': NotificationEventPayload & { kind: 'supplement-due' | 'round-closing' };
}

export type NotificationEventType = keyof NotificationEvents;

export interface NotificationEventPayload {
  orgId: number;
  kind: NotificationKind;
  /** Cut to 64 characters. */
  title: string;
  /** Cut to 1000 characters. */
  body: string;
  applicationId: number | null;
  programId: ProgramId | null;
}

export interface NotificationEventInput<T extends NotificationEventType> {
  type: T;
  payload: NotificationEvents[T];
  /**
   * Names the event so writing it twice is harmless (the outbox's unique dedupe key), e.g.
   * `match:<orgId>:<programId>:<roundId>`, `reminder:supplement:<applicationId>:<deadline>`.
   */
  dedupeKey: string;
  now: Date;
}

/**
 * Writes a notification event to the outbox, in the caller's transaction; the dispatcher delivers
 * it to the firm's members' inboxes (and WeChat where they hold a credit) like a change's event.
 * False when its dedupe key was written before.
 */
export const writeNotificationEvent = <T extends NotificationEventType>(
  m: EntityManager,
  input: NotificationEventInput<T>,
): Promise<boolean> => {
  const payload = {
    ...input.payload,
    title: input.payload.title.slice(0, 64),
    body: input.payload.body.slice(0, 1000),
  };
  return writeOutboxEvent(m, {
    eventType: input.type,
    entity: payload.applicationId === null ? 'org' : 'application',
    entityId: String(payload.applicationId ?? payload.orgId),
    orgId: payload.orgId,
    payload,
    dedupeKey: input.dedupeKey,
    now: input.now,
  });
};
