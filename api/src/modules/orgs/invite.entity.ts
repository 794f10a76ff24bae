import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time code an org's administrator gives a colleague; stored as a SHA-256 hash. */
@Entity('invites')
export class InviteEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64, unique: true })
  codeHash!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'created_by', type: 'int' })
  createdBy!: number;

  @Column({ name: 'used_by', type: 'int', nullable: true })
  usedBy!: number | null;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
