import { Injectable } from '@nestjs/common';
import {
  CITY_TARGETS_YEAR,
  coverageOf,
  countyName,
  countyYears,
  type FieldError,
  OBSERVATION_LABELS,
  type TargetObservationRequest,
  type TargetObservationView,
  type TargetsDashboard,
  targetsOf,
} from '@huiqi/shared';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, invalid } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { RelocatedShopsService } from '../relocated-shops/relocated-shops.service.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { TargetObservationEntity } from './target-observation.entity.js';

const viewOf = (row: TargetObservationEntity): TargetObservationView => ({
  id: row.id,
  indicator: row.indicator,
  label: OBSERVATION_LABELS[row.indicator],
  observedOn: row.observedOn,
  value: row.value,
  source: row.source,
  recordedAt: row.recordedAt.toISOString(),
});

/**
 * The city's 2023 targets against the monthly figures (十二), the relocated-shop register (五) and
 * the counts city staff observe.
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
    private readonly statistics: StatisticsService,
    private readonly relocatedShops: RelocatedShopsService,
  ) {}

  async dashboard(principal: Principal, year: number): Promise<TargetsDashboard> {
    await this.access.requireAccess(principal, 'targets.read', { kind: 'service' });
    // The text sets its targets for the end of 2023 only (本措施…有效期至2023年12月31日).
    if (year !== CITY_TARGETS_YEAR)
      throw invalid('year', `政策原文只规定了${CITY_TARGETS_YEAR}年底的目标，请查询${CITY_TARGETS_YEAR}年`);
    const rows = await this.statistics.figures(year);
    const province = await this.statistics.provinceAverages(year);
    const register = await this.relocatedShops.verifiedCounts(year);
    // Observations up to the year's end: the 2022 base is one of them.
    const observations = (
      await this.dataSource.getRepository(TargetObservationEntity).find({
        where: { observedOn: LessThanOrEqual(`${year}-12-31`) },
        order: { observedOn: 'DESC', id: 'DESC' },
      })
    ).map(viewOf);
    const counties = [...countyYears(rows, year).values()].map((y) => ({
      name: countyName(y.figures.county),
      months: y.months,
    }));
    return {
      year,
      months: [...new Set(rows.map((r) => r.month))].sort((a, b) => a - b),
      coverage: coverageOf(year, counties).coverage,
      targets: targetsOf(rows, province, observations, year, register),
      observations,
    };
  }

  /** Records one dated count (audited); every problem named at once. */
  async observe(principal: Principal, request: TargetObservationRequest): Promise<TargetObservationView> {
    await this.access.requireAccess(principal, 'targets.observe', { kind: 'service' });
    const errors: FieldError[] = [];
    const today = this.clock.today();
    if (request.observedOn > today) errors.push({ field: 'observedOn', message: `观测日期不能晚于今天（${today}）` });
    const source = request.source.trim();
    if (source.length === 0) errors.push({ field: 'source', message: '请填写数据来源，例如 市统计局2023年6月通报' });
    if (errors.length > 0)
      throw new AppError(
        'INVALID_REQUEST',
        `请求有误，请修改以下字段：${errors.map((e) => e.field).join('、')}`,
        errors,
      );
    const saved = await this.changes.recordChange(principal, 'target.observed', async (m) => {
      const repo = m.getRepository(TargetObservationEntity);
      const row = await repo.save(
        repo.create({
          indicator: request.indicator,
          observedOn: request.observedOn,
          value: request.value,
          source,
          recordedBy: principal.userId,
          recordedAt: this.clock.now(),
        }),
      );
      return {
        result: row,
        change: {
          subject: { entity: 'target-observation', id: row.id, orgId: null },
          before: null,
          after: { ...row },
          event: {
            observationId: row.id,
            indicator: row.indicator,
            observedOn: row.observedOn,
            value: row.value,
          },
        },
      };
    });
    return viewOf(saved);
  }
}
