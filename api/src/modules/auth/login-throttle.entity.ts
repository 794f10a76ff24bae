import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The staff sign-in throttle's count for one username as typed and one client address (hashed
 * together). Unknown usernames get rows like real ones, so the answers do not tell which exist;
 * failures from one address never delay a sign-in from another.
 */
@Entity('login_throttles')
export class LoginThrottleEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_login_throttles' })
  id!: number;

  /** SHA-256 (hex) of the username and the address: neither is stored. */
  @Index('uq_login_throttles_key', { unique: true })
  @Column({ name: 'throttle_key', type: 'varchar', length: 64 })
  throttleKey!: string;

  /** Attempts since the last success, each counted when it starts. */
  @Column({ type: 'int', default: 0 })
  failures!: number;

  /** No attempt before this time; null while the free attempts last. */
  @Column({ name: 'next_attempt_at', type: 'datetime', nullable: true })
  nextAttemptAt!: Date | null;

  @Index('idx_login_throttles_last_attempt')
  @Column({ name: 'last_attempt_at', type: 'datetime' })
  lastAttemptAt!: Date;
}
