import { type CommendationInputs, type CommendationsResponse } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 一、四、五: a published version of a year's commendation lists, frozen: the inputs they were
 * computed from (each county's sums, the months covered, the province's averages) and the result.
 * Never updated: a later publication is a new version that supersedes it; both are kept.
 */
@Entity('commendation_publications')
@Index('uq_commendation_publications_year_version', ['year', 'version'], { unique: true })
export class CommendationPublicationEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_commendation_publications' })
  id!: number;

  @Column({ type: 'int' })
  year!: number;

  /** 1, 2, … within the year; the highest is the one in force. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'json' })
  inputs!: CommendationInputs;

  @Column({ type: 'json' })
  result!: CommendationsResponse;

  @ForeignKey('users', { name: 'fk_commendation_publications_published_by', onDelete: 'RESTRICT' })
  @Column({ name: 'published_by', type: 'int' })
  publishedBy!: number;

  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt!: Date;
}
