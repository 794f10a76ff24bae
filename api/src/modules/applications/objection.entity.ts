import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

/** An objection to an application on public notice (异议): named, with its evidence, ruled by the city. */
@Entity('objections')
@Index('idx_objections_application', ['applicationId'])
export class ObjectionEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_objections' })
  id!: number;

  @ForeignKey('applications', { name: 'fk_objections_application_id', onDelete: 'RESTRICT' })
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  @ForeignKey('users', { name: 'fk_objections_filed_by', onDelete: 'RESTRICT' })
  @Column({ name: 'filed_by', type: 'int' })
  filedBy!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  phone!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'text' })
  evidence!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ObjectionStatus;

  @Column({ name: 'ruling_reason', type: 'varchar', length: 500, nullable: true })
  rulingReason!: string | null;

  @ForeignKey('users', { name: 'fk_objections_ruled_by', onDelete: 'RESTRICT' })
  @Column({ name: 'ruled_by', type: 'int', nullable: true })
  ruledBy!: number | null;

  @Column({ name: 'filed_at', type: 'datetime' })
  filedAt!: Date;

  @Column({ name: 'ruled_at', type: 'datetime', nullable: true })
  ruledAt!: Date | null;

  @VersionColumn()
  version!: number;
}
