import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Refresh tokens are stored as SHA-256 hashes and rotated on every use. The tokens of one
 * sign-in form a family: a rotated token used again means it was copied, so the whole family
 * is revoked (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 */
@Entity('refresh_tokens')
@Index('uq_refresh_tokens_token_hash', ['tokenHash'], { unique: true })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_refresh_tokens' })
  id!: number;

  @Index('idx_refresh_tokens_user')
  // A session means nothing without its user.
  @ForeignKey('users', { name: 'fk_refresh_tokens_user_id', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  /** Shared by every token rotated from one sign-in. */
  @Index('idx_refresh_tokens_family')
  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
