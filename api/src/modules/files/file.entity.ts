import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/**
 * A file in a firm's document library. The bytes live in storage under their SHA-256 (taken
 * after location metadata is stripped); the same bytes uploaded twice by one firm are one row.
 */
@Entity('files')
@Index('uq_files_org_sha', ['orgId', 'sha256'], { unique: true })
// The sweep asks, for each stored object, whether any row references it.
@Index('idx_files_storage_key', ['storageKey'])
export class FileEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_files' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_files_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** Bytes; bigint like money, so a large file never overflows a 32-bit column. */
  @Column({ type: 'bigint', transformer: bigintFen })
  size!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @Column({ type: 'varchar', length: 64 })
  mime!: string;

  /** The name the firm gave it, for display and download only; never a path. */
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey!: string;

  @ForeignKey('users', { name: 'fk_files_uploaded_by', onDelete: 'RESTRICT' })
  @Column({ name: 'uploaded_by', type: 'int' })
  uploadedBy!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
