import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type EditionStatus = 'draft' | 'published';

/**
 * An edition of the policy: its identity, and while it is a draft, the document being written.
 * Once published its content lives in versions (EditionVersionEntity) and `document` is null.
 */
@Entity('editions')
@Index('idx_editions_year', ['claimYear'])
export class EditionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_editions' })
  id!: string;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: EditionStatus;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  /** A draft's document, as `loadEdition` of @huiqi/shared validates it; null once published. */
  @Column({ type: 'json', nullable: true })
  document!: object | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** When its first version was published: among the editions of one year, the later one is in force. */
  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt!: Date | null;
}

/**
 * A published edition's content, stored once under the SHA-256 of its canonical JSON
 * (content-hash.ts) and never changed: versions of any edition with the same content share it.
 */
@Entity('edition_contents')
export class EditionContentEntity {
  @PrimaryColumn({ name: 'content_hash', type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_edition_contents' })
  contentHash!: string;

  @Column({ type: 'json' })
  document!: unknown;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/**
 * One published version of an edition: 1 when it is published, then one more each time the
 * package ships different content for a built-in edition. Rows are only ever added, so an
 * application that records its version reads the same programs and materials forever.
 */
@Entity('edition_versions')
@Index('uq_edition_versions_edition_version', ['editionId', 'version'], { unique: true })
@Index('idx_edition_versions_year', ['claimYear'])
export class EditionVersionEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_edition_versions' })
  id!: number;

  @ForeignKey('editions', { name: 'fk_edition_versions_edition_id', onDelete: 'RESTRICT' })
  @Column({ name: 'edition_id', type: 'varchar', length: 32 })
  editionId!: string;

  @Column({ type: 'int' })
  version!: number;

  @ForeignKey('edition_contents', { name: 'fk_edition_versions_content_hash', onDelete: 'RESTRICT' })
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt!: Date;
}
