import { type FactName } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where a fact's value comes from. */
export type Provenance = 'self-declared' | 'document' | 'verified' | 'roster';

/** One fact of one firm for one claim year, in the contract's field names. */
@Entity('org_facts')
@Index('uq_org_facts', ['orgId', 'claimYear', 'name'], { unique: true })
export class FactEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_org_facts' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_org_facts_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: FactName;

  @Column({ type: 'json' })
  value!: unknown;

  @Column({ type: 'varchar', length: 16 })
  provenance!: Provenance;

  @ForeignKey('users', { name: 'fk_org_facts_updated_by', onDelete: 'RESTRICT' })
  @Column({ name: 'updated_by', type: 'int' })
  updatedBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** Every change of a fact, never updated: the history a reviewer reads. */
@Entity('fact_changes')
@Index('idx_fact_changes_org_year', ['orgId', 'claimYear'])
export class FactChangeEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_fact_changes' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_fact_changes_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ name: 'claim_year', type: 'int' })
  claimYear!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: FactName;

  @Column({ type: 'json', nullable: true })
  before!: unknown;

  @Column({ type: 'json', nullable: true })
  after!: unknown;

  @Column({ type: 'varchar', length: 16 })
  provenance!: Provenance;

  @ForeignKey('users', { name: 'fk_fact_changes_changed_by', onDelete: 'RESTRICT' })
  @Column({ name: 'changed_by', type: 'int' })
  changedBy!: number;

  @Column({ name: 'changed_at', type: 'datetime' })
  changedAt!: Date;
}
