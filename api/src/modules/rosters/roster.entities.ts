import { type HireTrainingKind } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/**
 * 第九条: one person an e-commerce firm hired in a claim year, with how they were trained and
 * their social insurance. The resident ID number is stored whole (upper-case X), as the firm
 * entered it, so the same person cannot be listed twice in the firm's roster of a year (the unique
 * index); it leaves the service masked only (maskResidentId), in answers and audit entries alike.
 */
@Entity('talent_hires')
@Index('uq_talent_hires_org_year_resident', ['orgId', 'claimYear', 'residentId'], { unique: true })
export class TalentHireEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_talent_hires' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_talent_hires_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 18 })
  residentId!: string;

  @Column({ name: 'training_kind', type: 'varchar', length: 32 })
  trainingKind!: HireTrainingKind;

  @Column({ name: 'institution_uscc', type: 'varchar', length: 18, nullable: true })
  institutionUscc!: string | null;

  @Column({ name: 'college_name', type: 'varchar', length: 100, nullable: true })
  collegeName!: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'hire_date', type: 'varchar', length: 10 })
  hireDate!: string;

  @Column({ name: 'social_insurance_months', type: 'int' })
  socialInsuranceMonths!: number;

  @ForeignKey('users', { name: 'fk_talent_hires_updated_by', onDelete: 'RESTRICT' })
  @Column({ name: 'updated_by', type: 'int' })
  updatedBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/**
 * 第九条: one streamer a training institution trained in a claim year, with their followers, the
 * city firm they signed a livestream-sales contract with, and their social insurance. Resident ID
 * numbers as in talent_hires.
 */
@Entity('streamer_trainees')
@Index('uq_streamer_trainees_org_year_resident', ['orgId', 'claimYear', 'residentId'], { unique: true })
export class StreamerTraineeEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_streamer_trainees' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_streamer_trainees_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 18 })
  residentId!: string;

  /** bigint: a top streamer's followers pass 2^31. */
  @Column({ type: 'bigint', transformer: bigintFen })
  followers!: number;

  @Column({ name: 'contract_firm_name', type: 'varchar', length: 128 })
  contractFirmName!: string;

  @Column({ name: 'contract_firm_uscc', type: 'varchar', length: 18 })
  contractFirmUscc!: string;

  @Column({ name: 'contract_months', type: 'int' })
  contractMonths!: number;

  @Column({ name: 'social_insurance_months', type: 'int' })
  socialInsuranceMonths!: number;

  @ForeignKey('users', { name: 'fk_streamer_trainees_updated_by', onDelete: 'RESTRICT' })
  @Column({ name: 'updated_by', type: 'int' })
  updatedBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
