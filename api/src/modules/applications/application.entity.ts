import {
  type ApplicationStatus,
  type CountyId,
  type Facts,
  type ProgramId,
  type ReturnItem,
  type Role,
  type VerificationVerdict,
} from '@huiqi/shared';
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

  /** The round (申报批次) it was submitted in; null while a draft. */
  @ForeignKey('application_rounds', { name: 'fk_applications_round_id', onDelete: 'RESTRICT' })
  @Column({ name: 'round_id', type: 'int', nullable: true })
  roundId!: number | null;

  /** When the current status began, and the last day (YYYY-MM-DD) its stage should act by. */
  @Column({ name: 'stage_since', type: 'datetime', nullable: true })
  stageSince!: Date | null;

  @Column({ name: 'stage_due', type: 'varchar', length: 10, nullable: true })
  stageDue!: string | null;

  /** Facts as reviewers corrected them from the materials (over the snapshot); null: none corrected. */
  @Column({ name: 'verified_facts', type: 'json', nullable: true })
  verifiedFacts!: Facts | null;

  /** Each condition's verification by id (see review.ts ConditionVerificationRecord). */
  @Column({ type: 'json', nullable: true })
  verification!: Record<string, ConditionVerificationRecord> | null;

  /** The award the city fixed (lowered or shared out pro rata), fen. */
  @Column({ name: 'award_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  awardFen!: number | null;

  @Column({ name: 'award_reason', type: 'varchar', length: 500, nullable: true })
  awardReason!: string | null;

  /** A first approval above the threshold waiting for a second approver. */
  @Column({ name: 'pending_approval', type: 'json', nullable: true })
  pendingApproval!: PendingApprovalRecord | null;

  /** What was returned for supplement, by which stage, until when (kept after resubmission until the next return). */
  @Column({ type: 'json', nullable: true })
  returned!: ReturnedRecord | null;

  @Column({ name: 'notice_starts', type: 'varchar', length: 10, nullable: true })
  noticeStarts!: string | null;

  @Column({ name: 'notice_ends', type: 'varchar', length: 10, nullable: true })
  noticeEnds!: string | null;

  @Column({ name: 'voucher_no', type: 'varchar', length: 64, nullable: true })
  voucherNo!: string | null;

  @Column({ name: 'paid_on', type: 'varchar', length: 10, nullable: true })
  paidOn!: string | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  @VersionColumn()
  version!: number;
}

/** One condition's verification as stored. */
export interface ConditionVerificationRecord {
  verdict: VerificationVerdict;
  /** For `corrected`: the facts the reviewer set (also merged into verified_facts). */
  facts: Partial<Facts> | null;
  materialIds: string[];
  note: string | null;
  byUserId: number;
  byRole: Role;
  stage: ApplicationStatus;
  at: string;
}

export interface PendingApprovalRecord {
  awardFen: number;
  reason: string | null;
  byUserId: number;
  byRole: Role;
  at: string;
}

export interface ReturnedRecord {
  from: 'submitted' | 'city-review';
  items: ReturnItem[];
  deadline: string;
  at: string;
  byRole: Role;
}

/** What the access check needs of an application (the county is the one fixed at submission). */
export const scopeOf = (a: ApplicationEntity): ApplicationScope => ({
  orgId: a.orgId,
  status: a.status,
  county: a.orgCounty,
});
