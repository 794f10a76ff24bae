import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event about a change, written in the same transaction as the change and its audit entry
 * (the transactional outbox): whoever reacts to changes (notifications) reads it from here, so
 * a change is never announced without having happened, nor happens without being announced.
 * Rows are never deleted; delivery fills in its columns.
 */
@Entity('outbox')
@Index('uq_outbox_dedupe_key', ['dedupeKey'], { unique: true })
// What a dispatcher asks for: undelivered, not dead, due.
@Index('idx_outbox_due', ['deliveredAt', 'deadAt', 'nextAttemptAt'])
@Index('idx_outbox_org', ['orgId'])
export class OutboxEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_outbox' })
  id!: number;

  /** The change's action, e.g. `application.submitted` (change-events.ts). */
  @Column({ name: 'event_type', type: 'varchar', length: 48 })
  eventType!: string;

  /** The record it is about, named as the audit log names it. */
  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId!: string;

  @ForeignKey('orgs', { name: 'fk_outbox_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int', nullable: true })
  orgId!: number | null;

  /** The event's payload, of the type change-events.ts gives its action; no personal data. */
  @Column({ type: 'json' })
  payload!: unknown;

  /** The audit entry of the change it reports; null for events no change made (reminders). */
  @ForeignKey('audit_log', { name: 'fk_outbox_audit_id', onDelete: 'RESTRICT' })
  @Column({ name: 'audit_id', type: 'int', nullable: true })
  auditId!: number | null;

  /**
   * One event, one row, whoever writes it how often: `audit:<id>` for a change; a scheduler's
   * events (a reminder) name themselves, so writing one twice is refused by the unique index.
   */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 128 })
  dedupeKey!: string;

  /** Delivery attempts made so far. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** When a dispatcher may take it (next); moved forward by a claim or a backoff. */
  @Column({ name: 'next_attempt_at', type: 'datetime', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  /** Given up after too many attempts (the dead-letter state). */
  @Column({ name: 'dead_at', type: 'datetime', nullable: true })
  deadAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
