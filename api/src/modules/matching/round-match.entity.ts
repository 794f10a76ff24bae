import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A round every firm has been screened for (proactive matching, 免申即享): written once the whole
 * city was screened, so the periodic job knows which open rounds are still to do. Screening again
 * is harmless (each match event has its own dedupe key); this only saves the work.
 */
@Entity('round_matches')
export class RoundMatchEntity {
  @ForeignKey('application_rounds', { name: 'fk_round_matches_round_id', onDelete: 'RESTRICT' })
  @PrimaryColumn({ name: 'round_id', type: 'int', primaryKeyConstraintName: 'pk_round_matches' })
  roundId!: number;

  @Column({ name: 'matched_at', type: 'datetime' })
  matchedAt!: Date;

  /** Firms screened, and match events written for them (not counting those written before). */
  @Column({ type: 'int' })
  firms!: number;

  @Column({ type: 'int' })
  notified!: number;
}
