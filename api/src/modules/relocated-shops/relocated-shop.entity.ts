import { type CountyId, type PlatformId, type RelocatedShopStatus } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * A shop a firm registered as moved back into the city (迁入店铺, measure 五). `shop_key` is the
 * shop's identity (shopKeyOf: the platform and the normalised id or link): its unique index is
 * what registers a shop once across the city, under any race.
 */
@Entity('relocated_shops')
@Index('uq_relocated_shops_shop_key', ['shopKey'], { unique: true })
@Index('idx_relocated_shops_org_id', ['orgId'])
@Index('idx_relocated_shops_county_status', ['county', 'status'])
@Index('idx_relocated_shops_status_relocated_on', ['status', 'relocatedOn'])
export class RelocatedShopEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_relocated_shops' })
  id!: number;

  @ForeignKey('orgs', { name: 'fk_relocated_shops_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int' })
  orgId!: number;

  @Column({ type: 'varchar', length: 46 })
  platform!: PlatformId;

  /** The id or link as the firm gave it (normalised text). */
  @Column({ type: 'varchar', length: 500 })
  shop!: string;

  @Column({ name: 'shop_kind', type: 'varchar', length: 8 })
  shopKind!: 'id' | 'link';

  @Column({ name: 'shop_key', type: 'varchar', length: 560 })
  shopKey!: string;

  @Column({ type: 'varchar', length: 32 })
  county!: CountyId;

  /** YYYY-MM-DD in Asia/Shanghai. */
  @Column({ name: 'relocated_on', type: 'varchar', length: 10 })
  relocatedOn!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RelocatedShopStatus;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 500, nullable: true })
  refusalReason!: string | null;

  @ForeignKey('users', { name: 'fk_relocated_shops_registered_by', onDelete: 'RESTRICT' })
  @Column({ name: 'registered_by', type: 'int' })
  registeredBy!: number;

  @ForeignKey('users', { name: 'fk_relocated_shops_reviewed_by', onDelete: 'RESTRICT' })
  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy!: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
