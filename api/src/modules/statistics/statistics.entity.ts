import { type CountyId } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/**
 * 十二: one county's figures for one month (the month's own amounts). One row per county and
 * month; a revision updates the row and the audit log keeps the figures before and after.
 */
@Entity('county_monthly_figures')
@Index('uq_county_monthly_figures_county_year_month', ['county', 'year', 'month'], { unique: true })
@Index('idx_county_monthly_figures_year', ['year', 'month'])
export class CountyMonthlyFiguresEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_county_monthly_figures' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  county!: CountyId;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  month!: number;

  @Column({ name: 'online_retail_fen', type: 'bigint', transformer: bigintFen })
  onlineRetailFen!: number;

  @Column({ name: 'online_retail_prior_year_fen', type: 'bigint', transformer: bigintFen })
  onlineRetailPriorYearFen!: number;

  @Column({ name: 'physical_goods_online_retail_fen', type: 'bigint', transformer: bigintFen })
  physicalGoodsOnlineRetailFen!: number;

  @Column({ name: 'total_retail_sales_fen', type: 'bigint', transformer: bigintFen })
  totalRetailSalesFen!: number;

  @Column({ name: 'new_online_shops', type: 'int' })
  newOnlineShops!: number;

  @Column({ name: 'relocated_shops', type: 'int' })
  relocatedShops!: number;

  @Column({ name: 'relocated_shops_statistical_retail_fen', type: 'bigint', transformer: bigintFen })
  relocatedShopsStatisticalRetailFen!: number;

  @ForeignKey('users', { name: 'fk_county_monthly_figures_updated_by', onDelete: 'RESTRICT' })
  @Column({ name: 'updated_by', type: 'int' })
  updatedBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** The province's averages for a year (全省平均), set by the city administrator. */
@Entity('province_averages')
export class ProvinceAveragesEntity {
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_province_averages' })
  year!: number;

  @Column({ name: 'online_retail_growth_bp', type: 'int' })
  onlineRetailGrowthBp!: number;

  @Column({ name: 'physical_goods_online_share_bp', type: 'int' })
  physicalGoodsOnlineShareBp!: number;

  @ForeignKey('users', { name: 'fk_province_averages_updated_by', onDelete: 'RESTRICT' })
  @Column({ name: 'updated_by', type: 'int' })
  updatedBy!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
