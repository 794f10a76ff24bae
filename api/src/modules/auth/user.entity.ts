import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type Role } from '../../common/roles.js';

/** How the account signs in. */
export type UserKind = 'wechat' | 'staff' | 'demo';

@Entity('users')
@Index('uq_users_openid', ['openid'], { unique: true })
@Index('uq_users_username', ['username'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_users' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: UserKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  openid!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  /** County a county reviewer works for. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  county!: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName!: string;

  /** Set while the account may not sign in (an administrator disabled it); null otherwise. */
  @Column({ name: 'disabled_at', type: 'datetime', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
