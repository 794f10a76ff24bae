import { type ApplicationStatus, type CountyId, type Facts, type ProgramId } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';
import { type ApplicationScope } from '../access/policy.js';

@Entity('applications')
@Index('idx_applications_org', ['orgId'])
@Index('uq_applications_active_key', ['activeKey'], { unique: true })
@Index('uq_applications_once_key', ['onceKey'], { unique: true })
export class ApplicationEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_applications' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_applications_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'program_id', type: 'varchar', length: 48 })
  programId!: ProgramId;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @ForeignKey('editions', { name: 'fk_applications_edition_id', onDelete: 'RESTRICT' })
  @Column({ name: 'edition_id', type: 'varchar', length: 32 })
  editionId!: string;

  /**
   * The edition version it was created under (edition_versions.id): its programs, materials and
   * evaluation are read from that version and no other, whatever is published later.
   */
  @ForeignKey('edition_versions', { name: 'fk_applications_edition_version_id', onDelete: 'RESTRICT' })
  @Column({ name: 'edition_version_id', type: 'int' })
  editionVersionId!: number;

  @Column({ type: 'varchar', length: 24 })
  status!: ApplicationStatus;

  /** The firm's facts as they stood when the application was made or last edited. */
  @Column({ name: 'facts_snapshot', type: 'json' })
  factsSnapshot!: Facts;

  /** The evaluation at submission (the contract's ProgramResult, serialised). */
  @Column({ type: 'json', nullable: true })
  evaluation!: unknown;

  /**
   * The firm as it stood at submission (null while a draft): what was applied for in whose name,
   * and the county whose reviewers it went to. A firm that changes later changes none of these.
   */
  @Column({ name: 'org_name', type: 'varchar', length: 128, nullable: true })
  orgName!: string | null;

  @Column({ name: 'org_uscc', type: 'varchar', length: 18, nullable: true })
  orgUscc!: string | null;

  @Column({ name: 'org_county', type: 'varchar', length: 32, nullable: true })
  orgCounty!: CountyId | null;

  @Column({ name: 'max_amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  maxAmountFen!: number | null;

  /**
   * `org:program:year` while the application is active, else null: a unique index makes
   * "one active application per firm, program and year" hold under any concurrency.
   */
  @Column({ name: 'active_key', type: 'varchar', length: 96, nullable: true })
  activeKey!: string | null;

  /** `org:program` for a one-off award (一次性奖励) while it is active or granted. */
  @Column({ name: 'once_key', type: 'varchar', length: 96, nullable: true })
  onceKey!: string | null;

  @ForeignKey('users', { name: 'fk_applications_created_by', onDelete: 'RESTRICT' })
  @Column({ name: 'created_by', type: 'int' })
  createdBy!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'datetime', nullable: true })
  withdrawnAt!: Date | null;

  @VersionColumn()
  version!: number;
}

/** What the access check needs of an application (the county is the one fixed at submission). */
export const scopeOf = (a: ApplicationEntity): ApplicationScope => ({
  orgId: a.orgId,
  status: a.status,
  county: a.orgCounty,
});
