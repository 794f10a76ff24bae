import { type ExportMode, type ReferralKind, type ReferralStatus } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/** A status a referral reached, kept on the referral (its audit entries say who). */
export interface ReferralStepRecord {
  status: ReferralStatus;
  at: string;
  note: string | null;
}

/**
 * A firm's referral request (转介): 齐鲁电商贷 (第十一条) with the amount, purpose and the consent
 * to share its data summary with the partner bank; or toward 一类出口企业 (第七条) with its export
 * situation. One table, one status machine: the city tracks both alike.
 */
@Entity('referrals')
@Index('idx_referrals_org_id', ['orgId'])
@Index('idx_referrals_status', ['status'])
export class ReferralEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_referrals' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_referrals_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReferralKind;

  @Column({ type: 'varchar', length: 16 })
  status!: ReferralStatus;

  /** Loan: what the firm asks for, 10万 to 1000万 yuan (第十一条). */
  @Column({ name: 'amount_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  amountFen!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose!: string | null;

  /** Loan: the consent's wording (LOAN_CONSENT.version) and when it was given. */
  @Column({ name: 'consent_version', type: 'varchar', length: 16, nullable: true })
  consentVersion!: string | null;

  @Column({ name: 'consented_at', type: 'datetime', nullable: true })
  consentedAt!: Date | null;

  /** Set when the firm withdrew: its consent ends with the request, no export after. */
  @Column({ name: 'consent_withdrawn_at', type: 'datetime', nullable: true })
  consentWithdrawnAt!: Date | null;

  @Column({ name: 'export_mode', type: 'varchar', length: 32, nullable: true })
  exportMode!: ExportMode | null;

  @Column({ name: 'annual_export_fen', type: 'bigint', nullable: true, transformer: bigintFen })
  annualExportFen!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  markets!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  needs!: string | null;

  /** The latest note the city wrote (未获批's reason). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'json' })
  steps!: ReferralStepRecord[];

  @ForeignKey('users', { name: 'fk_referrals_requested_by', onDelete: 'RESTRICT' })
  @Column({ name: 'requested_by', type: 'int' })
  requestedBy!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
