import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxEntity } from './outbox.entity.js';

/** An event as a dispatcher works on it. */
export interface LeasedEvent {
  id: number;
  eventType: string;
  orgId: number | null;
  payload: unknown;
  dedupeKey: string;
  /** Attempts made, this one included. */
  attempts: number;
  createdAt: Date;
}

/** An event no change makes (a reminder, a proactive match), written straight to the outbox. */
export interface OutboxEventInput {
  eventType: string;
  entity: 'org' | 'application' | 'round';
  entityId: string;
  orgId: number | null;
  payload: unknown;
  dedupeKey: string;
  now: Date;
}

const duplicateKey = (error: unknown): boolean => {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * Writes an event that no change makes; false when its dedupe key is already there (a rerun).
 * A duplicate key fails only its statement on both engines, so this is safe inside a transaction.
 */
export const writeOutboxEvent = async (m: EntityManager, input: OutboxEventInput): Promise<boolean> => {
  const outbox = m.getRepository(OutboxEntity);
  if (await outbox.existsBy({ dedupeKey: input.dedupeKey })) return false;
  try {
    await outbox.insert({
      eventType: input.eventType,
      entity: input.entity,
      entityId: input.entityId,
      orgId: input.orgId,
      payload: input.payload as object,
      auditId: null,
      dedupeKey: input.dedupeKey,
      attempts: 0,
      nextAttemptAt: input.now,
      deliveredAt: null,
      deadAt: null,
      lastError: null,
      createdAt: input.now,
    });
    return true;
  } catch (error) {
    if (duplicateKey(error)) return false;
    throw error;
  }
};

/**
 * The outbox as a work queue (docs/workflow.md "The outbox"): a dispatcher takes a due row by a
 * conditional update that moves next_attempt_at forward and counts an attempt. That update is a
 * lease: of several dispatchers (instances) exactly one changes the row, and a dispatcher that
 * dies holding it leaves a row that comes due again when the lease runs out.
 */
@Injectable()
export class OutboxQueue {
  constructor(private readonly dataSource: DataSource) {}

  /** Due events' ids and attempt counts, oldest due first (idx_outbox_due). */
  async due(now: Date, limit: number): Promise<{ id: number; attempts: number }[]> {
    const rows = await this.dataSource
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select(['o.id', 'o.attempts'])
      .where('o.delivered_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= :now', { now })
      .orderBy('o.next_attempt_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ id: r.id, attempts: r.attempts }));
  }

  /**
   * Takes the event until `until` if it is still as it was seen (same attempts, due, undelivered):
   * null when another dispatcher took it first.
   */
  async lease(id: number, seenAttempts: number, now: Date, until: Date): Promise<LeasedEvent | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxEntity)
      .set({ attempts: () => 'attempts + 1', nextAttemptAt: until })
      .where(
        'id = :id AND attempts = :seenAttempts AND delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= :now',
        { id, seenAttempts, now },
      )
      .execute();
    if (result.affected !== 1) return null;
    const row = await this.dataSource.getRepository(OutboxEntity).findOneByOrFail({ id });
    return {
      id: row.id,
      eventType: row.eventType,
      orgId: row.orgId,
      payload: row.payload,
      dedupeKey: row.dedupeKey,
      attempts: row.attempts,
      createdAt: row.createdAt,
    };
  }

  /**
   * The event as a queue's job finds it (the Redis path: the job names the row, the row is the
   * truth): with whether it was delivered or is dead already; null when there is no such row.
   */
  async find(id: number): Promise<(LeasedEvent & { done: boolean }) | null> {
    const row = await this.dataSource.getRepository(OutboxEntity).findOneBy({ id });
    if (!row) return null;
    return {
      id: row.id,
      eventType: row.eventType,
      orgId: row.orgId,
      payload: row.payload,
      dedupeKey: row.dedupeKey,
      attempts: row.attempts,
      createdAt: row.createdAt,
      done: row.deliveredAt !== null || row.deadAt !== null,
    };
  }

  async delivered(id: number, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(OutboxEntity)
      .update({ id }, { deliveredAt: now, nextAttemptAt: null, lastError: null });
  }

  /** A failed attempt: due again at `retryAt`, or dead (the dead-letter state) when retryAt is null. */
  async failed(id: number, now: Date, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource
      .getRepository(OutboxEntity)
      .update(
        { id },
        retryAt === null
          ? { deadAt: now, nextAttemptAt: null, lastError: error.slice(0, 500) }
          : { nextAttemptAt: retryAt, lastError: error.slice(0, 500) },
      );
  }

  /** Events written by a dedupe key (the queue's job id is the event's id; tests and the benchmark count). */
  async state(id: number): Promise<{ deliveredAt: Date | null; deadAt: Date | null; attempts: number } | null> {
    const row = await this.dataSource.getRepository(OutboxEntity).findOneBy({ id });
    return row ? { deliveredAt: row.deliveredAt, deadAt: row.deadAt, attempts: row.attempts } : null;
  }
}
