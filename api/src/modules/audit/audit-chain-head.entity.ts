import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The one row of audit_chain_head. */
export const CHAIN_HEAD_ID = 1;

/**
 * The end of the audit chain: the newest entry and its hash, one row. A change locks it (FOR UPDATE
 * on MariaDB) to append its entry after the newest one, so entries written at once by several API
 * instances still form one line; and verifying compares the chain's last entry with it, so
 * deleting the newest entries shows.
 */
@Entity('audit_chain_head')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_audit_chain_head' })
  id!: number;

  /** The newest entry; null while the log is empty. */
  @ForeignKey('audit_log', { name: 'fk_audit_chain_head_last_id', onDelete: 'RESTRICT' })
  @Column({ name: 'last_id', type: 'int', nullable: true })
  lastId!: number | null;

  /** The newest entry's hash (the genesis hash while the log is empty). */
  @Column({ name: 'last_hash', type: 'varchar', length: 64 })
  lastHash!: string;
}
