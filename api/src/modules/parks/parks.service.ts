import { Injectable } from '@nestjs/common';
import {
  checkParkCriteria,
  checkParkScores,
  countyName,
  type FieldError,
  formatScore10k,
  isCompleteSheet,
  PARK_EVALUATION_STATUS_LABELS,
  type OrgType,
  type ParkCriterion,
  type ParkEvaluationWorkspace,
  type ParkRankingEntry,
  type ParkScore,
  type ParkScoreSheet,
  type PublishedParkEvaluation,
  type PublishedParkEvaluationYears,
  rankParks,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { isDuplicate, retryDeadlocks } from '../../database/driver-errors.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { ParkEvaluationEntity, ParkScoreEntity } from './park-evaluation.entity.js';

/** Who 第八条's evaluation ranks: firms registered as 电商产业园区. */
export const PARK_TYPE: OrgType = 'ecommerce-park';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

/** Each item an object with exactly these keys, of these types; every problem at once, by field. */
const readItems = <T>(
  list: unknown[],
  path: string,
  keys: Record<string, 'string' | 'number'>,
  example: string,
): { items: T[]; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const items: T[] = [];
  list.forEach((item, i) => {
    if (!isRecord(item)) {
      errors.push({ field: `${path}[${i}]`, message: `必须是对象，例如 ${example}` });
      return;
    }
    let ok = true;
    for (const key of Object.keys(item))
      if (!Object.hasOwn(keys, key)) {
        errors.push({ field: `${path}[${i}].${key}`, message: `不认识的字段“${key}”，请删除或检查拼写` });
        ok = false;
      }
    for (const [key, type] of Object.entries(keys))
      if (typeof item[key] !== type) {
        errors.push({
          field: `${path}[${i}].${key}`,
          message: type === 'number' ? '必须是整数' : '必须是文本',
        });
        ok = false;
      }
    if (ok) items.push(item as T);
  });
  return { items, errors };
};

/**
 * The yearly park evaluation (第八条：每年开展电商产业园区综合评价，对综合排名靠前的电商产业园区，
 * 优先推荐申报国家、省级电子商务示范基地). The administrator sets the year's criteria and weights;
 * city reviewers score each park and publish the ranking, which anyone may read. Criteria and
 * scores can change until it is published; the ranking is then kept as published.
 */
@Injectable()
export class ParksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
    private readonly orgs: OrgsService,
  ) {}

  async publishedYears(): Promise<PublishedParkEvaluationYears> {
    const rows = await this.dataSource
      .getRepository(ParkEvaluationEntity)
      .find({ select: { year: true }, where: { status: 'published' }, order: { year: 'DESC' } });
    return { years: rows.map((r) => r.year) };
  }

  async published(year: number): Promise<PublishedParkEvaluation> {
    const evaluation = await this.dataSource.getRepository(ParkEvaluationEntity).findOneBy({ year });
    if (!evaluation || evaluation.status !== 'published' || !evaluation.ranking || !evaluation.publishedAt)
      throw new AppError('NOT_FOUND', `${year}年度电商产业园区综合评价尚未公布`);
    return {
      year,
      criteria: evaluation.criteria,
      ranking: evaluation.ranking,
      publishedAt: evaluation.publishedAt.toISOString(),
    };
  }

  async workspace(principal: Principal, year: number): Promise<ParkEvaluationWorkspace> {
    await this.access.requireAccess(principal, 'park.read', { kind: 'service' });
    return this.workspaceOf(this.dataSource.manager, year);
  }

  async putCriteria(
    principal: Principal,
    year: number,
    body: { criteria: unknown[] },
  ): Promise<ParkEvaluationWorkspace> {
    await this.access.requireAccess(principal, 'park.criteria', { kind: 'service' });
    const shaped = readItems<ParkCriterion>(
      body.criteria,
      'criteria',
      { name: 'string', weightBp: 'number' },
      '{"name":"企业孵化","weightBp":5000}',
    );
    if (shaped.errors.length > 0) throw invalid(shaped.errors);
    const checked = checkParkCriteria(shaped.items);
    if (!checked.ok) throw invalid(checked.errors);
    const criteria = checked.criteria;
    await this.recordCriteria(principal, year, criteria);
    return this.workspaceOf(this.dataSource.manager, year);
  }

  /**
   * The year's criteria written, audited. Two first saves of a year at once: the year's primary key
   * lets one through and the other is told to look again (never a server error).
   */
  private async recordCriteria(principal: Principal, year: number, criteria: ParkCriterion[]): Promise<void> {
    try {
      await retryDeadlocks(() => this.saveCriteria(principal, year, criteria));
    } catch (error) {
      if (isDuplicate(error))
        throw new AppError('CONFLICT', `${year}年度的评价指标刚由他人设置，请刷新后再修改`, [
          { field: 'criteria', message: '本年度评价指标已被同时设置，请刷新后重试' },
        ]);
      throw error;
    }
  }

  private async saveCriteria(principal: Principal, year: number, criteria: ParkCriterion[]): Promise<void> {
    await this.changes.recordChange(principal, 'park-evaluation.criteria-set', async (m) => {
      const repo = m.getRepository(ParkEvaluationEntity);
      const before = await this.lockedDraft(m, year);
      const now = this.clock.now();
      await repo.save(
        before
          ? { ...before, criteria, updatedAt: now }
          : repo.create({
              year,
              criteria,
              status: 'draft',
              ranking: null,
              publishedAt: null,
              publishedBy: null,
              updatedAt: now,
            }),
      );
      // Scores of criteria no longer in the year go with them (a criterion added back starts unscored).
      const names = new Set(criteria.map((c) => c.name));
      const sheets = m.getRepository(ParkScoreEntity);
      for (const sheet of await sheets.findBy({ year })) {
        const kept = sheet.scores.filter((s) => names.has(s.criterion));
        if (kept.length !== sheet.scores.length) await sheets.save({ ...sheet, scores: kept });
      }
      return {
        result: null,
        change: {
          subject: { entity: 'park-evaluation', id: year, orgId: null },
          before: before ? { criteria: before.criteria } : null,
          after: { criteria },
          event: { year, criteria },
        },
      };
    });
  }

  async putScores(
    principal: Principal,
    year: number,
    orgId: number,
    body: { scores: unknown[] },
  ): Promise<ParkEvaluationWorkspace> {
    await this.access.requireAccess(principal, 'park.score', { kind: 'service' });
    const shaped = readItems<ParkScore>(
      body.scores,
      'scores',
      { criterion: 'string', score: 'number' },
      '{"criterion":"企业孵化","score":90}',
    );
    if (shaped.errors.length > 0) throw invalid(shaped.errors);
    await this.changes.recordChange(principal, 'park-evaluation.scored', async (m) => {
      const evaluation = await this.lockedDraft(m, year);
      if (!evaluation || evaluation.criteria.length === 0)
        throw new AppError('CONFLICT', `${year}年度尚未设置评价指标，请先由系统管理员设置指标和权重`, [
          { field: 'year', message: '尚未设置评价指标' },
        ]);
      const org = (await this.orgs.recordsOf([orgId], m)).get(orgId);
      if (!org || !org.orgTypes.includes(PARK_TYPE)) throw notFound('电商产业园区');
      const errors = checkParkScores(evaluation.criteria, shaped.items);
      if (errors.length > 0) throw invalid(errors);
      const repo = m.getRepository(ParkScoreEntity);
      const before = await repo.findOne({ where: { year, orgId }, lock: this.tx.lock });
      const entered = new Map((before?.scores ?? []).map((s) => [s.criterion, s.score]));
      for (const s of shaped.items) entered.set(s.criterion, s.score);
      // In the year's order of criteria.
      const scores = evaluation.criteria.flatMap((c) =>
        entered.has(c.name) ? [{ criterion: c.name, score: entered.get(c.name) as number }] : [],
      );
      const now = this.clock.now();
      await repo.save(
        before
          ? { ...before, scores, enteredBy: principal.userId, updatedAt: now }
          : repo.create({ year, orgId, scores, enteredBy: principal.userId, updatedAt: now }),
      );
      return {
        result: null,
        change: {
          subject: { entity: 'park-evaluation', id: year, orgId: null },
          before: before ? { orgId, scores: before.scores } : null,
          after: { orgId, scores },
          event: { year, orgId, criteria: shaped.items.map((s) => s.criterion) },
        },
      };
    });
    return this.workspaceOf(this.dataSource.manager, year);
  }

  /**
   * Publishes the year's ranking: every park scored on every criterion is ranked; a park scored
   * on some criteria only holds it back (finish or clear its sheet), and there must be one to rank.
   */
  async publish(principal: Principal, year: number): Promise<ParkEvaluationWorkspace> {
    await this.access.requireAccess(principal, 'park.score', { kind: 'service' });
    await this.changes.recordChange(principal, 'park-evaluation.published', async (m) => {
      const evaluation = await this.lockedDraft(m, year);
      if (!evaluation || evaluation.criteria.length === 0)
        throw new AppError('CONFLICT', `${year}年度尚未设置评价指标，不能公布`, [
          { field: 'year', message: '尚未设置评价指标' },
        ]);
      const view = await this.workspaceOf(m, year);
      const partial = view.parks.filter((p) => p.scores.length > 0 && !p.complete);
      if (partial.length > 0)
        throw new AppError(
          'CONFLICT',
          `以下园区尚有指标未评分，请补齐后再公布：${partial.map((p) => p.name).join('、')}`,
          partial.map((p) => ({
            field: `parks[${p.orgId}]`,
            message: `${p.name}未评分的指标：${evaluation.criteria
              .filter((c) => !p.scores.some((s) => s.criterion === c.name))
              .map((c) => c.name)
              .join('、')}`,
          })),
        );
      if (view.ranking.length === 0)
        throw new AppError('CONFLICT', '尚无园区完成评分，不能公布', [{ field: 'year', message: '尚无园区完成评分' }]);
      const now = this.clock.now();
      await m.getRepository(ParkEvaluationEntity).save({
        ...evaluation,
        status: 'published' as const,
        ranking: view.ranking,
        publishedAt: now,
        publishedBy: principal.userId,
        updatedAt: now,
      });
      return {
        result: null,
        change: {
          subject: { entity: 'park-evaluation', id: year, orgId: null },
          before: { status: 'draft' },
          after: { status: 'published', ranking: view.ranking.map((r) => ({ orgId: r.orgId, rank: r.rank })) },
          event: { year, ranked: view.ranking.length },
        },
      };
    });
    return this.workspaceOf(this.dataSource.manager, year);
  }

  /** The year's evaluation row, locked, or null; CONFLICT once published (nothing changes after). */
  private async lockedDraft(m: EntityManager, year: number): Promise<ParkEvaluationEntity | null> {
    const evaluation = await m.getRepository(ParkEvaluationEntity).findOne({ where: { year }, lock: this.tx.lock });
    if (evaluation?.status === 'published')
      throw new AppError('CONFLICT', `${year}年度园区综合评价已公布，指标、权重和得分不能再修改`, [
        { field: 'year', message: '已公布' },
      ]);
    return evaluation;
  }

  private async workspaceOf(m: EntityManager, year: number): Promise<ParkEvaluationWorkspace> {
    const evaluation = await m.getRepository(ParkEvaluationEntity).findOneBy({ year });
    const criteria = evaluation?.criteria ?? [];
    const status = evaluation?.status ?? 'draft';
    const parks = await this.orgs.ofType(PARK_TYPE, m);
    const sheets = new Map((await m.getRepository(ParkScoreEntity).findBy({ year })).map((s) => [s.orgId, s.scores]));
    const sheetViews: ParkScoreSheet[] = parks.map((o) => {
      const scores = sheets.get(o.id) ?? [];
      return {
        orgId: o.id,
        name: o.name,
        county: o.county,
        countyName: countyName(o.county),
        scores,
        complete: criteria.length > 0 && isCompleteSheet(criteria, scores),
      };
    });
    const ranking: ParkRankingEntry[] =
      status === 'published' && evaluation?.ranking
        ? evaluation.ranking
        : criteria.length === 0
          ? []
          : rankParks(criteria, sheetViews).map((p) => ({
              orgId: p.orgId,
              name: p.name,
              county: p.county,
              countyName: p.countyName,
              rank: p.rank,
              weightedScore10k: p.weightedScore10k,
              weightedScoreText: formatScore10k(p.weightedScore10k),
              scores: p.scores,
            }));
    return {
      year,
      status,
      statusLabel: PARK_EVALUATION_STATUS_LABELS[status],
      criteria,
      parks: sheetViews,
      ranking,
      publishedAt: evaluation?.publishedAt?.toISOString() ?? null,
    };
  }
}
