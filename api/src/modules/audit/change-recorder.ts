import { Injectable } from '@nestjs/common';
import { type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { currentRequestId } from '../../common/request-context.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AuditChainHeadEntity, CHAIN_HEAD_ID } from './audit-chain-head.entity.js';
import { AuditEntity } from './audit.entity.js';
import { asStoredJson, type ChainedFields, entryHash, toChainSecond } from './chain-hash.js';
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

/** A change of any action, with its action: one of the others a work made with its own. */
export type AnyChange = { [A in ChangeAction]: { action: A; change: Change<A> } }[ChangeAction];

/** An event whose change has committed, for whoever reacts in this process (see onCommitted). */
export type Committed = { [A in ChangeAction]: { action: A; event: ChangeEvents[A] } }[ChangeAction];

/** The actions of events no change made (no audit entry): a scheduler's or a matcher's. */
export type EventAction = Extract<ChangeAction, `notification.${string}`>;

/** An event no change made, named by its own dedupe key. */
export type StandaloneEvent = {
  [A in EventAction]: {
    action: A;
    subject: { entity: ChangeSubject; id: string | number; orgId: number | null };
    payload: ChangeEvents[A];
    dedupeKey: string;
  };
}[EventAction];

/** Outbox rows per INSERT (13 parameters each: well under either engine's limit). */
const EVENTS_PER_INSERT = 1000;

const isDeadlock = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { errno?: unknown }).errno === 1213;

/** What the work gives back: its result, and the change it made (null: nothing changed). */
export interface Outcome<A extends ChangeAction, R> {
  result: R;
  change: Change<A> | null;
  /**
   * The changes to other records the same work made, each its own audit entry and event after
   * the work's own (sharing a pool out over a round moves each of its applications on).
   */
  also?: AnyChange[];
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

  private readonly listeners: ((committed: Committed) => void)[] = [];

  /**
   * Calls `listener` with each change's event once its transaction has committed, in this process
   * only (the outbox is what every instance and a restart see). For prompt reactions that read
   * what the change wrote (proactive matching after a round opens); a listener must not throw and
   * runs its own work without awaiting.
   */
  onCommitted(listener: (committed: Committed) => void): void {
    this.listeners.push(listener);
  }

  async recordChange<A extends ChangeAction, R>(
    actor: Actor,
    action: A,
    work: (manager: EntityManager) => Promise<Outcome<A, R>>,
  ): Promise<R> {
    let written: Committed[] = [];
    const result = await this.tx.run(async (m) => {
      // A retried transaction starts over.
      written = [];
      const { result, change, also = [] } = await work(m);
      if (change) {
        await this.write(m, change.actor ?? actor, action, change);
        written.push({ action, event: change.event } as Committed);
      }
      for (const other of also) {
        await this.write(m, other.change.actor ?? actor, other.action, other.change as never);
        written.push({ action: other.action, event: other.change.event } as Committed);
      }
      return result;
    });
    for (const committed of written) for (const listener of this.listeners) listener(committed);
    return result;
  }

  /**
   * Writes events no change made (proactive matches, reminders) to the outbox in one transaction,
   * each skipped when its dedupe key is already there (a rerun, another instance): the number
   * written. A deadlock with another instance writing the same keys is retried.
   */
  async recordEvents(events: readonly StandaloneEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const now = this.clock.now();
    const rows = events.map(
      (e) =>
        ({
          eventType: e.action,
          entity: e.subject.entity,
          entityId: String(e.subject.id),
          orgId: e.subject.orgId,
          payload: e.payload,
          auditId: null,
          dedupeKey: e.dedupeKey,
          attempts: 0,
          nextAttemptAt: now,
          deliveredAt: null,
          deadAt: null,
          lastError: null,
          createdAt: now,
        }) as QueryDeepPartialEntity<OutboxEntity>,
    );
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run(async (m) => {
          let written = 0;
          for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT)
            written += await insertIgnoring(m, rows.slice(i, i + EVENTS_PER_INSERT));
          return written;
        });
      } catch (error) {
        if (attempt >= 3 || !isDeadlock(error)) throw error;
      }
    }
  }

  private async write<A extends ChangeAction>(
    m: EntityManager,
    actor: Actor,
    action: A,
    change: Change<A>,
  ): Promise<void> {
    const now = this.clock.now();
    const auditId = await this.appendToChain(m, {
      at: toChainSecond(now),
      actorId: typeof actor === 'string' ? null : actor.userId,
      actorRole: typeof actor === 'string' ? actor : actor.role,
      action,
      entity: change.subject.entity,
      entityId: String(change.subject.id),
      orgId: change.subject.orgId,
      before: asStoredJson(change.before),
      after: asStoredJson(change.after),
      requestId: currentRequestId(),
    });
    const outbox = m.getRepository(OutboxEntity);
    await outbox.save(
      outbox.create({
        eventType: action,
        entity: change.subject.entity,
        entityId: String(change.subject.id),
        orgId: change.subject.orgId,
        payload: change.event,
        auditId,
        dedupeKey: `audit:${auditId}`,
        attempts: 0,
        nextAttemptAt: now,
        deliveredAt: null,
        deadAt: null,
        lastError: null,
        createdAt: now,
      }),
    );
  }

  /**
   * Appends the entry to the audit chain (chain-hash.ts) and gives its id: after the newest entry,
   * which the chain's head names, locked (one locked read, one insert, one update; on MariaDB one
   * shared-lock read before them). The head is the last lock the transaction takes, after the
   * work's own, so it adds no lock-order cycle; ids follow the head, so the chain's order is the
   * ids' order and a rolled-back change leaves no gap.
   */
  private async appendToChain(m: EntityManager, fields: Omit<ChainedFields, 'id'>): Promise<number> {
    if (this.tx.lock) await shareLockReferences(m, fields);
    const heads = m.getRepository(AuditChainHeadEntity);
    const head = await heads.findOne({ where: { id: CHAIN_HEAD_ID }, lock: this.tx.lock });
    if (!head) throw new Error('audit_chain_head has no row: the audit chain migration has not run');
    const entry: ChainedFields = { ...fields, id: (head.lastId ?? 0) + 1 };
    const hash = entryHash(head.lastHash, entry);
    const audits = m.getRepository(AuditEntity);
    // insert, not save: save would first look the given id up. TypeORM types the JSON columns'
    // `unknown` as an object to merge into, which a whole row need not be.
    await audits.insert(
      audits.create({ ...entry, prevHash: head.lastHash, hash }) as QueryDeepPartialEntity<AuditEntity>,
    );
    await heads.update({ id: CHAIN_HEAD_ID }, { lastId: entry.id, lastHash: hash });
    return entry.id;
  }
}

/**
 * MariaDB: takes, before the chain's head, the shared locks on the user and the firm that the
 * entry's and the event's foreign keys would take at their inserts. Taken after the head, they
 * would close a cycle: a transaction holding the head waits for the firm another has updated (a
 * firm's edit holds its row until it commits), while that one waits for the head. Taken here, a
 * change waits for the firm without holding the head, as it did before the chain.
 */
const shareLockReferences = async (
  m: EntityManager,
  entry: { actorId: number | null; orgId: number | null },
): Promise<void> => {
  const references = (
    [
      ['users', entry.actorId],
      ['orgs', entry.orgId],
    ] as const
  ).filter((r): r is readonly ['users' | 'orgs', number] => r[1] !== null);
  if (references.length === 0) return;
  await m.query(
    `SELECT 1 FROM ${references.map(([table], i) => `\`${table}\` r${i}`).join(', ')} WHERE ${references.map((_, i) => `r${i}.id = ?`).join(' AND ')} LOCK IN SHARE MODE`,
    references.map(([, id]) => id),
  );
};

/** INSERT IGNORE (MariaDB) or INSERT … ON CONFLICT DO NOTHING (SQLite): the rows it inserted, as the engine counts them. */
const insertIgnoring = async (m: EntityManager, rows: QueryDeepPartialEntity<OutboxEntity>[]): Promise<number> => {
  const [sql, parameters] = m
    .createQueryBuilder()
    .insert()
    .into(OutboxEntity)
    .values(rows)
    .orIgnore()
    .updateEntity(false)
    .getQueryAndParameters();
  const runner = m.queryRunner;
  if (!runner) throw new Error('outbox events are written in a transaction');
  const result = await runner.query(sql, parameters, true);
  return result.affected ?? 0;
};
