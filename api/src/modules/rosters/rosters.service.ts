import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type FieldError,
  HIRES_CLAUSE,
  type HireRoster,
  type HireRowView,
  isIsoDate,
  maskResidentId,
  RESIDENT_ID_MESSAGES,
  residentIdProblem,
  ROSTER_FACTS,
  ROSTER_LABELS,
  type RosterKind,
  STREAMERS_CLAUSE,
  type StreamerRoster,
  type StreamerRowView,
  usccProblem,
  usccProblemMessage,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { type AnyChange, type Change, ChangeRecorder } from '../audit/change-recorder.js';
import { type RosterEvent } from '../audit/change-events.js';
import { FactsService } from '../facts/facts.service.js';
import { WhitelistService } from '../whitelist/whitelist.service.js';
import { countsWith, hireChecks, streamerChecks } from './row-checks.js';
import { StreamerTraineeEntity, TalentHireEntity } from './roster.entities.js';
import {
  type HireRowDto,
  type StreamerRowDto,
  type UpdateHireRowDto,
  type UpdateStreamerRowDto,
} from './rosters.dto.js';

const invalidRequestOf = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

const duplicate = (kind: RosterKind, residentId: string): AppError =>
  new AppError(
    'CONFLICT',
    `身份证号码为${maskResidentId(residentId)}的人员已在本年度${ROSTER_LABELS[kind]}中，同一人不能重复登记`,
    [{ field: 'residentId', message: '该人员已在本年度名册中' }],
  );

/** A whole resident ID number as stored: upper-case X. */
const normalId = (id: string): string => id.toUpperCase();

type RosterAction = 'roster.row-added' | 'roster.row-updated' | 'roster.row-removed';

/** Each roster's table. */
const ROSTER_ENTITIES = { hires: TalentHireEntity, streamers: StreamerTraineeEntity } as const;
type RosterRowOf<K extends RosterKind> = InstanceType<(typeof ROSTER_ENTITIES)[K]>;

/**
 * 第九条's talent rosters. Each change of a row, in one transaction, recomputes the roster's count
 * and writes it as the firm's fact of the year (provenance `roster`), which the firm can then no
 * longer type (FactsService refuses it); the last row removed clears the fact. Resident ID numbers
 * are stored whole and leave the service masked: answers, refusals and audit entries alike.
 */
@Injectable()
export class RostersService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RostersService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly facts: FactsService,
    private readonly whitelist: WhitelistService,
  ) {}

  /**
   * A training institution recommended for a year's whitelist makes its trainees count in every
   * hires roster of that year naming it: their firms' counts are written again, once the decision
   * has committed (this process reacts; the next change of a roster would write it too).
   */
  onModuleInit(): void {
    this.changes.onCommitted((committed) => {
      if (committed.action !== 'whitelist.recommended') return;
      const work = this.refreshForInstitution(committed.event.whitelistApplicationId).catch((error: unknown) =>
        this.logger.error({ msg: 'roster refresh after a whitelist decision failed', err: String(error) }),
      );
      this.running.add(work);
      void work.finally(() => this.running.delete(work));
    });
  }

  /** Lets running refreshes finish before the database closes under them. */
  async onModuleDestroy(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async refreshForInstitution(applicationId: number): Promise<void> {
    const decision = await this.whitelist.decisionOf(applicationId);
    if (!decision || decision.decidedBy === null) return;
    const { uscc, year, decidedBy } = decision;
    const rows = await this.dataSource
      .getRepository(TalentHireEntity)
      .find({ select: { orgId: true }, where: { institutionUscc: uscc, claimYear: year } });
    for (const orgId of new Set(rows.map((r) => r.orgId)))
      await this.changes.recordChange('system', 'facts.updated', async (m) => {
        const roster = await this.hireRoster(m, orgId, year);
        const written = await this.facts.deriveFromRoster(
          m,
          orgId,
          year,
          ROSTER_FACTS.hires,
          roster.rows.length > 0 ? roster.count : null,
          decidedBy,
        );
        return {
          result: null,
          change:
            Object.keys(written.after).length > 0
              ? {
                  subject: { entity: 'facts', id: `${orgId}:${year}`, orgId },
                  before: written.before,
                  after: written.after,
                  event: { orgId, claimYear: year, names: [ROSTER_FACTS.hires] },
                }
              : null,
        };
      });
  }

  // ---- hires (e-commerce firms) ----

  async hires(principal: Principal, orgId: number, claimYear: number): Promise<HireRoster> {
    await this.access.requireAccess(principal, 'facts.read', { kind: 'org', orgId });
    return this.hireRoster(this.dataSource.manager, orgId, claimYear);
  }

  async addHire(principal: Principal, orgId: number, claimYear: number, dto: HireRowDto): Promise<HireRoster> {
    await this.access.requireAccess(principal, 'facts.write', { kind: 'org', orgId });
    const fields = this.checkHire(dto, dto.residentId);
    return this.change(principal, 'hires', 'roster.row-added', orgId, claimYear, dto.residentId, async (m) => {
      const repo = m.getRepository(TalentHireEntity);
      await this.refuseDuplicate(m, 'hires', orgId, claimYear, fields.residentId, null);
      const row = await repo.save(
        repo.create({ ...fields, orgId, claimYear, updatedBy: principal.userId, updatedAt: this.clock.now() }),
      );
      return { rowId: row.id, before: null, after: this.auditOf(row) };
    });
  }

  updateHire(principal: Principal, orgId: number, rowId: number, dto: UpdateHireRowDto): Promise<HireRoster> {
    return this.updateRow(principal, 'hires', orgId, rowId, (found) =>
      this.checkHire(dto, dto.residentId ?? found.residentId),
    );
  }

  removeHire(principal: Principal, orgId: number, rowId: number): Promise<HireRoster> {
    return this.removeRow(principal, 'hires', orgId, rowId);
  }

  // ---- streamers (training institutions) ----

  async streamers(principal: Principal, orgId: number, claimYear: number): Promise<StreamerRoster> {
    await this.access.requireAccess(principal, 'facts.read', { kind: 'org', orgId });
    return this.streamerRoster(this.dataSource.manager, orgId, claimYear);
  }

  async addStreamer(
    principal: Principal,
    orgId: number,
    claimYear: number,
    dto: StreamerRowDto,
  ): Promise<StreamerRoster> {
    await this.access.requireAccess(principal, 'facts.write', { kind: 'org', orgId });
    const fields = this.checkStreamer(dto, dto.residentId);
    return this.change(principal, 'streamers', 'roster.row-added', orgId, claimYear, dto.residentId, async (m) => {
      const repo = m.getRepository(StreamerTraineeEntity);
      await this.refuseDuplicate(m, 'streamers', orgId, claimYear, fields.residentId, null);
      const row = await repo.save(
        repo.create({ ...fields, orgId, claimYear, updatedBy: principal.userId, updatedAt: this.clock.now() }),
      );
      return { rowId: row.id, before: null, after: this.auditOf(row) };
    });
  }

  updateStreamer(
    principal: Principal,
    orgId: number,
    rowId: number,
    dto: UpdateStreamerRowDto,
  ): Promise<StreamerRoster> {
    return this.updateRow(principal, 'streamers', orgId, rowId, (found) =>
      this.checkStreamer(dto, dto.residentId ?? found.residentId),
    );
  }

  removeStreamer(principal: Principal, orgId: number, rowId: number): Promise<StreamerRoster> {
    return this.removeRow(principal, 'streamers', orgId, rowId);
  }

  // ---- one row of either roster ----

  /** Revises a row: checked whole (`check` sees the row as stored), the person still once in the year's roster. */
  private async updateRow<K extends RosterKind>(
    principal: Principal,
    kind: K,
    orgId: number,
    rowId: number,
    check: (found: RosterRowOf<K>) => { residentId: string },
  ): Promise<K extends 'hires' ? HireRoster : StreamerRoster> {
    const entity = ROSTER_ENTITIES[kind];
    const found = (await this.found(entity, orgId, rowId)) as RosterRowOf<K>;
    await this.access.requireAccess(principal, 'facts.write', { kind: 'org', orgId });
    const fields = check(found);
    return this.change(principal, kind, 'roster.row-updated', orgId, found.claimYear, fields.residentId, async (m) => {
      const repo = m.getRepository<TalentHireEntity | StreamerTraineeEntity>(entity);
      const row = await repo.findOneBy({ id: rowId, orgId });
      if (!row) throw notFound('名册人员');
      await this.refuseDuplicate(m, kind, orgId, row.claimYear, fields.residentId, rowId);
      const before = this.auditOf(row);
      Object.assign(row, fields, { updatedBy: principal.userId, updatedAt: this.clock.now() });
      await repo.save(row);
      return { rowId, before, after: this.auditOf(row) };
    });
  }

  private async removeRow<K extends RosterKind>(
    principal: Principal,
    kind: K,
    orgId: number,
    rowId: number,
  ): Promise<K extends 'hires' ? HireRoster : StreamerRoster> {
    const entity = ROSTER_ENTITIES[kind];
    const found = await this.found(entity, orgId, rowId);
    await this.access.requireAccess(principal, 'facts.write', { kind: 'org', orgId });
    return this.change(principal, kind, 'roster.row-removed', orgId, found.claimYear, null, async (m) => {
      const repo = m.getRepository<TalentHireEntity | StreamerTraineeEntity>(entity);
      const row = await repo.findOneBy({ id: rowId, orgId });
      if (!row) throw notFound('名册人员');
      const before = this.auditOf(row);
      await repo.delete(rowId);
      return { rowId, before, after: null };
    });
  }

  // ---- shared ----

  /** A row of the firm, or NOT_FOUND (a row of another firm is answered the same). */
  private async found(
    entity: (typeof ROSTER_ENTITIES)[RosterKind],
    orgId: number,
    rowId: number,
  ): Promise<TalentHireEntity | StreamerTraineeEntity> {
    const row = await this.dataSource
      .getRepository<TalentHireEntity | StreamerTraineeEntity>(entity)
      .findOneBy({ id: rowId, orgId });
    if (!row) throw notFound('名册人员');
    return row;
  }

  /** The resident ID number: length, characters, a real date of birth not after today, the check character. */
  private residentIdError(id: string): FieldError | null {
    const problem = residentIdProblem(id, this.clock.today());
    return problem ? { field: 'residentId', message: RESIDENT_ID_MESSAGES[problem] } : null;
  }

  private checkHire(dto: HireRowDto | UpdateHireRowDto, residentId: string) {
    const errors: FieldError[] = [];
    const id = this.residentIdError(residentId);
    if (id) errors.push(id);
    if (!isIsoDate(dto.hireDate))
      errors.push({ field: 'hireDate', message: '入职日期不是有效的日期，格式为YYYY-MM-DD，例如2026-03-01' });
    else if (dto.hireDate > this.clock.today()) errors.push({ field: 'hireDate', message: '入职日期不能晚于今天' });
    if (dto.trainingKind === 'whitelisted-institution') {
      if (dto.institutionUscc === undefined)
        errors.push({ field: 'institutionUscc', message: '经白名单培训机构培训的，请填写培训机构的统一社会信用代码' });
      else {
        const problem = usccProblem(dto.institutionUscc);
        if (problem) errors.push({ field: 'institutionUscc', message: usccProblemMessage(problem) });
      }
      if (dto.collegeName !== undefined)
        errors.push({ field: 'collegeName', message: '经白名单培训机构培训的，不填写院校名称' });
    } else {
      if (dto.collegeName === undefined)
        errors.push({ field: 'collegeName', message: '经院校“专业+实训”电商培训的，请填写院校名称' });
      if (dto.institutionUscc !== undefined)
        errors.push({ field: 'institutionUscc', message: '经院校培训的，不填写培训机构的统一社会信用代码' });
    }
    if (errors.length > 0) throw invalidRequestOf(errors);
    return {
      name: dto.name,
      residentId: normalId(residentId),
      trainingKind: dto.trainingKind,
      institutionUscc: dto.trainingKind === 'whitelisted-institution' ? (dto.institutionUscc ?? null) : null,
      collegeName: dto.trainingKind === 'college' ? (dto.collegeName ?? null) : null,
      hireDate: dto.hireDate,
      socialInsuranceMonths: dto.socialInsuranceMonths,
    };
  }

  private checkStreamer(dto: StreamerRowDto | UpdateStreamerRowDto, residentId: string) {
    const errors: FieldError[] = [];
    const id = this.residentIdError(residentId);
    if (id) errors.push(id);
    const problem = usccProblem(dto.contractFirmUscc);
    if (problem) errors.push({ field: 'contractFirmUscc', message: usccProblemMessage(problem) });
    if (errors.length > 0) throw invalidRequestOf(errors);
    return {
      name: dto.name,
      residentId: normalId(residentId),
      followers: dto.followers,
      contractFirmName: dto.contractFirmName,
      contractFirmUscc: dto.contractFirmUscc,
      contractMonths: dto.contractMonths,
      socialInsuranceMonths: dto.socialInsuranceMonths,
    };
  }

  private async refuseDuplicate(
    m: EntityManager,
    kind: RosterKind,
    orgId: number,
    claimYear: number,
    residentId: string,
    exceptRowId: number | null,
  ): Promise<void> {
    const other = await m
      .getRepository<TalentHireEntity | StreamerTraineeEntity>(ROSTER_ENTITIES[kind])
      .findOneBy({ orgId, claimYear, residentId });
    if (other && other.id !== exceptRowId) throw duplicate(kind, residentId);
  }

  /** A row as its audit entry keeps it: the resident ID number masked before it is written. */
  private auditOf(row: TalentHireEntity | StreamerTraineeEntity): Record<string, unknown> {
    const { residentId, updatedAt, version, ...rest } = row;
    void updatedAt;
    void version;
    return { ...rest, residentId: maskResidentId(residentId) };
  }

  /**
   * One change of a roster: the work, then the count recomputed and written as the firm's fact, in
   * one transaction with the audit entries (the row's, and the facts' when the count moved). Two
   * additions of one person at once: the unique index lets one through, the other is told why.
   */
  private async change<K extends RosterKind>(
    principal: Principal,
    kind: K,
    action: RosterAction,
    orgId: number,
    claimYear: number,
    residentId: string | null,
    work: (
      m: EntityManager,
    ) => Promise<{ rowId: number; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>,
  ): Promise<K extends 'hires' ? HireRoster : StreamerRoster> {
    try {
      await this.changes.recordChange(principal, action, async (m) => {
        const { rowId, before, after } = await work(m);
        const roster =
          kind === 'hires'
            ? await this.hireRoster(m, orgId, claimYear)
            : await this.streamerRoster(m, orgId, claimYear);
        const factName = ROSTER_FACTS[kind];
        const written = await this.facts.deriveFromRoster(
          m,
          orgId,
          claimYear,
          factName,
          roster.rows.length > 0 ? roster.count : null,
          principal.userId,
        );
        const also: AnyChange[] =
          Object.keys(written.after).length > 0
            ? [
                {
                  action: 'facts.updated',
                  change: {
                    subject: { entity: 'facts', id: `${orgId}:${claimYear}`, orgId },
                    before: written.before,
                    after: written.after,
                    event: { orgId, claimYear, names: [factName] },
                  },
                },
              ]
            : [];
        const event: RosterEvent = { orgId, claimYear, roster: kind, rowId, count: roster.count };
        const change: Change<typeof action> = {
          subject: { entity: 'roster', id: `${kind}:${rowId}`, orgId },
          before,
          after,
          event,
        };
        return { result: null, change, also };
      });
    } catch (error) {
      if (error instanceof AppError || residentId === null) throw error;
      const entity = kind === 'hires' ? TalentHireEntity : StreamerTraineeEntity;
      const taken = await this.dataSource
        .getRepository(entity)
        .existsBy({ orgId, claimYear, residentId: normalId(residentId) });
      if (taken) throw duplicate(kind, residentId);
      throw error;
    }
    const m = this.dataSource.manager;
    return (
      kind === 'hires' ? this.hireRoster(m, orgId, claimYear) : this.streamerRoster(m, orgId, claimYear)
    ) as Promise<K extends 'hires' ? HireRoster : StreamerRoster>;
  }

  private async hireRoster(m: EntityManager, orgId: number, claimYear: number): Promise<HireRoster> {
    const rows = await m.getRepository(TalentHireEntity).find({ where: { orgId, claimYear }, order: { id: 'ASC' } });
    const institutions = [
      ...new Set(
        rows.flatMap((r) =>
          r.trainingKind === 'whitelisted-institution' && r.institutionUscc ? [r.institutionUscc] : [],
        ),
      ),
    ];
    const listed = new Set<string>();
    for (const uscc of institutions)
      if (await this.whitelist.isWhitelistedInstitution({ uscc }, claimYear, m)) listed.add(uscc);
    const views: HireRowView[] = rows.map((r) => {
      const checks = hireChecks(r, claimYear, r.institutionUscc !== null && listed.has(r.institutionUscc));
      return {
        id: r.id,
        name: r.name,
        residentId: maskResidentId(r.residentId),
        trainingKind: r.trainingKind,
        institutionUscc: r.institutionUscc,
        collegeName: r.collegeName,
        hireDate: r.hireDate,
        socialInsuranceMonths: r.socialInsuranceMonths,
        counts: countsWith(checks),
        checks,
      };
    });
    return {
      orgId,
      claimYear,
      factName: 'trainedHireCount',
      count: views.filter((v) => v.counts).length,
      clause: HIRES_CLAUSE,
      rows: views,
    };
  }

  private async streamerRoster(m: EntityManager, orgId: number, claimYear: number): Promise<StreamerRoster> {
    const rows = await m
      .getRepository(StreamerTraineeEntity)
      .find({ where: { orgId, claimYear }, order: { id: 'ASC' } });
    const views: StreamerRowView[] = rows.map((r) => {
      const checks = streamerChecks(r);
      return {
        id: r.id,
        name: r.name,
        residentId: maskResidentId(r.residentId),
        followers: r.followers,
        contractFirmName: r.contractFirmName,
        contractFirmUscc: r.contractFirmUscc,
        contractMonths: r.contractMonths,
        socialInsuranceMonths: r.socialInsuranceMonths,
        counts: countsWith(checks),
        checks,
      };
    });
    return {
      orgId,
      claimYear,
      factName: 'qualifiedStreamerTraineeCount',
      count: views.filter((v) => v.counts).length,
      clause: STREAMERS_CLAUSE,
      rows: views,
    };
  }
}
