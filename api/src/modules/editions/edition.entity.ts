import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EditionStatus = 'draft' | 'published';

/** An edition of the policy as data. A published one never changes; a new edition is a new row. */
@Entity('editions')
@Index('idx_editions_year', ['claimYear'])
export class EditionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: EditionStatus;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  /** The edition document, as `loadEdition` of @huiqi/shared validates it. */
  @Column({ type: 'json' })
  document!: unknown;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;
}
