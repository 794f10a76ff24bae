import { type CountyId, type OrgType } from '@huiqi/shared';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('orgs')
@Index('uq_orgs_uscc', ['uscc'], { unique: true })
export class OrgEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_orgs' })
  id!: number;

  @Column({ type: 'varchar', length: 18 })
  uscc!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  county!: CountyId;

  @Column({ name: 'org_types', type: 'json' })
  orgTypes!: OrgType[];

  @Column({ name: 'legal_representative', type: 'varchar', length: 64 })
  legalRepresentative!: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 64 })
  contactName!: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32 })
  contactPhone!: string;

  /** Seeded for the demo (演示数据). */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @ForeignKey('users', { name: 'fk_orgs_created_by', onDelete: 'RESTRICT' })
  @Column({ name: 'created_by', type: 'int' })
  createdBy!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
