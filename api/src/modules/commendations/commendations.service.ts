import { Injectable } from '@nestjs/common';
import {
  type CommendationListId,
  type CommendationPublication,
  commendationInputsOf,
  commendations,
  type CommendationsDraft,
  type CountyId,
  type PublishedCommendationYears,
} from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { EditionsService } from '../editions/editions.service.js';
import { isDuplicate } from '../../database/driver-errors.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { CommendationPublicationEntity } from './commendation-publication.entity.js';

/**
 * 一、四、五 from 十二: the city computes a year's commendation lists from the stored monthly figures
 * and the province's averages through the shared rules, and publishes them as a frozen version.
 */
@Injectable()
export class CommendationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
    private readonly statistics: StatisticsService,
  ) {}

  /** The lists as they would be published now. */
  async draft(principal: Principal, year: number): Promise<CommendationsDraft> {
    await this.access.requireAccess(principal, 'commendation.compute', { kind: 'service' });
    return this.compute(year);
  }

  /**
   * The year's inputs and the shared rules' result. CONFLICT, naming `year`, when the province's
   * averages of the year or every county's figures are missing: 高于全省平均 cannot be judged
   * without the one, and nothing can be ranked without the other.
   */
  private async compute(year: number): Promise<CommendationsDraft> {
    const province = await this.statistics.provinceAverages(year);
    if (!province)
      throw new AppError('CONFLICT', `${year}年度的全省平均数据尚未录入，无法计算通报表扬名单`, [
        {
          field: 'year',
          message: `请先由市级审核员或系统管理员在“运行监测”中录入${year}年度全省网络零售额平均增幅和实物商品网络零售额占社会消费品零售总额比重`,
        },
      ]);
    const rows = await this.statistics.figures(year);
    if (rows.length === 0)
      throw new AppError('CONFLICT', `${year}年度尚无任何县（市、区）的月度数据，无法计算通报表扬名单`, [
        { field: 'year', message: `请先录入或导入${year}年度各县（市、区）的月度监测数据` },
      ]);
    const inputs = commendationInputsOf(rows, province, year);
    const result = commendations(
      { year, province: inputs.province, counties: inputs.counties },
      { editions: await this.editions.publishedEditions() },
    );
    return { inputs, result };
  }

  /**
   * Publishes the year's lists as computed now: a new version (1 for the first), frozen, audited;
   * the versions before stay as they were. Two publications at once: the unique (year, version)
   * lets one through and the other is asked to look again.
   */
  async publish(principal: Principal, year: number): Promise<CommendationPublication> {
    await this.access.requireAccess(principal, 'commendation.publish', { kind: 'service' });
    // Computed from what is stored a moment before the publication's own transaction (the
    // statistics module reads outside it); the frozen version holds exactly these inputs.
    const { inputs, result } = await this.compute(year);
    try {
      await this.changes.recordChange(principal, 'commendation.published', async (m) => {
        const repo = m.getRepository(CommendationPublicationEntity);
        const previous = await repo.findOne({ where: { year }, order: { version: 'DESC' } });
        const saved = await repo.save(
          repo.create({
            year,
            version: (previous?.version ?? 0) + 1,
            inputs,
            result,
            publishedBy: principal.userId,
            publishedAt: this.clock.now(),
          }),
        );
        const lists = Object.fromEntries(
          Object.entries(result.lists).map(([id, entries]) => [id, entries.map((e) => e.county)]),
        ) as Record<CommendationListId, CountyId[]>;
        return {
          result: saved,
          change: {
            subject: { entity: 'commendation', id: saved.id, orgId: null },
            before: previous ? { id: previous.id, version: previous.version } : null,
            after: { id: saved.id, year, version: saved.version, inputs, lists },
            event: {
              publicationId: saved.id,
              year,
              version: saved.version,
              supersedes: previous?.version ?? null,
              lists,
            },
          },
        };
      });
    } catch (error) {
      if (isDuplicate(error))
        throw new AppError('CONFLICT', `${year}年度的通报表扬名单刚由他人发布，请刷新后确认是否需要再次发布`, [
          { field: 'year', message: '同一年度的名单正在被同时发布，请稍后重试' },
        ]);
      throw error;
    }
    return this.published(year);
  }

  /** The latest published version of a year, with the year's versions; anyone reads it. */
  async published(year: number): Promise<CommendationPublication> {
    const rows = await this.dataSource
      .getRepository(CommendationPublicationEntity)
      .find({ where: { year }, order: { version: 'DESC' } });
    const latest = rows[0];
    if (!latest) throw notFound(`${year}年度已发布的通报表扬名单`);
    return {
      year,
      version: latest.version,
      publishedAt: latest.publishedAt.toISOString(),
      inputs: latest.inputs,
      result: latest.result,
      versions: rows.map((r) => ({
        version: r.version,
        publishedAt: r.publishedAt.toISOString(),
        coverage: r.inputs.coverage,
      })),
    };
  }

  /** The years with published lists, newest first, each at its latest version. */
  async years(): Promise<PublishedCommendationYears> {
    const rows = await this.dataSource
      .getRepository(CommendationPublicationEntity)
      .find({ order: { year: 'DESC', version: 'DESC' } });
    const seen = new Set<number>();
    const years: PublishedCommendationYears['years'] = [];
    for (const r of rows) {
      if (seen.has(r.year)) continue;
      seen.add(r.year);
      years.push({
        year: r.year,
        version: r.version,
        publishedAt: r.publishedAt.toISOString(),
        coverage: r.inputs.coverage,
      });
    }
    return { years };
  }
}
