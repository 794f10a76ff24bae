import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type MemberRole } from './policy.js';

/** A user's place in a firm: what every access check about the firm's records starts from. */
@Entity('memberships')
@Index('uq_memberships_org_user', ['orgId', 'userId'], { unique: true })
export class MembershipEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_memberships' })
  id!: number;

  // A place in a firm means nothing without the firm or the user; joining is in the audit log.
  @ForeignKey('orgs', { name: 'fk_memberships_org_id', onDelete: 'CASCADE' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Index('idx_memberships_user')
  @ForeignKey('users', { name: 'fk_memberships_user_id', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 16 })
  role!: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
