import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SlotStatus = 'attached' | 'accepted' | 'rejected' | 'replaced';

/**
 * A file in one material slot of one application. Rows are never deleted: replacing a file
 * marks the previous row `replaced`, so the slot keeps its history.
 */
@Entity('application_materials')
@Index('idx_application_materials_slot', ['applicationId', 'materialId'])
@Index('idx_application_materials_file', ['fileId'])
export class MaterialSlotEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_application_materials' })
  id!: number;

  // RESTRICT, not CASCADE: the rows are the slot's history, reviewers' decisions included.
  @ForeignKey('applications', { name: 'fk_application_materials_application_id', onDelete: 'RESTRICT' })
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  @Column({ name: 'material_id', type: 'varchar', length: 48 })
  materialId!: string;

  @ForeignKey('files', { name: 'fk_application_materials_file_id', onDelete: 'RESTRICT' })
  @Column({ name: 'file_id', type: 'int' })
  fileId!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: SlotStatus;

  /** YYYY-MM-DD until which this evidence counts (from the material's validity); null: no end. */
  @Column({ name: 'valid_until', type: 'varchar', length: 10, nullable: true })
  validUntil!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @ForeignKey('users', { name: 'fk_application_materials_reviewed_by', onDelete: 'RESTRICT' })
  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy!: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  reviewedAt!: Date | null;

  @ForeignKey('users', { name: 'fk_application_materials_attached_by', onDelete: 'RESTRICT' })
  @Column({ name: 'attached_by', type: 'int' })
  attachedBy!: number;

  @Column({ name: 'attached_at', type: 'datetime' })
  attachedAt!: Date;
}
