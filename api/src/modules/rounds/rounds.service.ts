import { Injectable } from '@nestjs/common';
import {
  type ApplicationWindow,
  type CreateRoundRequest,
  type ProgramCatalogue,
  type Edition,
  type FieldError,
  formatDateZh,
  formatFen,
  isIsoDate,
  POOL_SHARING_LABELS,
  type PoolSharing,
  type RoundPoolView,
  type ProgramId,
  type RoundList,
  type RoundQuery,
  type RoundView,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { type Change, ChangeRecorder } from '../audit/change-recorder.js';
import { BudgetService } from '../budget/budget.service.js';
import { type EditionVersion, EditionsService } from '../editions/editions.service.js';
import { RoundEntity } from './round.entity.js';

/** A round's pool as the wire shows it, with the edition's title and clause for it. */
export const poolView = (
  edition: Edition | null,
  pool: Awaited<ReturnType<BudgetService['poolById']>>,
): RoundPoolView => {
  const named = edition?.pools[pool.poolId];
  return {
    poolId: pool.poolId,
    title: named?.title ?? pool.poolId,
    clause: named?.clause ?? '',
    capFen: pool.capFen,
    sharing: pool.sharing,
    sharingLabel: POOL_SHARING_LABELS[pool.sharing],
    reservedFen: pool.reservedFen,
    committedFen: pool.committedFen,
    paidFen: pool.paidFen,
    availableFen: Math.max(0, pool.capFen - pool.reservedFen - pool.committedFen),
    allocatedAt: pool.allocatedAt ? pool.allocatedAt.toISOString() : null,
  };
};

type RoundPoolRequest = { poolId: string; capFen: number; sharing: PoolSharing };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a round request must say against the edition in force, every problem at once, each
 * naming its field: the dates, the programs, each pool's id, amount and sharing, no pool twice,
 * and an amount for the pool of every program. Returns the pools, checked.
 */
export const checkRoundRequest = (edition: Edition, request: CreateRoundRequest): RoundPoolRequest[] => {
  const errors: FieldError[] = [];
  const dateOk = (field: 'opens' | 'closes'): boolean => {
    if (isIsoDate(request[field])) return true;
    errors.push({ field, message: '不是有效的日期，格式为YYYY-MM-DD，例如2025-03-01' });
    return false;
  };
  if (dateOk('opens') && dateOk('closes') && request.opens > request.closes)
    errors.push({ field: 'closes', message: `截止日期不能早于开始日期（${formatDateZh(request.opens)}）` });
  if (request.title.trim().length === 0) errors.push({ field: 'title', message: '请填写批次名称' });
  request.programs.forEach((programId, i) => {
    if (!edition.programs[programId])
      errors.push({ field: `programs[${i}]`, message: `${edition.title}没有该项目（${programId}）` });
  });
  const pools: RoundPoolRequest[] = [];
  const seen = new Map<string, number>();
  request.pools.forEach((item: unknown, i) => {
    if (!isRecord(item)) {
      errors.push({
        field: `pools[${i}]`,
        message: '必须是对象，例如 {"poolId":"pool-leading","capFen":100000000,"sharing":"order"}',
      });
      return;
    }
    const unknown = Object.keys(item).filter((k) => !['poolId', 'capFen', 'sharing'].includes(k));
    for (const key of unknown)
      errors.push({ field: `pools[${i}].${key}`, message: `不认识的字段“${key}”，请删除或检查拼写` });
    const { poolId, capFen, sharing } = item;
    let ok = unknown.length === 0;
    if (typeof poolId !== 'string' || !Object.hasOwn(edition.pools, poolId)) {
      errors.push({
        field: `pools[${i}].poolId`,
        message: `不是${edition.title}的资金池，可选：${Object.keys(edition.pools).join('、')}`,
      });
      ok = false;
    } else if (seen.has(poolId)) {
      errors.push({
        field: `pools[${i}].poolId`,
        message: `与第${(seen.get(poolId) ?? 0) + 1}项重复，每个资金池只能设置一次`,
      });
      ok = false;
    } else seen.set(poolId, i);
    if (typeof capFen !== 'number' || !Number.isSafeInteger(capFen) || capFen < 0) {
      errors.push({ field: `pools[${i}].capFen`, message: '资金池金额必须是不小于0的整数，单位为分（1元=100分）' });
      ok = false;
    }
    if (sharing !== 'order' && sharing !== 'pro-rata') {
      errors.push({
        field: `pools[${i}].sharing`,
        message: '分配方式只能是 order（按核定先后）或 pro-rata（按比例分配）',
      });
      ok = false;
    }
    if (ok) pools.push({ poolId: poolId as string, capFen: capFen as number, sharing: sharing as PoolSharing });
  });
  request.programs.forEach((programId, i) => {
    const program = edition.programs[programId];
    if (program && Object.hasOwn(edition.pools, program.poolId) && !seen.has(program.poolId))
      errors.push({
        field: `programs[${i}]`,
        message: `${program.title}的资金来自${edition.pools[program.poolId]?.title ?? program.poolId}，请在 pools 中设置该资金池的金额`,
      });
  });
  if (errors.length > 0) throw invalidRequestOf(errors);
  return pools;
};

const invalidRequestOf = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

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
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
  ) {}

  /**
   * The default rounds of every edition in force whose own window has none yet: at boot (after
   * the built-in editions are published), and lazily where rounds are read or used, so an edition
   * another instance published is seen.
   */
  async ensureDefaultRounds(): Promise<void> {
    const years = new Set((await this.editions.publishedEditions()).map((e) => e.claimYear));
    for (const year of years) await this.ensureDefaultRound(year);
  }

  /** The default round of the edition in force for the year, created (by the service, audited) if its window has none yet. */
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
    const window = edition.applicationWindow;
    if (key === null || !window) return;
    const repo = this.dataSource.getRepository(RoundEntity);
    if (await repo.findOneBy({ defaultKey: key })) return;
    try {
      await this.changes.recordChange('system', 'round.created', async (m) => {
        // The edition's row locked first, as when the city publishes a round: on MariaDB the reads
        // after it see every round committed before (a plain read first would fix an older snapshot).
        await this.editions.lockEdition(m, edition.id);
        if (await m.getRepository(RoundEntity).findOneBy({ defaultKey: key })) return { result: null, change: null };
        // The edition's pools in full, less what the city's own rounds of the year already hold.
        const taken = await this.takenByOtherRounds(m, claimYear, null);
        const pools = Object.entries(edition.pools).map(([poolId, pool]) => ({
          poolId,
          capFen: Math.max(0, pool.capFen - (taken.get(poolId) ?? 0)),
          sharing: 'order' as const,
        }));
        const { change } = await this.saveRound(
          m,
          {
            claimYear,
            editionId: edition.id,
            title: `${claimYear}年度申报（${edition.title}）`,
            opens: window.opens,
            closes: window.closes,
            programs: Object.keys(edition.programs) as ProgramId[],
            defaultKey: key,
            createdBy: null,
          },
          pools,
        );
        return { result: null, change };
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

  /** Rounds, newest first; `year` and `open` narrow them. Anyone may read them. */
  async list(query: RoundQuery): Promise<RoundList> {
    // An edition published since boot (here or on another instance) shows its default round.
    await this.ensureDefaultRounds();
    const where = query.year === undefined ? {} : { claimYear: query.year };
    let rounds = await this.dataSource.getRepository(RoundEntity).find({ where, order: { id: 'DESC' } });
    if (query.open !== undefined) {
      const today = this.clock.today();
      const wanted = query.open === 'true';
      rounds = rounds.filter((r) => (r.opens <= today && today <= r.closes) === wanted);
    }
    return { rounds: await this.views(this.dataSource.manager, rounds) };
  }

  /** A round's record, or NOT_FOUND. */
  async entity(id: number): Promise<RoundEntity> {
    const round = await this.dataSource.getRepository(RoundEntity).findOneBy({ id });
    if (!round) throw notFound('申报批次');
    return round;
  }

  /** Every round, oldest first (proactive matching picks the open ones). */
  async all(): Promise<RoundEntity[]> {
    return this.dataSource.getRepository(RoundEntity).find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<RoundView> {
    const round = await this.dataSource.getRepository(RoundEntity).findOneBy({ id });
    if (!round) throw notFound('申报批次');
    const [view] = await this.views(this.dataSource.manager, [round]);
    return view as RoundView;
  }

  /**
   * Publishes a round: the edition in force for the claim year, its programs, an amount for the
   * pool of every program, and together with the year's other rounds no more of any pool than
   * the edition's cap. The edition's row is locked while the year's rounds are added up, so two
   * rounds published at once cannot both take what is left.
   */
  async create(principal: Principal, request: CreateRoundRequest): Promise<RoundView> {
    await this.access.requireAccess(principal, 'round.manage', { kind: 'service' });
    const { edition } = await this.editions.inForce(request.claimYear);
    const pools = checkRoundRequest(edition, request);
    const round = await this.changes.recordChange(principal, 'round.created', async (m) => {
      await this.editions.lockEdition(m, edition.id);
      const taken = await this.takenByOtherRounds(m, request.claimYear, null);
      const over = pools.flatMap((pool, i) => {
        const capFen = edition.pools[pool.poolId]?.capFen ?? 0;
        const leftFen = Math.max(0, capFen - (taken.get(pool.poolId) ?? 0));
        return pool.capFen > leftFen
          ? [
              {
                field: `pools[${i}].capFen`,
                message: `${edition.pools[pool.poolId]?.title ?? pool.poolId}本年度总额${formatFen(capFen)}，其他批次已占用${formatFen(capFen - leftFen)}，本批次最多还可设置${formatFen(leftFen)}`,
              },
            ]
          : [];
      });
      if (over.length > 0)
        throw new AppError('CONFLICT', `资金池金额超出政策版本的总额：${over.map((o) => o.message).join('；')}`, over);
      const { saved, change } = await this.saveRound(
        m,
        {
          claimYear: request.claimYear,
          editionId: edition.id,
          title: request.title.trim(),
          opens: request.opens,
          closes: request.closes,
          programs: [...request.programs],
          defaultKey: null,
          createdBy: principal.userId,
        },
        pools,
      );
      return { result: saved, change };
    });
    return this.get(round.id);
  }

  /**
   * The year's programs with, for each, the window of the round that takes it: the round open
   * today, else the next to open, else null (no round published for it, or all of them closed).
   */
  async programs(claimYear: number): Promise<ProgramCatalogue> {
    const catalogue = await this.editions.programs(claimYear);
    await this.ensureDefaultRound(claimYear);
    const rounds = await this.dataSource
      .getRepository(RoundEntity)
      .find({ where: { claimYear }, order: { opens: 'ASC', id: 'ASC' } });
    const today = this.clock.today();
    const windowOf = (programId: ProgramId): ApplicationWindow | null => {
      const taking = rounds.filter((r) => r.programs.includes(programId));
      const round =
        taking.find((r) => r.opens <= today && today <= r.closes) ?? taking.find((r) => r.opens > today) ?? null;
      return round ? { opens: round.opens, closes: round.closes } : null;
    };
    return {
      ...catalogue,
      programs: catalogue.programs.map((p) => ({ ...p, applicationWindow: windowOf(p.programId) })),
    };
  }

  /** Saves a round with its pools, in the caller's transaction, and the change that says so. */
  private async saveRound(
    m: EntityManager,
    fields: Omit<RoundEntity, 'id' | 'createdAt' | 'version'>,
    pools: { poolId: string; capFen: number; sharing: PoolSharing }[],
  ): Promise<{ saved: RoundEntity; change: Change<'round.created'> }> {
    const repo = m.getRepository(RoundEntity);
    const saved = await repo.save(repo.create({ ...fields, createdAt: this.clock.now() }));
    await this.budget.openPools(m, saved.id, pools);
    return {
      saved,
      change: {
        subject: { entity: 'round', id: saved.id, orgId: null },
        before: null,
        after: { ...saved, pools },
        event: {
          roundId: saved.id,
          claimYear: saved.claimYear,
          editionId: saved.editionId,
          opens: saved.opens,
          closes: saved.closes,
          programs: saved.programs,
          pools,
        },
      },
    };
  }

  /** Rounds as the wire shows them, with their pools' totals and the edition's words. */
  async views(m: EntityManager, rounds: readonly RoundEntity[]): Promise<RoundView[]> {
    const pools = await this.budget.poolsOf(
      m,
      rounds.map((r) => r.id),
    );
    const today = this.clock.today();
    const views: RoundView[] = [];
    for (const round of rounds) {
      const edition = (await this.editions.latestOf(round.editionId))?.edition ?? null;
      views.push({
        id: round.id,
        claimYear: round.claimYear,
        editionId: round.editionId,
        title: round.title,
        opens: round.opens,
        closes: round.closes,
        open: round.opens <= today && today <= round.closes,
        programs: round.programs.map((programId) => {
          const program = edition?.programs[programId];
          return { programId, title: program?.title ?? programId, measure: program?.measure ?? 0 };
        }),
        pools: pools.filter((p) => p.roundId === round.id).map((p) => poolView(edition, p)),
        createdAt: round.createdAt.toISOString(),
      });
    }
    return views;
  }

  /**
   * The round an application submitted before rounds existed draws on: the latest round of its
   * claim year that takes its program; CONFLICT when there is none to reserve from.
   */
  async roundTaking(m: EntityManager, claimYear: number, programId: ProgramId): Promise<number> {
    const rounds = await m.getRepository(RoundEntity).find({ where: { claimYear }, order: { id: 'DESC' } });
    const round = rounds.find((r) => r.programs.includes(programId));
    if (!round)
      throw new AppError('CONFLICT', `${claimYear}年度没有包含此项目的申报批次，无法从资金池预留；请先发布申报批次`, [
        { field: 'roundId', message: '该申报提交时尚无申报批次，且本年度没有包含此项目的批次' },
      ]);
    return round.id;
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
