import { Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  canTransition,
  type CountyId,
  countyName,
  type Edition,
  evaluateValidated,
  type Facts,
  formatDateZh,
  parseFacts,
  type ProgramId,
  type ProgramResult,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../../common/tokens.js';
import { EditionsService } from '../editions/editions.service.js';
import { FactsService } from '../facts/facts.service.js';
import { AccessService } from '../access/access.service.js';
import { type AccessAction } from '../access/policy.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { ApplicationEntity, scopeOf } from './application.entity.js';
import { MaterialsService } from './materials.service.js';

/** The firm as it stood when the application was submitted. */
export interface FirmAtSubmission {
  name: string;
  uscc: string;
  county: CountyId;
  countyName: string;
}

export interface ApplicationView {
  id: number;
  orgId: number;
  programId: ProgramId;
  programTitle: string;
  measure: number;
  claimYear: number;
  editionId: string;
  status: ApplicationStatus;
  statusLabel: string;
  factsSnapshot: Facts;
  evaluation: unknown;
  maxAmountFen: number | null;
  /** Null while a draft (or withdrawn before it was ever submitted). */
  firmAtSubmission: FirmAtSubmission | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
}

const activeKey = (orgId: number, programId: string, year: number): string => `${orgId}:${programId}:${year}`;
const onceKey = (orgId: number, programId: string): string => `${orgId}:${programId}`;

const firmAtSubmission = (a: ApplicationEntity): FirmAtSubmission | null =>
  a.orgName !== null && a.orgUscc !== null && a.orgCounty !== null
    ? { name: a.orgName, uscc: a.orgUscc, county: a.orgCounty, countyName: countyName(a.orgCounty) }
    : null;

/** Only what the audit log needs to show a change. */
const auditShape = (a: ApplicationEntity) => ({
  status: a.status,
  programId: a.programId,
  claimYear: a.claimYear,
  maxAmountFen: a.maxAmountFen,
  factsSnapshot: a.factsSnapshot,
  firmAtSubmission: firmAtSubmission(a),
});

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly orgs: OrgsService,
    private readonly facts: FactsService,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly materials: MaterialsService,
  ) {}

  private async view(a: ApplicationEntity): Promise<ApplicationView> {
    const edition = (await this.editions.publishedEditions()).find((e) => e.id === a.editionId);
    const program = edition?.programs[a.programId];
    return {
      id: a.id,
      orgId: a.orgId,
      programId: a.programId,
      programTitle: program?.title ?? a.programId,
      measure: program?.measure ?? 0,
      claimYear: a.claimYear,
      editionId: a.editionId,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      factsSnapshot: a.factsSnapshot,
      evaluation: a.evaluation,
      maxAmountFen: a.maxAmountFen,
      firmAtSubmission: firmAtSubmission(a),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    };
  }

  /**
   * The application, if the caller may do `action` with it; NOT_FOUND otherwise, as if it did not
   * exist. Only the access decision becomes a 404: a failing database is the 500 it is.
   */
  private async load(
    principal: Principal,
    id: number,
    action: Extract<AccessAction, 'application.read' | 'application.edit'>,
    manager: EntityManager,
    lock = false,
  ): Promise<ApplicationEntity> {
    const app = await manager
      .getRepository(ApplicationEntity)
      .findOne({ where: { id }, ...(lock && this.tx.lock ? { lock: this.tx.lock } : {}) });
    if (!app) throw notFound('申报');
    await this.access.requireAccess(principal, action, { kind: 'application', application: scopeOf(app) }, manager);
    return app;
  }

  private async programOf(claimYear: number, programId: ProgramId): Promise<{ edition: Edition; oneOff: boolean }> {
    const edition = await this.editions.forYear(claimYear);
    const program = edition.programs[programId];
    if (!program)
      throw new AppError('INVALID_REQUEST', `${claimYear}年度政策没有此项目`, [
        { field: 'programId', message: `${claimYear}年度政策没有此项目` },
      ]);
    return { edition, oneOff: program.oneOff };
  }

  async create(principal: Principal, orgId: number, programId: ProgramId, claimYear: number): Promise<ApplicationView> {
    await this.access.requireAccess(principal, 'application.create', { kind: 'org', orgId });
    const { edition, oneOff } = await this.programOf(claimYear, programId);
    const active = activeKey(orgId, programId, claimYear);
    const once = oneOff ? onceKey(orgId, programId) : null;
    try {
      const app = await this.tx.run(async (m) => {
        await this.access.requireAccess(principal, 'application.create', { kind: 'org', orgId }, m);
        await this.refuseDuplicate(m, active, once);
        const { facts } = await this.facts.factsOf(orgId, claimYear, m);
        const now = this.clock.now();
        const repo = m.getRepository(ApplicationEntity);
        const saved = await repo.save(
          repo.create({
            orgId,
            programId,
            claimYear,
            editionId: edition.id,
            status: 'draft',
            factsSnapshot: facts,
            evaluation: null,
            maxAmountFen: null,
            orgName: null,
            orgUscc: null,
            orgCounty: null,
            activeKey: active,
            onceKey: once,
            createdBy: principal.userId,
            createdAt: now,
            updatedAt: now,
            submittedAt: null,
            withdrawnAt: null,
          }),
        );
        await this.audit.record(m, {
          actor: principal,
          action: 'application.created',
          entity: 'application',
          entityId: saved.id,
          orgId,
          after: auditShape(saved),
        });
        return saved;
      });
      return this.view(app);
    } catch (error) {
      // Two creations at once: the unique keys let one through; the other is told why.
      if (!(error instanceof AppError)) await this.tx.run((m) => this.refuseDuplicate(m, active, once));
      throw error;
    }
  }

  private async refuseDuplicate(m: EntityManager, active: string, once: string | null): Promise<void> {
    const repo = m.getRepository(ApplicationEntity);
    const current = await repo.findOneBy({ activeKey: active });
    if (current)
      throw new AppError('CONFLICT', `该项目本年度已有进行中的申报（编号${current.id}），请继续办理或先撤回`, {
        applicationId: current.id,
      });
    if (once) {
      const previous = await repo.findOneBy({ onceKey: once });
      if (previous)
        throw new AppError('CONFLICT', `该项目为一次性奖励，每家企业只能申报一次（已有申报编号${previous.id}）`, {
          applicationId: previous.id,
        });
    }
  }

  async list(principal: Principal, orgId: number): Promise<ApplicationView[]> {
    await this.access.requireAccess(principal, 'org.read', { kind: 'org', orgId });
    const rows = await this.dataSource
      .getRepository(ApplicationEntity)
      .find({ where: { orgId }, order: { id: 'DESC' } });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(principal: Principal, id: number): Promise<ApplicationView> {
    return this.view(await this.load(principal, id, 'application.read', this.dataSource.manager));
  }

  /** Edits a draft's facts (null clears one) or takes the firm's current facts again. */
  async update(
    principal: Principal,
    id: number,
    input: { facts?: Record<string, unknown>; refreshFromOrg?: boolean },
  ): Promise<ApplicationView> {
    const given = input.facts ? parseFacts(input.facts) : {};
    return this.change(principal, id, 'application.updated', async (app, m) => {
      if (app.status !== 'draft')
        throw new AppError(
          'INVALID_TRANSITION',
          `申报当前为“${APPLICATION_STATUS_LABELS[app.status]}”，只有草稿可以修改`,
        );
      const base = input.refreshFromOrg
        ? (await this.facts.factsOf(app.orgId, app.claimYear, m)).facts
        : app.factsSnapshot;
      const cleared = new Set(Object.keys(input.facts ?? {}).filter((k) => input.facts?.[k] === null));
      app.factsSnapshot = Object.fromEntries(
        Object.entries({ ...base, ...given }).filter(([k]) => !cleared.has(k)),
      ) as Facts;
    });
  }

  /**
   * Submits a draft: inside the edition's application window, and only when the shared rules
   * find it eligible on its snapshot; otherwise refused with the conditions to fix.
   */
  async submit(principal: Principal, id: number): Promise<ApplicationView> {
    return this.change(principal, id, 'application.submitted', async (app, m) => {
      this.transition(app, 'submitted');
      const { edition } = await this.programOf(app.claimYear, app.programId);
      const today = this.clock.today();
      const { opens, closes } = edition.applicationWindow;
      if (today < opens || today > closes)
        throw new AppError(
          'OUTSIDE_WINDOW',
          `不在申报时间内：${app.claimYear}年度的申报时间为${formatDateZh(opens)}至${formatDateZh(closes)}`,
          { opens, closes, today },
        );

      const response = evaluateValidated(
        { claimYear: app.claimYear, facts: app.factsSnapshot, programs: [app.programId] },
        { editions: await this.editions.publishedEditions() },
      );
      const result = JSON.parse(JSON.stringify(response.programs[0])) as ProgramResult;
      if (result.status !== 'eligible') {
        const toFix = result.conditions
          .filter((c) => c.status === 'unmet' || c.status === 'unknown')
          .map(({ id: condition, status, clause, explanation, facts }) => ({
            condition,
            status,
            clause,
            explanation,
            facts,
          }));
        throw new AppError(
          'NOT_ELIGIBLE',
          result.status === 'ineligible'
            ? '暂不符合申报条件，请对照以下条件修改后再提交'
            : '信息不完整，请补充以下信息后再提交',
          { status: result.status, conditions: toFix, missingFacts: result.missingFacts },
        );
      }
      const missing = await this.materials.missingRequired(app, m);
      if (missing.length > 0)
        throw new AppError(
          'MATERIALS_MISSING',
          `还缺${missing.length}项必交材料，请上传后再提交：${missing.map((x) => x.name).join('、')}`,
          { materials: missing.map((x) => ({ id: x.id, name: x.name, shows: x.shows })) },
        );
      // Fixed now: reviewers, and anyone who reads the application later, see the firm it was
      // submitted by, whatever the firm changes afterwards (a move of county included).
      const firm = await this.orgs.firmOf(app.orgId, m);
      app.orgName = firm.name;
      app.orgUscc = firm.uscc;
      app.orgCounty = firm.county;
      app.status = 'submitted';
      app.evaluation = result;
      app.maxAmountFen = result.maxAmountFen;
      app.submittedAt = this.clock.now();
    });
  }

  /** Withdraws before a decision; frees the program for a new application. */
  async withdraw(principal: Principal, id: number): Promise<ApplicationView> {
    return this.change(principal, id, 'application.withdrawn', (app) => {
      this.transition(app, 'withdrawn');
      app.status = 'withdrawn';
      app.activeKey = null;
      app.onceKey = null;
      app.withdrawnAt = this.clock.now();
    });
  }

  /**
   * One change of an application, whole or not at all: loads it for a member (locked), applies
   * `mutate`, saves it and writes the audit entry in the same transaction.
   */
  private async change(
    principal: Principal,
    id: number,
    action: string,
    mutate: (app: ApplicationEntity, m: EntityManager) => Promise<void> | void,
  ): Promise<ApplicationView> {
    const app = await this.tx.run(async (m) => {
      const app = await this.load(principal, id, 'application.edit', m, true);
      const before = auditShape(app);
      await mutate(app, m);
      app.updatedAt = this.clock.now();
      await m.getRepository(ApplicationEntity).save(app);
      await this.audit.record(m, {
        actor: principal,
        action,
        entity: 'application',
        entityId: app.id,
        orgId: app.orgId,
        before,
        after: auditShape(app),
      });
      return app;
    });
    return this.view(app);
  }

  private transition(app: ApplicationEntity, to: ApplicationStatus): void {
    if (!canTransition(app.status, to))
      throw new AppError(
        'INVALID_TRANSITION',
        `申报当前为“${APPLICATION_STATUS_LABELS[app.status]}”，不能${to === 'submitted' ? '提交' : '撤回'}`,
        {
          from: app.status,
          to,
        },
      );
  }
}
