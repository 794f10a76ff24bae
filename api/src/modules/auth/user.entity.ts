import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'applicant' | 'county-reviewer' | 'city-reviewer' | 'finance' | 'admin';
export const ROLES: readonly Role[] = ['applicant', 'county-reviewer', 'city-reviewer', 'finance', 'admin'];
export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报企业用户',
  'county-reviewer': '县级审核员',
  'city-reviewer': '市级审核员',
  finance: '财政人员',
  admin: '系统管理员',
};
export const STAFF_ROLES: readonly Role[] = ['county-reviewer', 'city-reviewer', 'finance', 'admin'];

/** How the account signs in. */
export type UserKind = 'wechat' | 'staff' | 'demo';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: UserKind;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  openid!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
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

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
