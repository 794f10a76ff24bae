import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time code an org's administrator gives a colleague; stored as a SHA-256 hash. */
@Entity('invites')
@Index('uq_invites_code_hash', ['codeHash'], { unique: true })
export class InviteEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_invites' })
  id!: number;

  // A code to join a firm means nothing without the firm.
  @ForeignKey('orgs', { name: 'fk_invites_org_id', onDelete: 'CASCADE' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @ForeignKey('users', { name: 'fk_invites_created_by', onDelete: 'RESTRICT' })
  @Column({ name: 'created_by', type: 'int' })
  createdBy!: number;

  @ForeignKey('users', { name: 'fk_invites_used_by', onDelete: 'RESTRICT' })
  @Column({ name: 'used_by', type: 'int', nullable: true })
  usedBy!: number | null;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
