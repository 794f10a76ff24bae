import { Injectable } from '@nestjs/common';
import {
  countyName,
  type FieldError,
  type FileLink,
  orgTypeName,
  type PublicWhitelist,
  WHITELIST_STATUS_LABELS,
  type WhitelistApplicationView,
  type WhitelistQueueQuery,
  type WhitelistStatus,
} from '@huiqi/shared';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { FilesService } from '../files/files.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { WhitelistApplicationEntity } from './whitelist-application.entity.js';
import { type WhitelistApplyDto, type WhitelistReviewDto } from './whitelist.dto.js';

const invalidRequestOf = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

const alreadyApplied = (year: number, status: WhitelistStatus): AppError =>
  new AppError(
    'CONFLICT',
    status === 'recommended'
      ? `本企业已被推荐入选${year}年度白名单，无需重复申请`
      : `本企业已提交${year}年度白名单推荐申请，正在等待市级审核；审核未通过后可修改重新申请`,
  );

/**
 * 第八条: firms of the kinds the clause names apply for the city's recommendation to the provincial
 * 电商生态链企业“白名单”; the city reviews each (推荐 or 不予推荐 with a reason); the recommended
 * firms of each year are public. Measure 九 asks `isWhitelistedInstitution` whether a training
 * institution is on a year's list.
 */
@Injectable()
export class WhitelistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly orgs: OrgsService,
    private readonly files: FilesService,
    private readonly tx: Transactions,
  ) {}

  /** SELECT … FOR UPDATE on MariaDB; SQLite's transactions are queued (Transactions). */
  private locked(): { lock?: { mode: 'pessimistic_write' } } {
    const lock = this.tx.lock;
    return lock ? { lock } : {};
  }

  /**
   * A firm applies for a year (one application a year). A refused application may be submitted
   * again, changed: the text does not limit attempts, and a firm that has since cleared a credit
   * record would expect to. Every problem is reported at once, each naming its field.
   */
  async apply(principal: Principal, orgId: number, dto: WhitelistApplyDto): Promise<WhitelistApplicationView> {
    await this.access.requireAccess(principal, 'whitelist.apply', { kind: 'org', orgId });
    const fileIds = dto.fileIds ?? [];
    try {
      const saved = await this.changes.recordChange(principal, 'whitelist.applied', async (m) => {
        const firm = await this.orgs.profileOf(orgId, m);
        const errors: FieldError[] = [];
        dto.categories.forEach((category, i) => {
          if (!firm.orgTypes.includes(category))
            errors.push({
              field: `categories[${i}]`,
              message: `本企业登记的类型中没有“${orgTypeName(category)}”；请选择登记的类型，或先在企业信息中修改企业类型`,
            });
        });
        const found = new Map((await this.files.views(fileIds, m)).map((f) => [f.id, f]));
        fileIds.forEach((id, i) => {
          if (found.get(id)?.orgId !== orgId)
            errors.push({ field: `fileIds[${i}]`, message: `本企业文件库中没有编号为${id}的文件，请从文件库中选择` });
        });
        if (errors.length > 0) throw invalidRequestOf(errors);
        const repo = m.getRepository(WhitelistApplicationEntity);
        const before = await repo.findOne({ where: { orgId, year: dto.year }, ...this.locked() });
        if (before && before.status !== 'refused') throw alreadyApplied(dto.year, before.status);
        const fields = {
          orgId,
          year: dto.year,
          orgName: firm.name,
          uscc: firm.uscc,
          county: firm.county,
          description: dto.description,
          categories: [...dto.categories],
          noViolations: dto.noViolations,
          noBadCredit: dto.noBadCredit,
          fileIds: [...fileIds],
          status: 'submitted' as const,
          reason: null,
          submittedBy: principal.userId,
          submittedAt: this.clock.now(),
          decidedBy: null,
          decidedAt: null,
        };
        const previous = before ? { ...before } : null;
        const row = await repo.save(before ? Object.assign(before, fields) : repo.create(fields));
        return {
          result: row,
          change: {
            subject: { entity: 'whitelist', id: row.id, orgId },
            before: previous,
            after: row,
            event: {
              whitelistApplicationId: row.id,
              orgId,
              year: row.year,
              categories: row.categories,
              resubmitted: previous !== null,
            },
          },
        };
      });
      return this.view(saved);
    } catch (error) {
      // Two first applications at once: the unique index lets one through; the other is told why.
      if (error instanceof AppError) throw error;
      const existing = await this.dataSource
        .getRepository(WhitelistApplicationEntity)
        .findOneBy({ orgId, year: dto.year });
      if (existing) throw alreadyApplied(dto.year, existing.status);
      throw error;
    }
  }

  /** The firm's own applications, newest year first. */
  async ofOrg(principal: Principal, orgId: number): Promise<WhitelistApplicationView[]> {
    await this.access.requireAccess(principal, 'whitelist.apply', { kind: 'org', orgId });
    const rows = await this.dataSource
      .getRepository(WhitelistApplicationEntity)
      .find({ where: { orgId }, order: { year: 'DESC', id: 'DESC' } });
    return this.views(rows);
  }

  /** The city's list: every application (of a year, of a status), those waiting first, then oldest first. */
  async queue(principal: Principal, query: WhitelistQueueQuery): Promise<WhitelistApplicationView[]> {
    await this.access.requireAccess(principal, 'whitelist.queue', { kind: 'service' });
    const where: FindOptionsWhere<WhitelistApplicationEntity> = {};
    if (query.year !== undefined) where.year = query.year;
    if (query.status !== undefined) where.status = query.status;
    const rows = await this.dataSource
      .getRepository(WhitelistApplicationEntity)
      .find({ where, order: { year: 'DESC', submittedAt: 'ASC', id: 'ASC' } });
    const waitingFirst = [...rows].sort(
      (a, b) => Number(b.status === 'submitted') - Number(a.status === 'submitted') || b.year - a.year,
    );
    return this.views(waitingFirst);
  }

  async get(principal: Principal, id: number): Promise<WhitelistApplicationView> {
    const row = await this.dataSource.getRepository(WhitelistApplicationEntity).findOneBy({ id });
    if (!row) throw notFound('白名单推荐申请');
    await this.access.requireAccess(principal, 'whitelist.read', { kind: 'org', orgId: row.orgId });
    return this.view(row);
  }

  /** A signed link to a file the application names, for whoever reads the application. */
  async fileLink(principal: Principal, id: number, fileId: number): Promise<FileLink> {
    const row = await this.dataSource.getRepository(WhitelistApplicationEntity).findOneBy({ id });
    if (!row) throw notFound('白名单推荐申请');
    await this.access.requireAccess(principal, 'whitelist.read', { kind: 'org', orgId: row.orgId });
    if (!row.fileIds.includes(fileId)) throw notFound('文件');
    return this.files.signedLink(fileId);
  }

  /** The city recommends (推荐) or refuses with the reason the firm reads; only a waiting application. */
  async review(principal: Principal, id: number, dto: WhitelistReviewDto): Promise<WhitelistApplicationView> {
    const found = await this.dataSource.getRepository(WhitelistApplicationEntity).findOneBy({ id });
    if (!found) throw notFound('白名单推荐申请');
    await this.access.requireAccess(principal, 'whitelist.review', { kind: 'org', orgId: found.orgId });
    const reason = dto.reason ?? '';
    if (dto.decision === 'refuse' && reason === '')
      throw invalidRequestOf([{ field: 'reason', message: '不予推荐时请填写理由，企业会看到这段说明' }]);
    if (dto.decision === 'recommend' && reason !== '')
      throw invalidRequestOf([{ field: 'reason', message: '推荐时不填写理由；不予推荐时才需要理由' }]);
    const action = dto.decision === 'recommend' ? 'whitelist.recommended' : 'whitelist.refused';
    const work = async (m: EntityManager) => {
      const repo = m.getRepository(WhitelistApplicationEntity);
      const row = await repo.findOne({ where: { id }, ...this.locked() });
      if (!row) throw notFound('白名单推荐申请');
      if (row.status !== 'submitted')
        throw new AppError('CONFLICT', `该申请已${WHITELIST_STATUS_LABELS[row.status]}，只能审核待市级审核的申请`);
      const before = { status: row.status };
      row.status = dto.decision === 'recommend' ? 'recommended' : 'refused';
      row.reason = dto.decision === 'refuse' ? reason : null;
      row.decidedBy = principal.userId;
      row.decidedAt = this.clock.now();
      const saved = await repo.save(row);
      return { saved, before };
    };
    const subject = { entity: 'whitelist' as const, id, orgId: found.orgId };
    const saved =
      action === 'whitelist.recommended'
        ? await this.changes.recordChange(principal, 'whitelist.recommended', async (m) => {
            const { saved, before } = await work(m);
            return {
              result: saved,
              change: {
                subject,
                before,
                after: { status: saved.status },
                event: { whitelistApplicationId: id, orgId: saved.orgId, year: saved.year },
              },
            };
          })
        : await this.changes.recordChange(principal, 'whitelist.refused', async (m) => {
            const { saved, before } = await work(m);
            return {
              result: saved,
              change: {
                subject,
                before,
                after: { status: saved.status, reason: saved.reason },
                event: { whitelistApplicationId: id, orgId: saved.orgId, year: saved.year, reason },
              },
            };
          });
    return this.view(saved);
  }

  /** The firms recommended for a year, as anyone reads them: name, kinds, county, year. */
  async publicList(year: number): Promise<PublicWhitelist> {
    const rows = await this.dataSource
      .getRepository(WhitelistApplicationEntity)
      .find({ where: { year, status: 'recommended' }, order: { decidedAt: 'ASC', id: 'ASC' } });
    return {
      year,
      entries: rows.map((r) => ({
        orgName: r.orgName,
        categories: r.categories,
        categoryNames: r.categories.map(orgTypeName),
        county: r.county,
        countyName: countyName(r.county),
        year: r.year,
      })),
    };
  }

  /**
   * 第九条's 经电商生态链企业“白名单”培训机构: whether the firm (by its credit code or its id) was
   * recommended for the year's whitelist as a training institution (人才培训机构). The city's
   * recommendation stands for the whitelist: the province's own decision is not recorded here.
   */
  async isWhitelistedInstitution(
    firm: { uscc: string } | { orgId: number },
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const where =
      'uscc' in firm
        ? { uscc: firm.uscc, year, status: 'recommended' as const }
        : { orgId: firm.orgId, year, status: 'recommended' as const };
    const rows = await manager.getRepository(WhitelistApplicationEntity).findBy(where);
    return rows.some((r) => r.categories.includes('training-institution'));
  }

  /** Whose application it is and who decided it: what a reaction to its decision needs. */
  async decisionOf(id: number): Promise<{ uscc: string; year: number; decidedBy: number | null } | null> {
    const row = await this.dataSource.getRepository(WhitelistApplicationEntity).findOneBy({ id });
    return row ? { uscc: row.uscc, year: row.year, decidedBy: row.decidedBy } : null;
  }

  private async view(row: WhitelistApplicationEntity): Promise<WhitelistApplicationView> {
    const [view] = await this.views([row]);
    return view as WhitelistApplicationView;
  }

  private async views(rows: readonly WhitelistApplicationEntity[]): Promise<WhitelistApplicationView[]> {
    const files = new Map((await this.files.views(rows.flatMap((r) => r.fileIds))).map((f) => [f.id, f]));
    return rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      uscc: r.uscc,
      county: r.county,
      countyName: countyName(r.county),
      year: r.year,
      description: r.description,
      categories: r.categories,
      categoryNames: r.categories.map(orgTypeName),
      noViolations: r.noViolations,
      noBadCredit: r.noBadCredit,
      files: r.fileIds.map((id) => ({ id, name: files.get(id)?.name ?? `文件${id}` })),
      status: r.status,
      statusLabel: WHITELIST_STATUS_LABELS[r.status],
      reason: r.reason,
      submittedAt: r.submittedAt.toISOString(),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    }));
  }
}
