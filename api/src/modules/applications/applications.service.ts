import { Injectable } from '@nestjs/common';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationView,
  type ConditionResult,
  type Edition,
  evaluateValidated,
  factLabel,
  FACT_NAMES,
  type FactName,
  type Facts,
  parseFacts,
  type ProgramId,
  type ProgramResult,
  rosterOfFact,
  rosterOwnsFactMessage,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, invalid, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { type EditionVersion, EditionsService } from '../editions/editions.service.js';
import { FactsService } from '../facts/facts.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { ApplicationChanges, applicationEvent, auditShape, firmAtSubmission } from './application-changes.js';
import { ApplicationEntity, scopeOf } from './application.entity.js';
import { MaterialsService } from './materials.service.js';
import { ObjectionEntity } from './objection.entity.js';
import { progressOf } from './progress.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { BudgetService } from '../budget/budget.service.js';
import { enterStage } from './notice-period.js';

const isFactName = (name: string): name is FactName => (FACT_NAMES as readonly string[]).includes(name);

const activeKey = (orgId: number, programId: string, year: number): string => `${orgId}:${programId}:${year}`;
const onceKey = (orgId: number, programId: string): string => `${orgId}:${programId}`;

/**
 * What the applicant supplemented is verified again: the verifications of the conditions it
 * returned, of those the returned facts feed and of those the returned materials prove are
 * dropped, and the returned facts lose any reviewer's correction (the applicant's new values stand
 * until a reviewer verifies them).
 */
const forgetReturned = (app: ApplicationEntity, edition: Edition, result: ProgramResult): void => {
  const items = app.returned?.items ?? [];
  const facts = new Set(items.filter((x) => x.kind === 'fact').map((x) => x.id));
  const conditions = new Set(items.filter((x) => x.kind === 'condition').map((x) => x.id));
  const materials = new Set(items.filter((x) => x.kind === 'material').map((x) => x.id));
  for (const material of edition.programs[app.programId]?.materials ?? [])
    if (materials.has(material.id)) for (const id of material.proves) conditions.add(id);
  for (const condition of result.conditions)
    if (condition.facts.some((f) => facts.has(f))) conditions.add(condition.id);
  if (app.verification)
    app.verification = Object.fromEntries(Object.entries(app.verification).filter(([id]) => !conditions.has(id)));
  if (app.verifiedFacts)
    app.verifiedFacts = Object.fromEntries(
      Object.entries(app.verifiedFacts).filter(([name]) => !facts.has(name)),
    ) as Facts;
};

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly orgs: OrgsService,
    private readonly facts: FactsService,
    private readonly editions: EditionsService,
    private readonly changes: ChangeRecorder,
    private readonly workflow: ApplicationChanges,
    private readonly clock: Clock,
    private readonly materials: MaterialsService,
    private readonly rounds: RoundsService,
    private readonly budget: BudgetService,
  ) {}

  /** The application as its firm and its reviewers read it (the review view embeds it). */
  async view(
    a: ApplicationEntity,
    pinned: EditionVersion | Promise<EditionVersion> = this.editions.version(a.editionVersionId),
  ): Promise<ApplicationView> {
    const { edition, version } = await pinned;
    const program = edition.programs[a.programId];
    const [titles, openObjections] = await Promise.all([
      this.rounds.titles(a.roundId === null ? [] : [a.roundId]),
      a.noticeStarts === null
        ? 0
        : this.dataSource.getRepository(ObjectionEntity).countBy({ applicationId: a.id, status: 'open' }),
    ]);
    const evaluation = a.evaluation as ProgramResult | null;
    const progress = progressOf(a, {
      today: this.clock.today(),
      roundTitle: a.roundId === null ? null : (titles.get(a.roundId) ?? null),
      openObjections,
      labelOf: (item) => {
        if (item.kind === 'material') return program?.materials.find((m) => m.id === item.id)?.name ?? item.id;
        if (item.kind === 'fact') return isFactName(item.id) ? factLabel(item.id) : item.id;
        return evaluation?.conditions.find((c) => c.id === item.id)?.clause ?? item.id;
      },
    });
    return {
      id: a.id,
      orgId: a.orgId,
      programId: a.programId,
      programTitle: program?.title ?? a.programId,
      measure: program?.measure ?? 0,
      claimYear: a.claimYear,
      editionId: a.editionId,
      editionVersion: version,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      factsSnapshot: a.factsSnapshot,
      // Written by submit below from the shared rules' answer, or null before.
      evaluation: a.evaluation as ProgramResult | null,
      maxAmountFen: a.maxAmountFen,
      firmAtSubmission: firmAtSubmission(a),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
      progress,
    } satisfies ApplicationView;
  }

  /**
   * The application, if the caller may read it; NOT_FOUND otherwise, as if it did not exist.
   * Only the access decision becomes a 404: a failing database is the 500 it is.
   */
  private async load(principal: Principal, id: number): Promise<ApplicationEntity> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    if (!app) throw notFound('申报');
    await this.access.requireAccess(principal, 'application.read', { kind: 'application', application: scopeOf(app) });
    return app;
  }

  /** The version in force for the year, which a new application records, and the program in it. */
  private async programOf(
    claimYear: number,
    programId: ProgramId,
  ): Promise<{ pinned: EditionVersion; oneOff: boolean }> {
    const pinned = await this.editions.inForce(claimYear);
    const program = pinned.edition.programs[programId];
    if (!program)
      throw new AppError('INVALID_REQUEST', `${claimYear}年度政策没有此项目`, [
        { field: 'programId', message: `${claimYear}年度政策没有此项目` },
      ]);
    return { pinned, oneOff: program.oneOff };
  }

  async create(principal: Principal, orgId: number, programId: ProgramId, claimYear: number): Promise<ApplicationView> {
    await this.access.requireAccess(principal, 'application.create', { kind: 'org', orgId });
    const { pinned, oneOff } = await this.programOf(claimYear, programId);
    const active = activeKey(orgId, programId, claimYear);
    const once = oneOff ? onceKey(orgId, programId) : null;
    try {
      const app = await this.changes.recordChange(principal, 'application.created', async (m) => {
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
            editionId: pinned.editionId,
            editionVersionId: pinned.id,
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
        return {
          result: saved,
          change: {
            subject: { entity: 'application', id: saved.id, orgId },
            after: auditShape(saved),
            event: { ...applicationEvent(saved), editionId: pinned.editionId, editionVersion: pinned.version },
          },
        };
      });
      return this.view(app, pinned);
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
    const pinned = new Map(
      [...new Set(rows.map((r) => r.editionVersionId))].map((id) => [id, this.editions.version(id)] as const),
    );
    return Promise.all(rows.map((r) => this.view(r, pinned.get(r.editionVersionId))));
  }

  async get(principal: Principal, id: number): Promise<ApplicationView> {
    return this.view(await this.load(principal, id));
  }

  /** Edits a draft's facts (null clears one) or takes the firm's current facts again. */
  async update(
    principal: Principal,
    id: number,
    input: { facts?: Record<string, unknown>; refreshFromOrg?: boolean },
  ): Promise<ApplicationView> {
    const given = input.facts ? parseFacts(input.facts) : {};
    const app = await this.workflow.apply(principal, id, 'application.updated', async (app, m) => {
      // Returned for supplement: only the facts the reviewer returned may change.
      if (app.status === 'returned') {
        if (input.refreshFromOrg) throw invalid('refreshFromOrg', '补正时只能修改被退回的数据项');
        const returnedFacts = new Set((app.returned?.items ?? []).filter((x) => x.kind === 'fact').map((x) => x.id));
        const other = Object.keys(input.facts ?? {}).find((k) => !returnedFacts.has(k));
        if (other !== undefined) throw invalid(`facts.${other}`, '补正时只能修改被退回的数据项');
      }
      // 第九条: a count a talent roster derives is taken from the roster, never typed (the roster's own value is accepted).
      const derived = await this.facts.rosterFacts(app.orgId, app.claimYear, m);
      for (const [name, value] of Object.entries(input.facts ?? {})) {
        const kind = rosterOfFact(name);
        if (kind && derived.has(name as FactName) && derived.get(name as FactName) !== value)
          throw invalid(`facts.${name}`, rosterOwnsFactMessage(kind));
      }
      const base = input.refreshFromOrg
        ? (await this.facts.factsOf(app.orgId, app.claimYear, m)).facts
        : app.factsSnapshot;
      const cleared = new Set(Object.keys(input.facts ?? {}).filter((k) => input.facts?.[k] === null));
      app.factsSnapshot = Object.fromEntries(
        Object.entries({ ...base, ...given }).filter(([k]) => !cleared.has(k)),
      ) as Facts;
      return { event: { facts: Object.keys(input.facts ?? {}), refreshedFromOrg: input.refreshFromOrg === true } };
    });
    return this.view(app);
  }

  /**
   * The rules' answer on the application's facts (under its own edition version), refused unless
   * eligible with every required material attached: what submitting and resubmitting ask.
   */
  private async checkedForSubmission(
    app: ApplicationEntity,
    edition: Edition,
    m: EntityManager,
  ): Promise<ProgramResult> {
    const response = evaluateValidated(
      { claimYear: app.claimYear, facts: app.factsSnapshot, programs: [app.programId] },
      { editions: [edition] },
    );
    const result = JSON.parse(JSON.stringify(response.programs[0])) as ProgramResult;
    if (result.status !== 'eligible') {
      const toFix = result.conditions
        .filter(
          (c): c is ConditionResult & { status: 'unmet' | 'unknown' } => c.status === 'unmet' || c.status === 'unknown',
        )
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
    return result;
  }

  /**
   * Submits a draft: inside the edition's application window, and only when the shared rules
   * find it eligible on its snapshot; otherwise refused with the conditions to fix.
   */
  async submit(principal: Principal, id: number): Promise<ApplicationView> {
    const draft = await this.load(principal, id);
    await this.rounds.ensureDefaultRound(draft.claimYear);
    const submitted = await this.workflow.apply(principal, id, 'application.submitted', async (app, m) => {
      // The rules and materials of the version the application was made under; the window of the round open today.
      const { edition } = await this.editions.version(app.editionVersionId);
      const round = await this.rounds.openRoundFor(m, app.claimYear, app.programId);

      const result = await this.checkedForSubmission(app, edition, m);
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
      app.roundId = round.id;
      enterStage(app, 'submitted', edition, this.clock.today(), app.submittedAt);
      return { event: { maxAmountFen: result.maxAmountFen } };
    });
    return this.view(submitted);
  }

  /**
   * Resubmits what was returned for supplement: the rules and the materials are checked again as
   * at submission, and the application goes back to the stage that returned it.
   */
  async resubmit(principal: Principal, id: number): Promise<ApplicationView> {
    const app = await this.workflow.apply(principal, id, 'application.resubmitted', async (app, m) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      const result = await this.checkedForSubmission(app, edition, m);
      const to = app.returned?.from ?? 'submitted';
      forgetReturned(app, edition, result);
      app.evaluation = result;
      app.maxAmountFen = result.maxAmountFen;
      enterStage(app, to, edition, this.clock.today(), this.clock.now());
      return { event: { to, maxAmountFen: result.maxAmountFen } };
    });
    return this.view(app);
  }

  /** Withdraws before a decision; frees the program for a new application. */
  async withdraw(principal: Principal, id: number): Promise<ApplicationView> {
    const app = await this.workflow.apply(principal, id, 'application.withdrawn', async (app, m) => {
      const from = app.status;
      // A reservation (or an award waiting for its pool's sharing) goes back to the pool.
      await this.budget.release(m, app.id, principal.userId);
      app.stageSince = this.clock.now();
      app.stageDue = null;
      app.status = 'withdrawn';
      app.activeKey = null;
      app.onceKey = null;
      app.withdrawnAt = this.clock.now();
      return { event: { from } };
    });
    return this.view(app);
  }
}
