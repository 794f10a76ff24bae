import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  COUNTIES,
  type CountyId,
  MONTHLY_FIGURES_FIELDS,
  type MonthlyFigures,
  type MonthlyFiguresImportResult,
  type MonthlyFiguresList,
  type MonthlyFiguresRecord,
  type MonthlyFiguresValues,
  type ProvinceAverages,
  type PutMonthlyFiguresRequest,
  type PutProvinceAveragesRequest,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, invalid, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { isDuplicate, retryDeadlocks } from '../../database/driver-errors.js';
import { RelocatedShopsService } from '../relocated-shops/relocated-shops.service.js';
import { AccessService } from '../access/access.service.js';
import { type AnyChange, type Change, ChangeRecorder } from '../audit/change-recorder.js';
import { ImportRefusal, readMonths, readSheet } from './import-format.js';
import { feedbackOf, feedbackXlsx, templateXlsx } from './sheets.js';
import { CountyMonthlyFiguresEntity, ProvinceAveragesEntity } from './statistics.entity.js';

const COUNTY_IDS: readonly CountyId[] = COUNTIES.map((c) => c.id);

const valuesOf = (row: MonthlyFiguresValues): MonthlyFiguresValues =>
  Object.fromEntries(MONTHLY_FIGURES_FIELDS.map((f) => [f.field, row[f.field]])) as unknown as MonthlyFiguresValues;

const figuresOf = (row: CountyMonthlyFiguresEntity): MonthlyFigures => ({
  county: row.county,
  year: row.year,
  month: row.month,
  ...valuesOf(row),
});

const recordOf = (row: CountyMonthlyFiguresEntity): MonthlyFiguresRecord => ({
  ...figuresOf(row),
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

const averagesOf = (row: ProvinceAveragesEntity): ProvinceAverages => ({
  year: row.year,
  onlineRetailGrowthBp: row.onlineRetailGrowthBp,
  physicalGoodsOnlineShareBp: row.physicalGoodsOnlineShareBp,
});

/** The audit's id of a county's month: `linqing:2026-06`. */
const subjectId = (county: CountyId, year: number, month: number): string =>
  `${county}:${year}-${String(month).padStart(2, '0')}`;

/** The county of a path or query, or a 400 naming the field with the ids to choose from. */
export const checkCounty = (raw: unknown, field = 'county'): CountyId => {
  const county = COUNTY_IDS.find((id) => id === raw);
  if (!county) throw invalid(field, `不是聊城市的县（市、区）编号，可选：${COUNTY_IDS.join('、')}`);
  return county;
};

/** A month in a path or query (1–12), or a 400. */
export const checkMonth = (raw: unknown, field = 'month'): number => {
  const n = typeof raw === 'string' && /^(?:[1-9]|1[0-2])$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n)) throw invalid(field, '必须是1到12之间的整数月份');
  return n;
};

/**
 * 十二、电商运行监测: counties' monthly figures, entered one month at a time or imported from a
 * file, every revision audited with the figures before and after; the province's averages of a
 * year; a county's monthly feedback. `figures(year)` and `provinceAverages(year)` are what the
 * commendations (一、四、五) and the targets dashboard read.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly relocatedShops: RelocatedShopsService,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  /** Every county's stored months of the year, by county (catalogue order) then month. */
  async figures(year: number): Promise<MonthlyFigures[]> {
    const rows = await this.dataSource.getRepository(CountyMonthlyFiguresEntity).findBy({ year });
    return rows.sort(byCountyMonth).map(figuresOf);
  }

  /** The province's averages of the year; null while the city has not set them. */
  async provinceAverages(year: number): Promise<ProvinceAverages | null> {
    const row = await this.dataSource.getRepository(ProvinceAveragesEntity).findOneBy({ year });
    return row ? averagesOf(row) : null;
  }

  /** The counties the caller may read and enter: a county reviewer their own, the city every one. */
  private async countiesOf(principal: Principal): Promise<CountyId[]> {
    if (principal.role === 'county-reviewer') {
      const own = checkCounty(principal.county, 'county');
      await this.access.requireAccess(principal, 'statistics.read', { kind: 'county', county: own });
      return [own];
    }
    // Any county will do to ask whether the caller reads them all (the city) or none.
    await this.access.requireAccess(principal, 'statistics.read', {
      kind: 'county',
      county: COUNTY_IDS[0] as CountyId,
    });
    return [...COUNTY_IDS];
  }

  async list(principal: Principal, year: number): Promise<MonthlyFiguresList> {
    const counties = await this.countiesOf(principal);
    const rows = await this.dataSource.getRepository(CountyMonthlyFiguresEntity).findBy({ year });
    const averages = await this.provinceAverages(year);
    const decision = await this.access.decisionFor(principal, 'statistics.averages', { kind: 'service' });
    const registered = await this.relocatedShops.verifiedCounts(year);
    return {
      year,
      counties,
      records: rows
        .filter((r) => counties.includes(r.county))
        .sort(byCountyMonth)
        .map(recordOf),
      provinceAverages: averages,
      canSetAverages: decision.outcome === 'allow',
      registeredRelocatedShops: registered.filter((r) => counties.includes(r.county) && r.count > 0),
    };
  }

  /** No month after the API's today's month (Asia/Shanghai): figures are reported once a month is under way. */
  private checkNotFuture(year: number, month: number): void {
    const today = this.clock.today();
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    if (year > y || (year === y && month > m))
      throw invalid('month', `${year}年${month}月尚未到来，只能填报${y}年${m}月及以前的数据`);
  }

  /**
   * Enters or revises a county's month. A revision must carry the version the form was filled
   * from (`expectedVersion`); a stale one is a CONFLICT saying to reload. Audited with the
   * figures before and after; an unchanged revision writes nothing.
   */
  async put(
    principal: Principal,
    county: CountyId,
    year: number,
    month: number,
    request: PutMonthlyFiguresRequest,
  ): Promise<MonthlyFiguresRecord> {
    await this.access.requireAccess(principal, 'statistics.write', { kind: 'county', county });
    this.checkNotFuture(year, month);
    const values = valuesOf(request);
    try {
      return await retryDeadlocks(() =>
        this.changes.recordChange(principal, 'statistics.figures-revised', async (m) => {
          const existing = await m
            .getRepository(CountyMonthlyFiguresEntity)
            .findOne({ where: { county, year, month }, ...(this.tx.lock ? { lock: this.tx.lock } : {}) });
          if (existing && request.expectedVersion === undefined)
            throw new AppError(
              'CONFLICT',
              `该月数据已填报（第${existing.version}版），修改时请带上 expectedVersion；请刷新后再修改`,
              [{ field: 'expectedVersion', message: `该月数据已存在，请填写当前版本号${existing.version}` }],
            );
          if (existing && request.expectedVersion !== existing.version)
            throw new AppError('CONFLICT', '该月数据已被他人修改，请刷新后再修改', [
              {
                field: 'expectedVersion',
                message: `当前版本为${existing.version}，您修改的是第${request.expectedVersion}版`,
              },
            ]);
          if (!existing && request.expectedVersion !== undefined)
            throw new AppError('CONFLICT', '该月数据尚未填报或已被删除，请刷新后再填报', [
              { field: 'expectedVersion', message: '首次填报时不要带 expectedVersion' },
            ]);
          const { row, change } = await this.write(m, principal, { county, year, month, ...values }, existing, null);
          // The action of the entry is the change's own (entered or revised): carried as `also`.
          return { result: recordOf(row), change: null, also: change ? [change] : [] };
        }),
      );
    } catch (error) {
      // Two first entries of one month at once: the unique key let one through.
      if (isDuplicate(error))
        throw new AppError('CONFLICT', '该月数据刚由他人填报，请刷新后再修改', [
          { field: 'expectedVersion', message: '该月数据已存在，请刷新后带上当前版本号修改' },
        ]);
      throw error;
    }
  }

  /**
   * Writes a month (insert or update) in the caller's transaction, and the change that says so:
   * null when the stored figures are the same.
   */
  private async write(
    m: EntityManager,
    principal: Principal,
    figures: MonthlyFigures,
    existing: CountyMonthlyFiguresEntity | null,
    importId: string | null,
  ): Promise<{ row: CountyMonthlyFiguresEntity; change: AnyChange | null }> {
    const repo = m.getRepository(CountyMonthlyFiguresEntity);
    const { county, year, month } = figures;
    const values = valuesOf(figures);
    const subject = { entity: 'statistics' as const, id: subjectId(county, year, month), orgId: null };
    if (existing) {
      const fields = MONTHLY_FIGURES_FIELDS.filter((f) => existing[f.field] !== values[f.field]).map((f) => f.field);
      if (fields.length === 0) return { row: existing, change: null };
      const before = figuresOf(existing);
      Object.assign(existing, values, { updatedBy: principal.userId, updatedAt: this.clock.now() });
      const row = await repo.save(existing);
      const change: Change<'statistics.figures-revised'> = {
        subject,
        before,
        after: figuresOf(row),
        event: { county, year, month, fields, importId },
      };
      return { row, change: { action: 'statistics.figures-revised', change } };
    }
    const row = await repo.save(
      repo.create({ county, year, month, ...values, updatedBy: principal.userId, updatedAt: this.clock.now() }),
    );
    const change: Change<'statistics.figures-entered'> = {
      subject,
      before: null,
      after: figuresOf(row),
      event: { county, year, month, importId },
    };
    return { row, change: { action: 'statistics.figures-entered', change } };
  }

  /**
   * Imports a file of months: every problem of the file at once and nothing written while there
   * is any (IMPORT_INVALID, 422); else every month in one transaction, audited as one import entry
   * (its counts) and an entry for each month it entered or revised. A county reviewer imports
   * their own county only. An import overwrites a stored month without a version: the file is the
   * statistics office's report, and each revision it makes is audited with the figures before.
   */
  async import(principal: Principal, fileName: string, bytes: Uint8Array): Promise<MonthlyFiguresImportResult> {
    const counties = await this.countiesOf(principal);
    const [todayYear, todayMonth] = this.clock.today().split('-').map(Number) as [number, number];
    let months: MonthlyFigures[];
    try {
      months = readMonths(await readSheet(bytes), {
        county: principal.role === 'county-reviewer' ? (counties[0] ?? null) : null,
        today: { year: todayYear, month: todayMonth },
      });
    } catch (error) {
      if (error instanceof ImportRefusal)
        throw new AppError(
          'IMPORT_INVALID',
          `导入失败，未导入任何数据：共${error.problems.length}处问题，请修改后重新导入`,
          error.problems,
        );
      throw error;
    }
    for (const county of new Set(months.map((m) => m.county)))
      await this.access.requireAccess(principal, 'statistics.write', { kind: 'county', county });
    const importId = randomUUID();
    try {
      return await retryDeadlocks(() => this.importMonths(principal, fileName, months, importId));
    } catch (error) {
      // Another import or entry wrote one of the file's new months meanwhile: nothing of this file was kept.
      if (isDuplicate(error))
        throw new AppError('CONFLICT', '导入期间有人填报了文件中的月份，本次未导入任何数据，请重新导入', [
          { field: 'file', message: '请重新导入' },
        ]);
      throw error;
    }
  }

  private importMonths(
    principal: Principal,
    fileName: string,
    months: readonly MonthlyFigures[],
    importId: string,
  ): Promise<MonthlyFiguresImportResult> {
    return this.changes.recordChange(principal, 'statistics.imported', async (m) => {
      const repo = m.getRepository(CountyMonthlyFiguresEntity);
      const also: AnyChange[] = [];
      let created = 0;
      let revised = 0;
      for (const figures of months) {
        const { county, year, month } = figures;
        const existing = await repo.findOne({
          where: { county, year, month },
          ...(this.tx.lock ? { lock: this.tx.lock } : {}),
        });
        const { change } = await this.write(m, principal, figures, existing, importId);
        if (!change) continue;
        also.push(change);
        if (existing) revised++;
        else created++;
      }
      const result = { rows: months.length, created, revised, unchanged: months.length - created - revised };
      return {
        result,
        change: {
          subject: { entity: 'statistics', id: `import:${importId}`, orgId: null },
          after: { fileName, ...result },
          event: { importId, fileName, ...result },
        },
        also,
      };
    });
  }

  /** The import template (xlsx). Anyone who may import gets it. */
  async template(principal: Principal): Promise<Buffer> {
    await this.countiesOf(principal);
    return templateXlsx();
  }

  /** A county's monthly feedback (xlsx); NOT_FOUND until its month is entered. */
  async feedback(principal: Principal, county: CountyId, year: number, month: number): Promise<Buffer> {
    await this.access.requireAccess(principal, 'statistics.read', { kind: 'county', county });
    const feedback = feedbackOf(await this.figures(year), await this.provinceAverages(year), county, year, month);
    if (!feedback) throw notFound(`${year}年${month}月的运行监测数据`);
    return feedbackXlsx(feedback);
  }

  /** Sets a year's province averages (city reviewers, administrators); audited before and after. */
  async setProvinceAverages(
    principal: Principal,
    year: number,
    request: PutProvinceAveragesRequest,
  ): Promise<ProvinceAverages> {
    await this.access.requireAccess(principal, 'statistics.averages', { kind: 'service' });
    return this.changes.recordChange(principal, 'statistics.averages-set', async (m) => {
      const repo = m.getRepository(ProvinceAveragesEntity);
      const existing = await repo.findOne({ where: { year }, ...(this.tx.lock ? { lock: this.tx.lock } : {}) });
      const before = existing ? averagesOf(existing) : null;
      if (
        before &&
        before.onlineRetailGrowthBp === request.onlineRetailGrowthBp &&
        before.physicalGoodsOnlineShareBp === request.physicalGoodsOnlineShareBp
      )
        return { result: before, change: null };
      const fields = {
        onlineRetailGrowthBp: request.onlineRetailGrowthBp,
        physicalGoodsOnlineShareBp: request.physicalGoodsOnlineShareBp,
        updatedBy: principal.userId,
        updatedAt: this.clock.now(),
      };
      const row = existing
        ? await repo.save(Object.assign(existing, fields))
        : await repo.save(repo.create({ year, ...fields }));
      const after = averagesOf(row);
      return {
        result: after,
        change: { subject: { entity: 'statistics', id: `averages:${year}`, orgId: null }, before, after, event: after },
      };
    });
  }
}

const countyIndex = (id: CountyId): number => COUNTY_IDS.indexOf(id);
const byCountyMonth = (a: CountyMonthlyFiguresEntity, b: CountyMonthlyFiguresEntity): number =>
  countyIndex(a.county) - countyIndex(b.county) || a.year - b.year || a.month - b.month;
