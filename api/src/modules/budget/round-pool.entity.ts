import { type PoolSharing } from '@huiqi/shared';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

/**
 * A pool's amount for one round and its running totals. The invariant every write keeps, in one
 * conditional UPDATE: reserved_fen + committed_fen <= cap_fen (paid is part of committed).
 */
@Entity('round_pools')
@Index('uq_round_pools_round_pool', ['roundId', 'poolId'], { unique: true })
export class RoundPoolEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_round_pools' })
  id!: number;

  @ForeignKey('application_rounds', { name: 'fk_round_pools_round_id', onDelete: 'RESTRICT' })
  @Column({ name: 'round_id', type: 'int' })
  roundId!: number;

  /** The edition's pool, e.g. pool-leading. */
  @Column({ name: 'pool_id', type: 'varchar', length: 48 })
  poolId!: string;

  @Column({ name: 'cap_fen', type: 'bigint', transformer: bigintFen })
  capFen!: number;

  @Column({ type: 'varchar', length: 16 })
  sharing!: PoolSharing;

  @Column({ name: 'reserved_fen', type: 'bigint', default: 0, transformer: bigintFen })
  reservedFen!: number;

  @Column({ name: 'committed_fen', type: 'bigint', default: 0, transformer: bigintFen })
  committedFen!: number;

  @Column({ name: 'paid_fen', type: 'bigint', default: 0, transformer: bigintFen })
  paidFen!: number;

  /** A pro-rata pool: when the city shared it out over the round; null before (always null for `order`). */
  @Column({ name: 'allocated_at', type: 'datetime', nullable: true })
  allocatedAt!: Date | null;

  @VersionColumn()
  version!: number;
}
