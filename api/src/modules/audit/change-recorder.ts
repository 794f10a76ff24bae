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

  recordChange<A extends ChangeAction, R>(
    actor: Actor,
    action: A,
    work: (manager: EntityManager) => Promise<Outcome<A, R>>,
  ): Promise<R> {
    return this.tx.run(async (m) => {
      const { result, change, also = [] } = await work(m);
      if (change) await this.write(m, change.actor ?? actor, action, change);
      for (const other of also) await this.write(m, other.change.actor ?? actor, other.action, other.change as never);
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
