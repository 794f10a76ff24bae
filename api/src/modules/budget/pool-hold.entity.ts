import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/** What a pool holds for one application: one row per application, moved by the ledger's lines. */
export type HoldState = 'waiting' | 'reserved' | 'committed' | 'paid' | 'released';

@Entity('pool_holds')
@Index('uq_pool_holds_application', ['applicationId'], { unique: true })
@Index('idx_pool_holds_round_pool', ['roundPoolId'])
export class PoolHoldEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_pool_holds' })
  id!: number;

  @ForeignKey('round_pools', { name: 'fk_pool_holds_round_pool_id', onDelete: 'RESTRICT' })
  @Column({ name: 'round_pool_id', type: 'int' })
  roundPoolId!: number;

  @ForeignKey('applications', { name: 'fk_pool_holds_application_id', onDelete: 'RESTRICT' })
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  /** The award the city approved (what a pro-rata pool scales). */
  @Column({ name: 'requested_fen', type: 'bigint', transformer: bigintFen })
  requestedFen!: number;

  /** What the pool holds for it now (0 once released, and while waiting for a pro-rata share). */
  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: HoldState;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
