import { Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  countyName,
  type Edition,
  formatFen,
  type PoolAllocation,
  type PoolAwardView,
  type PoolLedger,
  POOL_LEDGER_PAGE_SIZE,
  type PoolLedgerQuery,
  shareProRata,
} from '@huiqi/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { type AnyChange, ChangeRecorder } from '../audit/change-recorder.js';
import { BudgetService } from '../budget/budget.service.js';
import { EditionsService } from '../editions/editions.service.js';
import { poolView, RoundsService } from '../rounds/rounds.service.js';
import {
  LedgerMismatchError,
  type PoolAwardRow,
  type PoolExport,
  poolAwardsCsv,
  poolAwardsXlsx,
} from '../budget/export-format.js';
import { applicationEvent, auditShape } from './application-changes.js';
import { ApplicationEntity } from './application.entity.js';
import { enterStage, startNotice } from './notice-period.js';

/** A finance export: the file's bytes, type and name. */
export interface PoolFile {
  body: Buffer;
  contentType: string;
  name: string;
}

const MEASURE_NUMERALS: Readonly<Record<number, string>> = {
  1: '一',
  2: '二',
  3: '三',
  4: '四',
  5: '五',
  6: '六',
  7: '七',
  8: '八',
  9: '九',
  10: '十',
  11: '十一',
  12: '十二',
};

type Hold = Awaited<ReturnType<BudgetService['holdsOfPool']>>[number];
type LedgerLine = Awaited<ReturnType<BudgetService['ledgerOf']>>[number];

const entryView = (e: LedgerLine): PoolLedger['entries'][number] => ({
  id: e.id,
  at: e.at.toISOString(),
  applicationId: e.applicationId,
  kind: e.kind,
  amountFen: e.amountFen,
  reservedFen: e.reservedFen,
  committedFen: e.committedFen,
});

/** Pools: pro-rata sharing, the ledger, the finance export. */
@Injectable()
export class PoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly budget: BudgetService,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
    private readonly rounds: RoundsService,
  ) {}

  /**
   * Shares a pro-rata pool out over the round's approved awards, in one transaction: the pool's
   * row locked, every waiting award scaled by the one ratio (shareProRata over what the pool has
   * available), each share reserved through the budget's conditional UPDATE with its ledger line,
   * the pool marked allocated, and each application moved on from 'allocation' (to finance
   * review where the program has it, else straight to its notice). All of it or nothing.
   */
  async allocate(principal: Principal, roundId: number, poolId: string): Promise<PoolAllocation> {
    await this.access.requireAccess(principal, 'pool.allocate', { kind: 'service' });
    const round = await this.roundOf(roundId);
    const edition = (await this.editions.latestOf(round.editionId))?.edition ?? null;
    return this.changes.recordChange(principal, 'pool.allocated', async (m) => {
      const pool = await this.budget.lockPool(m, roundId, poolId, this.tx.lock);
      if (pool.sharing !== 'pro-rata')
        throw new AppError('CONFLICT', '该资金池按核定先后分配，核定时已逐笔预留，无需按比例分配', [
          { field: 'poolId', message: '该资金池按核定先后分配' },
        ]);
      if (pool.allocatedAt !== null)
        throw new AppError('CONFLICT', '该资金池本批次已按比例分配，不能重复分配', [
          { field: 'poolId', message: `已于${pool.allocatedAt.toISOString()}分配` },
        ]);
      const holds = await this.budget.holdsOfPool(m, pool.id, 'waiting');
      const apps = new Map(
        (
          await m.getRepository(ApplicationEntity).find({
            where: { id: In(holds.map((h) => h.applicationId)) },
            ...(this.tx.lock ? { lock: this.tx.lock } : {}),
          })
        ).map((a) => [a.id, a]),
      );
      for (const hold of holds) {
        const app = apps.get(hold.applicationId);
        if (!app || app.status !== 'allocation')
          throw new Error(
            `application ${hold.applicationId} waits in pool ${pool.id} but is ${app?.status ?? 'missing'}`,
          );
      }
      const availableFen = Math.max(0, pool.capFen - pool.reservedFen - pool.committedFen);
      const result = shareProRata(
        availableFen,
        holds.map((h) => ({ id: h.applicationId, amountFen: h.requestedFen })),
      );
      const today = this.clock.today();
      const moved: { applicationId: number; amountFen: number; to: ApplicationStatus }[] = [];
      const also: AnyChange[] = [];
      for (const [i, share] of result.shares.entries()) {
        const hold = holds[i] as Hold;
        const app = apps.get(share.id) as ApplicationEntity;
        // One conditional UPDATE per share: the ledger's running totals stay line by line.
        await this.budget.addReserved(m, pool, share.amountFen, share.id);
        await this.budget.setHold(m, hold, 'reserved', share.amountFen);
        await this.budget.writeLedger(m, pool.id, share.id, 'reserve', share.amountFen, principal.userId);
        const pinned = await this.editions.version(app.editionVersionId);
        const financeReview = pinned.edition.programs[app.programId]?.financeReview.value ?? true;
        const before = auditShape(app);
        app.awardFen = share.amountFen;
        // The firm reads why its award is below what the city approved.
        if (share.amountFen < hold.requestedFen)
          app.awardReason =
            `资金池申请总额超过额度，本批次各项奖补按同一比例核减（向下取整到分）：` +
            `复审核定${formatFen(hold.requestedFen)}，分配${formatFen(share.amountFen)}`;
        if (financeReview) enterStage(app, 'finance-review', pinned.edition, today, this.clock.now());
        else startNotice(app, pinned.edition, today);
        app.updatedAt = this.clock.now();
        await m.getRepository(ApplicationEntity).save(app);
        moved.push({ applicationId: app.id, amountFen: share.amountFen, to: app.status });
        also.push({
          action: 'application.allocated',
          change: {
            subject: { entity: 'application', id: app.id, orgId: app.orgId },
            before,
            after: auditShape(app),
            event: {
              ...applicationEvent(app),
              roundId,
              poolId,
              requestedFen: hold.requestedFen,
              amountFen: share.amountFen,
              to: app.status,
            },
          },
        });
      }
      await this.budget.markAllocated(m, pool.id);
      const after = await this.budget.poolById(m, pool.id);
      const allocation: PoolAllocation = {
        roundId,
        pool: poolView(edition, after),
        requestedFen: result.requestedFen,
        allocatedFen: result.totalFen,
        ratioBp: result.ratioBp,
        shares: result.shares.map((s, i) => ({
          applicationId: s.id,
          requestedFen: (holds[i] as Hold).requestedFen,
          amountFen: s.amountFen,
        })),
      };
      return {
        result: allocation,
        change: {
          subject: { entity: 'round' as const, id: roundId, orgId: null },
          before: { poolId, reservedFen: pool.reservedFen, allocatedAt: null },
          after: { poolId, reservedFen: after.reservedFen, allocatedAt: after.allocatedAt, shares: allocation.shares },
          event: {
            roundId,
            poolId,
            requestedFen: result.requestedFen,
            allocatedFen: result.totalFen,
            ratioBp: result.ratioBp,
            applications: moved,
          },
        },
        also,
      };
    });
  }

  /** A pool's totals, and a page of the awards it holds (or held) and of the lines of its ledger. */
  async ledger(
    principal: Principal,
    roundId: number,
    poolId: string,
    query: PoolLedgerQuery = {},
  ): Promise<PoolLedger> {
    await this.access.requireAccess(principal, 'pool.read', { kind: 'service' });
    const page = query.page ?? 1;
    const awardsPage = query.awardsPage ?? 1;
    const size = POOL_LEDGER_PAGE_SIZE;
    // One transaction: the totals, the page and the counts are read as of the same moment.
    return this.tx.run(async (m) => {
      const { round, edition, pool } = await this.poolOf(m, roundId, poolId);
      const [holds, awardsTotal] = await this.budget.holdsPageOf(m, pool.id, (awardsPage - 1) * size, size);
      const [entries, entriesTotal] = await this.budget.ledgerPageOf(m, pool.id, (page - 1) * size, size);
      return {
        roundId: round.id,
        pool: poolView(edition, pool),
        awards: await this.awardViews(m, edition, holds),
        entries: entries.map(entryView),
        page,
        awardsPage,
        pageSize: size,
        entriesTotal,
        awardsTotal,
      };
    });
  }

  /** The whole ledger and every award, for the export (which must total to the fen). */
  private async readLedger(m: EntityManager, roundId: number, poolId: string): Promise<PoolLedger> {
    const { edition, pool } = await this.poolOf(m, roundId, poolId);
    const holds = await this.budget.holdsOfPool(m, pool.id);
    const entries = await this.budget.ledgerOf(m, pool.id);
    const awards = await this.awardViews(m, edition, holds);
    return {
      roundId,
      pool: poolView(edition, pool),
      awards,
      entries: entries.map(entryView),
      page: 1,
      awardsPage: 1,
      pageSize: Math.max(awards.length, entries.length),
      entriesTotal: entries.length,
      awardsTotal: awards.length,
    };
  }

  private async poolOf(m: EntityManager, roundId: number, poolId: string) {
    const round = await this.roundOf(roundId);
    const edition = (await this.editions.latestOf(round.editionId))?.edition ?? null;
    const pool = await this.budget.poolOf(m, roundId, poolId);
    return { round, edition, pool };
  }

  private async awardViews(m: EntityManager, edition: Edition | null, holds: Hold[]): Promise<PoolAwardView[]> {
    const apps = new Map(
      holds.length === 0
        ? []
        : (await m.getRepository(ApplicationEntity).findBy({ id: In(holds.map((h) => h.applicationId)) })).map((a) => [
            a.id,
            a,
          ]),
    );
    return holds.flatMap((hold) => {
      const app = apps.get(hold.applicationId);
      if (!app) return [];
      const program = edition?.programs[app.programId];
      return [
        {
          applicationId: app.id,
          firmName: app.orgName ?? '',
          uscc: app.orgUscc ?? '',
          county: app.orgCounty ?? '',
          countyName: app.orgCounty ? countyName(app.orgCounty) : '',
          programId: app.programId,
          programTitle: program?.title ?? app.programId,
          measure: program?.measure ?? 0,
          status: app.status,
          statusLabel: APPLICATION_STATUS_LABELS[app.status],
          amountFen: hold.amountFen,
          state: hold.state,
          voucherNo: app.voucherNo,
          paidOn: app.paidOn,
        },
      ];
    });
  }

  /**
   * The awards the pool holds (reserved, committed, paid; never a released or waiting one) as
   * Excel or CSV for finance, read with the ledger in one transaction so the totals agree to the
   * fen; export-format refuses to write a file whose rows and ledger disagree.
   */
  async export(principal: Principal, roundId: number, poolId: string, format: 'xlsx' | 'csv'): Promise<PoolFile> {
    await this.access.requireAccess(principal, 'pool.read', { kind: 'service' });
    const round = await this.roundOf(roundId);
    // One transaction: the awards and the totals are read as of the same moment.
    const ledger = await this.tx.run((m) => this.readLedger(m, roundId, poolId));
    const roundTitle = round.title;
    const at = (applicationId: number, kind: 'reserve' | 'commit' | 'pay'): string | undefined =>
      ledger.entries
        .filter((e) => e.applicationId === applicationId && e.kind === kind)
        .at(-1)
        ?.at.slice(0, 10);
    const rows: PoolAwardRow[] = ledger.awards
      .filter((a) => a.state === 'reserved' || a.state === 'committed' || a.state === 'paid')
      .map((a) => {
        const committedAt = a.state === 'reserved' ? undefined : at(a.applicationId, 'commit');
        const paidAt = a.state === 'paid' ? (a.paidOn ?? at(a.applicationId, 'pay')) : undefined;
        const reservedAt = at(a.applicationId, 'reserve');
        return {
          applicationId: a.applicationId,
          firmName: a.firmName,
          uscc: a.uscc,
          county: a.countyName,
          programTitle: a.programTitle,
          measure: `措施${MEASURE_NUMERALS[a.measure] ?? a.measure}`,
          statusLabel: a.statusLabel,
          awardFen: a.amountFen,
          ...(reservedAt ? { reservedAt } : {}),
          ...(committedAt ? { committedAt } : {}),
          ...(paidAt ? { paidAt } : {}),
          ...(a.voucherNo ? { voucherNo: a.voucherNo } : {}),
        };
      });
    const input: PoolExport = {
      roundTitle,
      poolId,
      poolTitle: ledger.pool.title,
      rows,
      ledger: {
        capFen: ledger.pool.capFen,
        reservedFen: ledger.pool.reservedFen,
        committedFen: ledger.pool.committedFen,
        paidFen: ledger.pool.paidFen,
      },
    };
    const name = `${roundTitle}-${ledger.pool.title}-奖补清单.${format}`;
    try {
      return format === 'csv'
        ? { body: Buffer.from(poolAwardsCsv(input), 'utf8'), contentType: 'text/csv; charset=utf-8', name }
        : {
            body: await poolAwardsXlsx(input),
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            name,
          };
    } catch (error) {
      if (error instanceof LedgerMismatchError) throw new Error(error.message, { cause: error });
      throw error;
    }
  }

  private roundOf(roundId: number): ReturnType<RoundsService['entity']> {
    return this.rounds.entity(roundId);
  }
}
