import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: written in the same transaction as the change it records, never updated or deleted.
 * Each entry carries the hash of the one before it and its own (chain-hash.ts), so an entry changed
 * or removed afterwards breaks the chain (AuditChain.verify, `npm run audit:verify`).
 */
@Entity('audit_log')
@Index('idx_audit_entity', ['entity', 'entityId'])
@Index('idx_audit_org', ['orgId'])
// One entry after each: two entries claiming the same predecessor (a fork) cannot be stored.
@Index('uq_audit_log_prev_hash', ['prevHash'], { unique: true })
export class AuditEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_audit_log' })
  id!: number;

  @Column({ type: 'datetime' })
  at!: Date;

  @ForeignKey('users', { name: 'fk_audit_log_actor_id', onDelete: 'RESTRICT' })
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 48 })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId!: string;

  @ForeignKey('orgs', { name: 'fk_audit_log_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int', nullable: true })
  orgId!: number | null;

  @Column({ type: 'json', nullable: true })
  before!: unknown;

  @Column({ type: 'json', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  /** The previous entry's hash; the genesis hash (64 zeros) for the first. */
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  /** Hex SHA-256 of `prevHash` and the canonical JSON of the fields above (chain-hash.ts). */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
