import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { currentRequestId } from '../../common/request-context.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AuditEntity } from './audit.entity.js';
import { type ChangeAction, type ChangeEvents, type ChangeSubject } from './change-events.js';
import { OutboxEntity } from './outbox.entity.js';

/** Who made a change: a signed-in user, the staff command line, or the service itself (at boot). */
export type Actor = Principal | 'cli' | 'system';

/** A change the work made: what it is about, the audit's before and after, and the event. */
export interface Change<A extends ChangeAction> {
  /** Who made it, when only the work learns that: a first sign-in creates the user who signs in. */
  actor?: Actor;
  subject: { entity: ChangeSubject; id: string | number; orgId: number | null };
  /** Only what the audit log needs to show the change; personal data is masked when read. */
  before?: unknown;
  after?: unknown;
  event: ChangeEvents[A];
}

/** What the work gives back: its result, and the change it made (null: nothing changed). */
export interface Outcome<A extends ChangeAction, R> {
  result: R;
  change: Change<A> | null;
}

/**
 * The one path for every change: in one transaction, the work loads what it changes with a lock,
 * checks that the change is allowed, mutates and saves; then its audit entry and its outbox event
 * are written. A failure anywhere, the last insert included, leaves nothing: no change, no audit
 * entry, no event.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  recordChange<A extends ChangeAction, R>(
    actor: Actor,
    action: A,
    work: (manager: EntityManager) => Promise<Outcome<A, R>>,
  ): Promise<R> {
    return this.tx.run(async (m) => {
      const { result, change } = await work(m);
      if (change) await this.write(m, change.actor ?? actor, action, change);
      return result;
    });
  }

  private async write<A extends ChangeAction>(
    m: EntityManager,
    actor: Actor,
    action: A,
    change: Change<A>,
  ): Promise<void> {
    const now = this.clock.now();
    const audits = m.getRepository(AuditEntity);
    const audit = await audits.save(
      audits.create({
        at: now,
        actorId: typeof actor === 'string' ? null : actor.userId,
        actorRole: typeof actor === 'string' ? actor : actor.role,
        action,
        entity: change.subject.entity,
        entityId: String(change.subject.id),
        orgId: change.subject.orgId,
        before: change.before ?? null,
        after: change.after ?? null,
        requestId: currentRequestId(),
      }),
    );
    const outbox = m.getRepository(OutboxEntity);
    await outbox.save(
      outbox.create({
        eventType: action,
        entity: change.subject.entity,
        entityId: String(change.subject.id),
        orgId: change.subject.orgId,
        payload: change.event,
        auditId: audit.id,
        dedupeKey: `audit:${audit.id}`,
        attempts: 0,
        nextAttemptAt: now,
        deliveredAt: null,
        deadAt: null,
        lastError: null,
        createdAt: now,
      }),
    );
  }
}
