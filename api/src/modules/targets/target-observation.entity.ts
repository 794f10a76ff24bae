import { type ObservationIndicator } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A count the monthly figures cannot give (firms over 1亿, shops in total, colleges), as city staff
 * observed it on a day. Never updated: a correction is a later entry; the dashboard reads the
 * latest by date.
 */
@Entity('target_observations')
@Index('idx_target_observations_indicator', ['indicator', 'observedOn'])
export class TargetObservationEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_target_observations' })
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  indicator!: ObservationIndicator;

  /** YYYY-MM-DD. */
  @Column({ name: 'observed_on', type: 'varchar', length: 10 })
  observedOn!: string;

  @Column({ type: 'int' })
  value!: number;

  @Column({ type: 'varchar', length: 200 })
  source!: string;

  @ForeignKey('users', { name: 'fk_target_observations_recorded_by', onDelete: 'RESTRICT' })
  @Column({ name: 'recorded_by', type: 'int' })
  recordedBy!: number;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt!: Date;
}
