import { Injectable } from '@nestjs/common';
import { formatFen, type PoolSharing } from '@huiqi/shared';
import { type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type HoldState, PoolHoldEntity } from './pool-hold.entity.js';
import { type LedgerKind, PoolLedgerEntity } from './pool-ledger.entity.js';
import { RoundPoolEntity } from './round-pool.entity.js';

/** What a pool is asked to hold for one application. */
export interface HoldRequest {
  roundId: number;
  poolId: string;
  applicationId: number;
  amountFen: number;
  /** The user who made the change; null for the system (a timer). */
  actorId: number | null;
}

/**
 * The budget pools of each round and their ledger (the money side of review; the rules never see
 * it). Every method runs inside the caller's transaction (the workflow's one change), so a
 * reservation and the status change that needs it commit together or not at all.
 *
 * The invariant, under any concurrency and on every instance: reserved + committed <= cap. Money
 * only enters a pool's totals through one conditional UPDATE that checks it in the same statement
 * (MariaDB takes the row lock for it; SQLite's writers are serialised by Transactions).
 */
@Injectable()
export class BudgetService {
  constructor(private readonly clock: Clock) {}

  /** Opens a round's pools, in the transaction that creates the round. */
  async openPools(
    m: EntityManager,
    roundId: number,
    pools: readonly { poolId: string; capFen: number; sharing: PoolSharing }[],
  ): Promise<RoundPoolEntity[]> {
    const repo = m.getRepository(RoundPoolEntity);
    return repo.save(
      pools.map((p) =>
        repo.create({
          roundId,
          poolId: p.poolId,
          capFen: p.capFen,
          sharing: p.sharing,
          reservedFen: 0,
          committedFen: 0,
          paidFen: 0,
          allocatedAt: null,
        }),
      ),
    );
  }

  async poolsOf(m: EntityManager, roundIds: readonly number[]): Promise<RoundPoolEntity[]> {
    if (roundIds.length === 0) return [];
    return m
      .getRepository(RoundPoolEntity)
      .createQueryBuilder('p')
      .where('p.round_id IN (:...roundIds)', { roundIds })
      .orderBy('p.id', 'ASC')
      .getMany();
  }

  async poolOf(m: EntityManager, roundId: number, poolId: string): Promise<RoundPoolEntity> {
    const pool = await m.getRepository(RoundPoolEntity).findOneBy({ roundId, poolId });
    if (!pool) throw notFound('资金池');
    return pool;
  }

  /** A round's pool with its row locked for the rest of the transaction (allocation). */
  async lockPool(m: EntityManager, roundId: number, poolId: string, lock: { mode: 'pessimistic_write' } | undefined) {
    const pool = await m
      .getRepository(RoundPoolEntity)
      .findOne({ where: { roundId, poolId }, ...(lock ? { lock } : {}) });
    if (!pool) throw notFound('资金池');
    return pool;
  }

  async poolById(m: EntityManager, id: number): Promise<RoundPoolEntity> {
    return m.getRepository(RoundPoolEntity).findOneByOrFail({ id });
  }

  /** The holds of a pool, oldest first; only those in `state` when given. */
  async holdsOfPool(m: EntityManager, roundPoolId: number, state?: HoldState): Promise<PoolHoldEntity[]> {
    return m
      .getRepository(PoolHoldEntity)
      .find({ where: { roundPoolId, ...(state ? { state } : {}) }, order: { id: 'ASC' } });
  }

  async ledgerOf(m: EntityManager, roundPoolId: number): Promise<PoolLedgerEntity[]> {
    return m.getRepository(PoolLedgerEntity).find({ where: { roundPoolId }, order: { id: 'ASC' } });
  }

  /** One page of a pool's holds (in order of holding) and how many there are. */
  async holdsPageOf(
    m: EntityManager,
    roundPoolId: number,
    skip: number,
    take: number,
  ): Promise<[PoolHoldEntity[], number]> {
    return m.getRepository(PoolHoldEntity).findAndCount({ where: { roundPoolId }, order: { id: 'ASC' }, skip, take });
  }

  /** One page of a pool's ledger (oldest first) and how many lines it has. */
  async ledgerPageOf(
    m: EntityManager,
    roundPoolId: number,
    skip: number,
    take: number,
  ): Promise<[PoolLedgerEntity[], number]> {
    return m.getRepository(PoolLedgerEntity).findAndCount({ where: { roundPoolId }, order: { id: 'ASC' }, skip, take });
  }

  /** A pro-rata pool shared out: no award is added to it afterwards (reserve refuses). */
  async markAllocated(m: EntityManager, roundPoolId: number): Promise<void> {
    await m
      .createQueryBuilder()
      .update(RoundPoolEntity)
      .set({ allocatedAt: this.clock.now(), version: () => 'version + 1' })
      .where('id = :id', { id: roundPoolId })
      .execute();
  }

  async holdOf(m: EntityManager, applicationId: number): Promise<PoolHoldEntity | null> {
    return m.getRepository(PoolHoldEntity).findOneBy({ applicationId });
  }

  /**
   * At the city's approval. An `order` pool reserves the amount now or refuses with what is left
   * (POOL_EXHAUSTED); a `pro-rata` pool records the award as waiting, and reserves when the city
   * shares the pool out over the round (allocateProRata). Returns the hold's new state.
   */
  async reserve(m: EntityManager, request: HoldRequest): Promise<'reserved' | 'waiting'> {
    const pool = await this.poolOf(m, request.roundId, request.poolId);
    if (pool.sharing === 'order') {
      // Refused without taking the pool's lock when it plainly cannot hold the amount (a full
      // pool answers its many refusals at once, instead of queueing them behind its row lock);
      // an amount that seems to fit is decided by the conditional UPDATE below, never by this read.
      if (pool.capFen - pool.reservedFen - pool.committedFen < request.amountFen)
        throw exhausted(pool, request.amountFen, request.applicationId);
      // The pool's row first: inserting the hold takes a shared lock on it (the foreign key's
      // check), and two approvals each holding that shared lock and then asking for the exclusive
      // one deadlock on MariaDB. Taking the exclusive lock first queues them instead.
      await this.addReserved(m, pool, request.amountFen, request.applicationId);
      const hold = await this.upsertHold(m, pool.id, request.applicationId, request.amountFen);
      await this.setHold(m, hold, 'reserved', request.amountFen);
      await this.writeLedger(m, pool.id, request.applicationId, 'reserve', request.amountFen, request.actorId);
      return 'reserved';
    }
    if (pool.allocatedAt !== null)
      throw new AppError('INVALID_TRANSITION', '该资金池本批次已按比例分配完毕，不能再核定新的奖补；请在下一批次申报', {
        from: 'city-review',
      });
    const hold = await this.upsertHold(m, pool.id, request.applicationId, request.amountFen);
    await this.setHold(m, hold, 'waiting', 0);
    return 'waiting';
  }

  /**
   * Moves `amountFen` into the pool's reserved total if it fits, in one conditional statement;
   * refuses with the pool's totals otherwise. Nothing else adds money to a pool.
   */
  async addReserved(m: EntityManager, pool: RoundPoolEntity, amountFen: number, applicationId: number): Promise<void> {
    if (amountFen === 0) return;
    const result = await m
      .createQueryBuilder()
      .update(RoundPoolEntity)
      .set({ reservedFen: () => 'reserved_fen + :amount', version: () => 'version + 1' })
      .where('id = :id AND reserved_fen + committed_fen + :amount <= cap_fen', { id: pool.id, amount: amountFen })
      .execute();
    if (result.affected === 1) return;
    // The statement that refused it locked the row (MariaDB): a locking read sees what it saw,
    // where a plain read would see this transaction's older snapshot.
    const mariadb = m.connection.options.type !== 'better-sqlite3';
    const now = await m.getRepository(RoundPoolEntity).findOneOrFail({
      where: { id: pool.id },
      ...(mariadb ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    throw exhausted(now, amountFen, applicationId);
  }

  /** When the notice period ends: the reservation becomes a commitment (the total is unchanged). */
  async commit(m: EntityManager, applicationId: number, actorId: number | null): Promise<void> {
    const hold = await this.requireHold(m, applicationId, 'reserved');
    await m
      .createQueryBuilder()
      .update(RoundPoolEntity)
      .set({
        reservedFen: () => 'reserved_fen - :amount',
        committedFen: () => 'committed_fen + :amount',
        version: () => 'version + 1',
      })
      .where('id = :id', { id: hold.roundPoolId, amount: hold.amountFen })
      .execute();
    await this.setHold(m, hold, 'committed', hold.amountFen);
    await this.writeLedger(m, hold.roundPoolId, applicationId, 'commit', hold.amountFen, actorId);
  }

  /** On rejection, withdrawal or an upheld objection: a reservation (or a waiting award) is given back. */
  async release(m: EntityManager, applicationId: number, actorId: number | null): Promise<void> {
    const hold = await this.holdOf(m, applicationId);
    if (!hold || hold.state === 'released') return;
    if (hold.state !== 'reserved' && hold.state !== 'waiting')
      throw new Error(`a ${hold.state} award is never released (application ${applicationId})`);
    if (hold.state === 'reserved') {
      await m
        .createQueryBuilder()
        .update(RoundPoolEntity)
        .set({ reservedFen: () => 'reserved_fen - :amount', version: () => 'version + 1' })
        .where('id = :id', { id: hold.roundPoolId, amount: hold.amountFen })
        .execute();
      await this.writeLedger(m, hold.roundPoolId, applicationId, 'release', hold.amountFen, actorId);
    }
    await this.setHold(m, hold, 'released', 0);
  }

  /** Finance paid a committed award. */
  async pay(m: EntityManager, applicationId: number, actorId: number | null): Promise<void> {
    const hold = await this.requireHold(m, applicationId, 'committed');
    await m
      .createQueryBuilder()
      .update(RoundPoolEntity)
      .set({ paidFen: () => 'paid_fen + :amount', version: () => 'version + 1' })
      .where('id = :id', { id: hold.roundPoolId, amount: hold.amountFen })
      .execute();
    await this.setHold(m, hold, 'paid', hold.amountFen);
    await this.writeLedger(m, hold.roundPoolId, applicationId, 'pay', hold.amountFen, actorId);
  }

  private async requireHold(m: EntityManager, applicationId: number, state: HoldState): Promise<PoolHoldEntity> {
    const hold = await this.holdOf(m, applicationId);
    if (!hold || hold.state !== state)
      throw new Error(`application ${applicationId} has no ${state} award (${hold?.state ?? 'none'})`);
    return hold;
  }

  private async upsertHold(
    m: EntityManager,
    roundPoolId: number,
    applicationId: number,
    requestedFen: number,
  ): Promise<PoolHoldEntity> {
    const repo = m.getRepository(PoolHoldEntity);
    const existing = await repo.findOneBy({ applicationId });
    if (existing && existing.state !== 'released')
      throw new Error(`application ${applicationId} already holds ${existing.state} money`);
    const hold = existing ?? repo.create({ applicationId, amountFen: 0, state: 'waiting' });
    hold.roundPoolId = roundPoolId;
    hold.requestedFen = requestedFen;
    hold.updatedAt = this.clock.now();
    return repo.save(hold);
  }

  async setHold(m: EntityManager, hold: PoolHoldEntity, state: HoldState, amountFen: number): Promise<void> {
    hold.state = state;
    hold.amountFen = amountFen;
    hold.updatedAt = this.clock.now();
    await m.getRepository(PoolHoldEntity).save(hold);
  }

  async writeLedger(
    m: EntityManager,
    roundPoolId: number,
    applicationId: number,
    kind: LedgerKind,
    amountFen: number,
    actorId: number | null,
  ): Promise<void> {
    const pool = await m.getRepository(RoundPoolEntity).findOneByOrFail({ id: roundPoolId });
    const repo = m.getRepository(PoolLedgerEntity);
    await repo.save(
      repo.create({
        roundPoolId,
        applicationId,
        kind,
        amountFen,
        reservedFen: pool.reservedFen,
        committedFen: pool.committedFen,
        at: this.clock.now(),
        actorId,
      }),
    );
  }
}

/** POOL_EXHAUSTED: what the pool holds and what is left, in Chinese naming what the reviewer can do. */
const exhausted = (pool: RoundPoolEntity, amountFen: number, applicationId: number): AppError<'POOL_EXHAUSTED'> => {
  const availableFen = Math.max(0, pool.capFen - pool.reservedFen - pool.committedFen);
  return new AppError(
    'POOL_EXHAUSTED',
    `资金池余额不足：本批次该资金池剩余${formatFen(availableFen)}，不足以核定${formatFen(amountFen)}（申报编号${applicationId}）；可调低核定金额并写明理由`,
    {
      roundId: pool.roundId,
      poolId: pool.poolId,
      capFen: pool.capFen,
      reservedFen: pool.reservedFen,
      committedFen: pool.committedFen,
      availableFen,
      requestedFen: amountFen,
    },
  );
};
