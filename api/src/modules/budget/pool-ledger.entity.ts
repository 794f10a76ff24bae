import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintFen } from '../../database/columns.js';

export type LedgerKind = 'reserve' | 'commit' | 'release' | 'pay';

/** Every movement of a pool's money, append-only, with the pool's totals after it. */
@Entity('pool_ledger')
@Index('idx_pool_ledger_round_pool', ['roundPoolId'])
@Index('idx_pool_ledger_application', ['applicationId'])
export class PoolLedgerEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_pool_ledger' })
  id!: number;

  @ForeignKey('round_pools', { name: 'fk_pool_ledger_round_pool_id', onDelete: 'RESTRICT' })
  @Column({ name: 'round_pool_id', type: 'int' })
  roundPoolId!: number;

  @ForeignKey('applications', { name: 'fk_pool_ledger_application_id', onDelete: 'RESTRICT' })
  @Column({ name: 'application_id', type: 'int' })
  applicationId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: LedgerKind;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintFen })
  amountFen!: number;

  @Column({ name: 'reserved_fen', type: 'bigint', transformer: bigintFen })
  reservedFen!: number;

  @Column({ name: 'committed_fen', type: 'bigint', transformer: bigintFen })
  committedFen!: number;

  @Column({ type: 'datetime' })
  at!: Date;

  @ForeignKey('users', { name: 'fk_pool_ledger_actor_id', onDelete: 'RESTRICT' })
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId!: number | null;
}
