import { type ParkCriterion, type ParkEvaluationStatus, type ParkRankingEntry, type ParkScore } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * A year's park evaluation (第八条：每年开展电商产业园区综合评价): the criteria and weights the
 * administrator set, and once the city publishes it, the ranking as published (kept as it was:
 * a park renamed later does not rewrite a published list).
 */
@Entity('park_evaluations')
export class ParkEvaluationEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_park_evaluations' })
  year!: number;

  @Column({ type: 'json' })
  criteria!: ParkCriterion[];

  @Column({ type: 'varchar', length: 16 })
  status!: ParkEvaluationStatus;

  @Column({ type: 'json', nullable: true })
  ranking!: ParkRankingEntry[] | null;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;

  @ForeignKey('users', { name: 'fk_park_evaluations_published_by', onDelete: 'RESTRICT' })
  @Column({ name: 'published_by', type: 'int', nullable: true })
  publishedBy!: number | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** A park's scores for a year, one per criterion (0–100), entered by the city. */
@Entity('park_scores')
@Index('uq_park_scores_year_org', ['year', 'orgId'], { unique: true })
export class ParkScoreEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_park_scores' })
  id!: number;

  @ForeignKey('park_evaluations', { name: 'fk_park_scores_year', onDelete: 'RESTRICT' })
  @Column({ type: 'int' })
  year!: number;

  @ForeignKey('orgs', { name: 'fk_park_scores_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ type: 'json' })
  scores!: ParkScore[];

  @ForeignKey('users', { name: 'fk_park_scores_entered_by', onDelete: 'RESTRICT' })
  @Column({ name: 'entered_by', type: 'int' })
  enteredBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
