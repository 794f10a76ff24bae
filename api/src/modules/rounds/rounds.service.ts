import { Injectable } from '@nestjs/common';
import {
  type CreateRoundRequest,
  type Edition,
  formatDateZh,
  type ProgramId,
  type RoundList,
  type RoundQuery,
  type RoundView,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { BudgetService } from '../budget/budget.service.js';
import { type EditionVersion, EditionsService } from '../editions/editions.service.js';
import { RoundEntity } from './round.entity.js';

/** The key of the round an edition's own application window stands for. */
export const defaultRoundKey = (edition: Edition): string | null =>
  edition.applicationWindow
    ? `${edition.id}:${edition.applicationWindow.opens}:${edition.applicationWindow.closes}`
    : null;

/**
 * Application rounds (申报批次). The city publishes rounds; an edition published with an
 * application window of its own stands for a round too (its default round, created once, on
 * first use, by whichever instance gets there first), with every program and the edition's pools
 * in full, shared in order of approval.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly editions: EditionsService,
    private readonly budget: BudgetService,
    private readonly clock: Clock,
  ) {}

  /** The default round of the edition in force for the year, created if its window has none yet. */
  async ensureDefaultRound(claimYear: number): Promise<void> {
    let pinned: EditionVersion;
    try {
      pinned = await this.editions.inForce(claimYear);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NO_EDITION') return;
      throw error;
    }
    const { edition } = pinned;
    const key = defaultRoundKey(edition);
    if (key === null || !edition.applicationWindow) return;
    const repo = this.dataSource.getRepository(RoundEntity);
    if (await repo.findOneBy({ defaultKey: key })) return;
    const window = edition.applicationWindow;
    try {
      await this.tx.run(async (m) => {
        if (await m.getRepository(RoundEntity).findOneBy({ defaultKey: key })) return;
        const round = await m.getRepository(RoundEntity).save(
          m.getRepository(RoundEntity).create({
            claimYear,
            editionId: edition.id,
            title: `${claimYear}年度申报（${edition.title}）`,
            opens: window.opens,
            closes: window.closes,
            programs: Object.keys(edition.programs) as ProgramId[],
            defaultKey: key,
            createdBy: null,
            createdAt: this.clock.now(),
          }),
        );
        // The edition's pools in full, less what the city's own rounds of the year already hold.
        const taken = await this.takenByOtherRounds(m, claimYear, round.id);
        await this.budget.openPools(
          m,
          round.id,
          Object.entries(edition.pools).map(([poolId, pool]) => ({
            poolId,
            capFen: Math.max(0, pool.capFen - (taken.get(poolId) ?? 0)),
            sharing: 'order' as const,
          })),
        );
      });
    } catch (error) {
      // Another instance created it first: the unique key let one through.
      if (await repo.findOneBy({ defaultKey: key })) return;
      throw error;
    }
  }

  /** What the year's other rounds hold of each pool (fen). */
  async takenByOtherRounds(
    m: EntityManager,
    claimYear: number,
    exceptRoundId: number | null,
  ): Promise<Map<string, number>> {
    const rounds = await m.getRepository(RoundEntity).findBy({ claimYear });
    const ids = rounds.map((r) => r.id).filter((id) => id !== exceptRoundId);
    const taken = new Map<string, number>();
    for (const pool of await this.budget.poolsOf(m, ids))
      taken.set(pool.poolId, (taken.get(pool.poolId) ?? 0) + pool.capFen);
    return taken;
  }

  /**
   * The round taking submissions today for the program and claim year, or OUTSIDE_WINDOW saying
   * when the next one opens (or that none is published).
   */
  async openRoundFor(m: EntityManager, claimYear: number, programId: ProgramId): Promise<RoundEntity> {
    const today = this.clock.today();
    const rounds = (await m.getRepository(RoundEntity).find({ where: { claimYear }, order: { id: 'ASC' } })).filter(
      (r) => r.programs.includes(programId),
    );
    const open = rounds.find((r) => r.opens <= today && today <= r.closes);
    if (open) return open;
    const next = rounds.filter((r) => r.opens > today).sort((a, b) => a.opens.localeCompare(b.opens))[0];
    if (next)
      throw new AppError(
        'OUTSIDE_WINDOW',
        `不在申报时间内：${next.title}的申报时间为${formatDateZh(next.opens)}至${formatDateZh(next.closes)}；可先保存草稿`,
        { opens: next.opens, closes: next.closes, today },
      );
    const last = rounds.at(-1);
    if (last)
      throw new AppError(
        'OUTSIDE_WINDOW',
        `不在申报时间内：${last.title}已于${formatDateZh(last.closes)}截止，${claimYear}年度暂无新的申报批次`,
        { opens: last.opens, closes: last.closes, today },
      );
    throw new AppError(
      'OUTSIDE_WINDOW',
      `${claimYear}年度的申报批次尚未公布，暂不能提交申报；可先保存草稿，批次公布后再提交`,
      { opens: null, closes: null, today },
    );
  }

  list(_query: RoundQuery): Promise<RoundList> {
    throw new Error('rounds are being built (issue 10)');
  }

  get(_id: number): Promise<RoundView> {
    throw new Error('rounds are being built (issue 10)');
  }

  create(_principal: Principal, _request: CreateRoundRequest): Promise<RoundView> {
    throw new Error('rounds are being built (issue 10)');
  }

  async titles(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(RoundEntity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.title'])
      .where('r.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
