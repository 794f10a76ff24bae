import { type ProgramId } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * An application round (申报批次): the city publishes it with its window, the programs it takes
 * and the pools' amounts (round_pools). Submission checks the round, not the edition's validity.
 */
@Entity('application_rounds')
@Index('idx_application_rounds_claim_year', ['claimYear'])
@Index('uq_application_rounds_default_key', ['defaultKey'], { unique: true })
export class RoundEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_application_rounds' })
  id!: number;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @ForeignKey('editions', { name: 'fk_application_rounds_edition_id', onDelete: 'RESTRICT' })
  @Column({ name: 'edition_id', type: 'varchar', length: 32 })
  editionId!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  /** First and last day of submissions, YYYY-MM-DD in Asia/Shanghai, both included. */
  @Column({ type: 'varchar', length: 10 })
  opens!: string;

  @Column({ type: 'varchar', length: 10 })
  closes!: string;

  @Column({ type: 'json' })
  programs!: ProgramId[];

  /**
   * Set on the round an edition's own application window stands for (`edition:opens:closes`), so
   * that every instance creates it once; null for a round the city published.
   */
  @Column({ name: 'default_key', type: 'varchar', length: 160, nullable: true })
  defaultKey!: string | null;

  @ForeignKey('users', { name: 'fk_application_rounds_created_by', onDelete: 'RESTRICT' })
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy!: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @VersionColumn()
  version!: number;
}
