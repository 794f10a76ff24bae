import { type CountyId, type WhitelistOrgType, type WhitelistStatus } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * A firm's application for the city's recommendation to the provincial 电商生态链企业“白名单”
 * (第八条), one per firm and year. The firm's name, credit code and county are fixed on it when it
 * is submitted (as an application fixes them), so the public list and measure 九's check read the
 * firm as it applied.
 */
@Entity('whitelist_applications')
@Index('uq_whitelist_applications_org_year', ['orgId', 'year'], { unique: true })
@Index('idx_whitelist_applications_year_status', ['year', 'status'])
@Index('idx_whitelist_applications_uscc', ['uscc'])
export class WhitelistApplicationEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_whitelist_applications' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_whitelist_applications_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'org_name', type: 'varchar', length: 128 })
  orgName!: string;

  @Column({ type: 'varchar', length: 18 })
  uscc!: string;

  @Column({ type: 'varchar', length: 32 })
  county!: CountyId;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'json' })
  categories!: WhitelistOrgType[];

  @Column({ name: 'no_violations', type: 'boolean' })
  noViolations!: boolean;

  @Column({ name: 'no_bad_credit', type: 'boolean' })
  noBadCredit!: boolean;

  /** Library files of the firm, by id. */
  @Column({ name: 'file_ids', type: 'json' })
  fileIds!: number[];

  @Column({ type: 'varchar', length: 16 })
  status!: WhitelistStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @ForeignKey('users', { name: 'fk_whitelist_applications_submitted_by', onDelete: 'RESTRICT' })
  @Column({ name: 'submitted_by', type: 'int' })
  submittedBy!: number;

  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt!: Date;

  @ForeignKey('users', { name: 'fk_whitelist_applications_decided_by', onDelete: 'RESTRICT' })
  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy!: number | null;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
