import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type MemberRole } from './policy.js';

/** A user's place in a firm: what every access check about the firm's records starts from. */
@Entity('memberships')
@Index('uq_memberships_org_user', ['orgId', 'userId'], { unique: true })
export class MembershipEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Index('idx_memberships_user')
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 16 })
  role!: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
