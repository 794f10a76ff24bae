import { Injectable } from '@nestjs/common';
import {
  type ApplicationStatus,
  APPLICATION_STATUS_LABELS,
  type ApproveRequest,
  type BatchApproveResult,
  cnCalendar,
  type ConditionResult,
  countyName,
  deadline as workingDeadline,
  type Edition,
  evaluateValidated,
  type FactName,
  FACT_NAMES,
  type Facts,
  formatFen,
  HOLDS_POOL,
  type ObjectionView,
  parseFacts,
  type PaymentRequest,
  type ProgramEdition,
  type ProgramResult,
  type RejectRequest,
  type ReturnRequest,
  type ReviewActionId,
  type ReviewConditionView,
  type ReviewQueue,
  type ReviewQueueItem,
  type ReviewQueueQuery,
  REVIEW_STAGES,
  type ReviewView,
  type VerifyRequest,
} from '@huiqi/shared';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, invalid, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { BudgetService } from '../budget/budget.service.js';
import { Transactions } from '../../database/transactions.js';
import { EditionsService } from '../editions/editions.service.js';
import { FactsService } from '../facts/facts.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { ApplicationChanges, type StepResult } from './application-changes.js';
import { ApplicationEntity, type ConditionVerificationRecord, scopeOf } from './application.entity.js';
import { ApplicationsService } from './applications.service.js';
import { enterStage, startNotice } from './notice-period.js';
import { objectionView } from './notices.service.js';
import { ObjectionEntity } from './objection.entity.js';
import { stageOf } from './progress.js';

/** The reviewers' queue pages by this many. */
export const QUEUE_PAGE_SIZE = 20;

/** Besides the held statuses, an award fixed and waiting for its pool's sharing counts against a firm's cap. */
const AWARDED: readonly ApplicationStatus[] = ['allocation', ...HOLDS_POOL];

const isFactName = (name: string): name is FactName => (FACT_NAMES as readonly string[]).includes(name);

/** The stages each staff role acts in (REVIEW_STAGES); an administrator reads them all. */
const stagesOf = (role: Principal['role']): ApplicationStatus[] =>
  (Object.keys(REVIEW_STAGES) as (keyof typeof REVIEW_STAGES)[]).filter(
    (s) => role === 'admin' || (REVIEW_STAGES[s].role as string) === role,
  );

/** The 20% of local contribution (basis points) a program caps its award at, when it has that cap (measures 二, 六). */
const localCapBpOf = (program: ProgramEdition): number | null => {
  const parameter = (program.parameters as Record<string, { value: unknown } | undefined>)['localContributionCapBp'];
  return typeof parameter?.value === 'number' ? parameter.value : null;
};

/** The application's conditions as a reviewer works them: the rules on the verified facts, review verdicts applied. */
interface Reviewed {
  facts: Facts;
  result: ProgramResult;
  /** Conditions with the reviewer's met/unmet for those only a reviewer decides. */
  conditions: ConditionResult[];
  /** Ids of the conditions the rules leave to a reviewer. */
  reviewOnly: Set<string>;
}

/** The reviewers' work on an application, stage by stage, each change through ApplicationChanges. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly workflow: ApplicationChanges,
    private readonly applications: ApplicationsService,
    private readonly editions: EditionsService,
    private readonly budget: BudgetService,
    private readonly clock: Clock,
    private readonly facts: FactsService,
    private readonly orgs: OrgsService,
    private readonly tx: Transactions,
    private readonly rounds: RoundsService,
  ) {}

  private programOf(edition: Edition, app: ApplicationEntity): ProgramEdition {
    const program = edition.programs[app.programId];
    if (!program) throw new Error(`edition ${edition.id} has no program ${app.programId}`);
    return program as ProgramEdition;
  }

  private reviewed(app: ApplicationEntity, edition: Edition): Reviewed {
    const facts = { ...app.factsSnapshot, ...(app.verifiedFacts ?? {}) } as Facts;
    const response = evaluateValidated(
      { claimYear: app.claimYear, facts, programs: [app.programId] },
      { editions: [edition] },
    );
    // Results may share frozen parts: a copy to overlay.
    const result = JSON.parse(JSON.stringify(response.programs[0])) as ProgramResult;
    const reviewOnly = new Set(result.conditions.filter((c) => c.status === 'review').map((c) => c.id));
    const conditions = result.conditions.map((c) => {
      const verdict = app.verification?.[c.id]?.verdict;
      if (c.status === 'review' && (verdict === 'met' || verdict === 'unmet')) return { ...c, status: verdict };
      return c;
    });
    return { facts, result: { ...result, conditions }, conditions, reviewOnly };
  }

  /**
   * The most the award can be: the rules' maximum on the verified facts and, where the edition
   * caps 20% of local contribution per enterprise, that 20% less the firm's other awards of the
   * claim year in programs with the cap (measures 二 and 六).
   */
  private async maxAward(
    m: EntityManager,
    app: ApplicationEntity,
    edition: Edition,
    reviewed: Reviewed,
    locking = false,
  ): Promise<number | null> {
    const max = reviewed.result.maxAmountFen;
    if (max === null || edition.review.localContributionCapScope.value !== 'per-enterprise') return max;
    const bp = localCapBpOf(this.programOf(edition, app));
    const local = reviewed.facts.localContributionFen;
    if (bp === null || local === undefined) return max;
    const capped = (Object.keys(edition.programs) as (keyof Edition['programs'])[]).filter((id) => {
      const program = edition.programs[id];
      return program !== undefined && localCapBpOf(program as ProgramEdition) !== null;
    });
    // At approval a locking read: MariaDB's plain reads see the transaction's snapshot, which can
    // predate another approval of this firm committed while this one waited for the firm's lock.
    const others = await m.getRepository(ApplicationEntity).find({
      select: { id: true, awardFen: true },
      where: { orgId: app.orgId, claimYear: app.claimYear, programId: In(capped), status: In(AWARDED) },
      ...(locking && this.tx.lock ? { lock: this.tx.lock } : {}),
    });
    const taken = others.filter((o) => o.id !== app.id).reduce((sum, o) => sum + BigInt(o.awardFen ?? 0), 0n);
    // Integer arithmetic: fen times basis points can pass 2^53.
    const room = (BigInt(local) * BigInt(bp)) / 10_000n - taken;
    return Number(room <= 0n ? 0n : room < BigInt(max) ? room : BigInt(max));
  }

  private async objectionsOf(applicationId: number): Promise<ObjectionView[]> {
    const rows = await this.dataSource
      .getRepository(ObjectionEntity)
      .find({ where: { applicationId }, order: { id: 'ASC' } });
    return rows.map(objectionView);
  }

  /** `GET /applications/:id/review`: staff who review it or pay it read it; others are told it does not exist. */
  async get(principal: Principal, id: number): Promise<ReviewView> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    if (!app) throw notFound('申报');
    await this.access.requireAccess(principal, 'review.read', { kind: 'application', application: scopeOf(app) });
    const pinned = await this.editions.version(app.editionVersionId);
    const { edition } = pinned;
    const program = this.programOf(edition, app);
    const reviewed = this.reviewed(app, edition);
    const [application, maxAwardFen, objections, decision] = await Promise.all([
      this.applications.view(app, pinned),
      this.maxAward(this.dataSource.manager, app, edition, reviewed),
      this.objectionsOf(app.id),
      this.access.decisionFor(principal, 'review.act', { kind: 'application', application: scopeOf(app) }),
    ]);
    const conditions: ReviewConditionView[] = reviewed.conditions.map((c) => {
      const v = app.verification?.[c.id];
      return {
        id: c.id,
        clause: c.clause,
        status: c.status,
        explanation: c.explanation,
        facts: c.facts,
        materialIds: program.materials.filter((x) => x.proves.includes(c.id)).map((x) => x.id),
        verification: v
          ? { verdict: v.verdict, note: v.note, materialIds: v.materialIds, byRole: v.byRole, stage: v.stage, at: v.at }
          : null,
      };
    });
    const pending = app.pendingApproval;
    const blockedReason = decision.outcome === 'forbidden' ? decision.reason : null;
    return {
      application,
      evaluation: reviewed.result,
      verifiedFacts: reviewed.facts,
      conditions,
      maxAwardFen,
      secondApprovalAboveFen: edition.review.secondApprovalAboveFen,
      pendingApproval: pending
        ? {
            awardFen: pending.awardFen,
            reason: pending.reason,
            byRole: pending.byRole,
            at: pending.at,
            byCaller: pending.byUserId === principal.userId,
          }
        : null,
      objections,
      actions:
        decision.outcome === 'allow'
          ? actionsAt(
              app,
              principal,
              objections.some((o) => o.status === 'open'),
            )
          : [],
      blockedReason,
    };
  }

  /** Stores each condition's verification and merges corrected facts into the verified facts. */
  async verify(principal: Principal, id: number, body: VerifyRequest): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.verified', async (app, m) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      const program = this.programOf(edition, app);
      const { result, reviewOnly } = this.reviewed(app, edition);
      const verification = { ...(app.verification ?? {}) };
      const corrected: Partial<Record<FactName, unknown>> = { ...(app.verifiedFacts ?? {}) };
      const correctedNames = new Set<FactName>();
      body.conditions.forEach((entry, i) => {
        const at = `conditions[${i}]`;
        const condition = result.conditions.find((c) => c.id === entry.conditionId);
        if (!condition) throw invalid(`${at}.conditionId`, '不是该申报的条件编号');
        const decides = reviewOnly.has(condition.id);
        if (decides !== (entry.verdict === 'met' || entry.verdict === 'unmet'))
          throw invalid(
            `${at}.verdict`,
            decides
              ? '该条件由审核人员认定，只能是 met（符合）或 unmet（不符合）'
              : '只能是 confirmed（属实）或 corrected（更正）',
          );
        let facts: Partial<Facts> | null = null;
        if (entry.verdict === 'corrected') {
          const names = Object.keys(entry.facts ?? {});
          if (names.length === 0) throw invalid(`${at}.facts`, '更正时请填写核实后的数据');
          const outside = names.find((n) => !(condition.facts as readonly string[]).includes(n));
          if (outside !== undefined) throw invalid(`${at}.facts.${outside}`, '不是该条件所依据的数据');
          facts = parseFacts(entry.facts, `${at}.facts`);
          for (const [name, value] of Object.entries(facts))
            if (isFactName(name)) {
              corrected[name] = value;
              correctedNames.add(name);
            }
        }
        const unknownMaterial = (entry.materialIds ?? []).find((mid) => !program.materials.some((x) => x.id === mid));
        if (unknownMaterial !== undefined) throw invalid(`${at}.materialIds`, `不是该项目的材料：${unknownMaterial}`);
        verification[condition.id] = {
          verdict: entry.verdict,
          facts,
          materialIds: entry.materialIds ?? [],
          note: entry.note?.trim() || null,
          byUserId: principal.userId,
          byRole: principal.role,
          stage: app.status,
          at: this.clock.now().toISOString(),
        } satisfies ConditionVerificationRecord;
      });
      app.verification = verification;
      if (correctedNames.size > 0) app.verifiedFacts = corrected as Facts;
      // The facts the confirmed or corrected conditions read are the firm's, verified by a reviewer.
      const verifiedNow = this.reviewed(app, edition).facts;
      const read = new Set(
        body.conditions
          .filter((c) => c.verdict === 'confirmed' || c.verdict === 'corrected')
          .flatMap((c) => result.conditions.find((x) => x.id === c.conditionId)?.facts ?? []),
      );
      const values = Object.fromEntries(
        [...read].filter((n) => verifiedNow[n] !== undefined).map((n) => [n, verifiedNow[n]]),
      ) as Partial<Facts>;
      await this.facts.markVerified(m, app.orgId, app.claimYear, values, principal.userId);
      return {
        event: { conditions: body.conditions.map((c) => c.conditionId), correctedFacts: [...correctedNames] },
      };
    });
    return this.get(principal, id);
  }

  /**
   * Passes the stage: the county's to the city; the city's fixes the award and reserves it (or
   * waits for the pool's sharing, or asks a second approver first); finance's puts it on notice.
   */
  async approve(principal: Principal, id: number, body: ApproveRequest, batch = false): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.approved', async (app, m) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      const from = app.status;
      const today = this.clock.today();
      const now = this.clock.now();
      if (from !== 'city-review' && (body.awardFen !== undefined || body.reason !== undefined))
        throw invalid('awardFen', '只有市级复审时核定金额');
      if (from === 'submitted') enterStage(app, 'city-review', edition, today, now);
      else if (from === 'finance-review') startNotice(app, edition, today);
      else return this.cityApproval(principal, app, m, edition, body, batch);
      return { event: { from, to: app.status, awardFen: app.awardFen, pending: false, confirmed: false } };
    });
    return this.get(principal, id);
  }

  private async cityApproval(
    principal: Principal,
    app: ApplicationEntity,
    m: EntityManager,
    edition: Edition,
    body: ApproveRequest,
    batch: boolean,
  ): Promise<StepResult<'application.approved'>> {
    const reviewed = this.reviewed(app, edition);
    const open = reviewed.conditions
      .filter((c) => c.status !== 'met' || app.verification?.[c.id] === undefined)
      .map((c) => ({
        id: c.id,
        clause: c.clause,
        problem: c.status === 'unmet' ? ('unmet' as const) : ('unverified' as const),
      }));
    if (open.length > 0) {
      const unmet = open.filter((c) => c.problem === 'unmet').length;
      throw new AppError(
        'NOT_VERIFIED',
        unmet > 0
          ? `有${unmet}项条件核实为不符合，不能审核通过；请驳回或退回补正`
          : `还有${open.length}项条件未核实，请逐项核实后再审核通过`,
        { conditions: open },
      );
    }
    // One firm's awards are decided one at a time where they share a cap: two city reviewers
    // approving its 二 and 六 at once would each see the other's award not yet written.
    if (edition.review.localContributionCapScope.value === 'per-enterprise')
      await this.orgs.lock(m, app.orgId, this.tx.lock);
    const max = (await this.maxAward(m, app, edition, reviewed, true)) ?? 0;
    const threshold = edition.review.secondApprovalAboveFen;
    const pending = app.pendingApproval;
    let award: number;
    let reason: string | null;
    let confirmed = false;
    if (pending) {
      if (pending.byUserId === principal.userId)
        throw new AppError('FORBIDDEN', '该金额已由您审核通过，需由另一位市级审核人员复核确认');
      if (body.awardFen !== undefined && body.awardFen !== pending.awardFen)
        throw invalid('awardFen', `复核确认的金额须与初审金额${formatFen(pending.awardFen)}一致`);
      award = pending.awardFen;
      reason = pending.reason;
      confirmed = true;
    } else {
      award = body.awardFen ?? max;
      reason = body.reason?.trim() || null;
    }
    if (max === 0)
      throw new AppError('CONFLICT', '按核实后的数据可核定金额为0元，不能审核通过；请驳回并写明理由', [
        { field: 'awardFen', message: '可核定金额为0元（如对地方贡献数20%的限额已由本企业其他奖补用完）' },
      ]);
    if (award > max) throw invalid('awardFen', `核定金额不能高于上限${formatFen(max)}`);
    if (award < max && reason === null) throw invalid('reason', '核定金额低于上限时请写明理由');
    if (!pending && award > threshold) {
      if (batch) throw new AppError('FORBIDDEN', `金额超过${formatFen(threshold)}，需两人审批，不能批量审核`);
      app.pendingApproval = {
        awardFen: award,
        reason,
        byUserId: principal.userId,
        byRole: principal.role,
        at: this.clock.now().toISOString(),
      };
      return { event: { from: 'city-review', to: 'city-review', awardFen: award, pending: true, confirmed: false } };
    }
    // Submitted before rounds existed: it draws on the latest round of its year that takes its program.
    app.roundId ??= await this.rounds.roundTaking(m, app.claimYear, app.programId);
    app.awardFen = award;
    app.awardReason = award < max ? reason : null;
    app.pendingApproval = null;
    const program = this.programOf(edition, app);
    const held = await this.budget.reserve(m, {
      roundId: app.roundId,
      poolId: program.poolId,
      applicationId: app.id,
      amountFen: award,
      actorId: principal.userId,
    });
    const today = this.clock.today();
    const now = this.clock.now();
    if (held === 'waiting') enterStage(app, 'allocation', edition, today, now);
    else if (program.financeReview.value) enterStage(app, 'finance-review', edition, today, now);
    else startNotice(app, edition, today);
    return { event: { from: 'city-review', to: app.status, awardFen: award, pending: false, confirmed } };
  }

  /** 退回补正: what to supplement (each item naming a condition, material or fact of the application), by when. */
  async returnForSupplement(principal: Principal, id: number, body: ReturnRequest): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.returned', async (app) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      const program = this.programOf(edition, app);
      const conditionIds = new Set(this.reviewed(app, edition).conditions.map((c) => c.id));
      body.items.forEach((item, i) => {
        const known =
          item.kind === 'condition'
            ? conditionIds.has(item.id)
            : item.kind === 'material'
              ? program.materials.some((x) => x.id === item.id)
              : isFactName(item.id);
        if (!known)
          throw invalid(
            `items[${i}].id`,
            `不是该申报的${{ condition: '条件', material: '材料', fact: '数据项' }[item.kind]}`,
          );
      });
      const today = this.clock.today();
      const due = body.deadline ?? supplementDeadline(edition, today);
      if (due <= today) throw invalid('deadline', '补正期限须晚于今天');
      const from = app.status as 'submitted' | 'city-review';
      app.returned = {
        from,
        items: body.items.map((x) => ({ kind: x.kind, id: x.id, reason: x.reason.trim() })),
        deadline: due,
        at: this.clock.now().toISOString(),
        byRole: principal.role,
      };
      app.status = 'returned';
      app.stageSince = this.clock.now();
      app.stageDue = due;
      app.pendingApproval = null;
      return { event: { from, items: body.items.length, deadline: due } };
    });
    return this.get(principal, id);
  }

  /** Not approved, with the reason the firm reads; a reservation goes back to the pool. */
  async reject(principal: Principal, id: number, body: RejectRequest): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.rejected', async (app, m) => {
      const from = app.status;
      await this.budget.release(m, app.id, principal.userId);
      app.status = 'rejected';
      app.rejectionReason = body.reason.trim();
      app.stageSince = this.clock.now();
      app.stageDue = null;
      app.pendingApproval = null;
      // Ended without an award: the program is free for a new application, as after a withdrawal.
      app.activeKey = null;
      app.onceKey = null;
      return { event: { from, reason: app.rejectionReason } };
    });
    return this.get(principal, id);
  }

  /** 拨付: finance records the voucher of a committed award. */
  async pay(principal: Principal, id: number, body: PaymentRequest): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.paid', async (app, m) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      const today = this.clock.today();
      if (body.paidOn > today) throw invalid('paidOn', '拨付日期不能晚于今天');
      if (app.noticeEnds !== null && body.paidOn < app.noticeEnds)
        throw invalid('paidOn', `拨付日期不能早于公示结束日${app.noticeEnds}`);
      await this.budget.pay(m, app.id, principal.userId);
      app.voucherNo = body.voucherNo.trim();
      app.paidOn = body.paidOn;
      enterStage(app, 'paid', edition, today, this.clock.now());
      return { event: { amountFen: app.awardFen ?? 0, paidOn: body.paidOn } };
    });
    return this.get(principal, id);
  }

  /** 办结. */
  async close(principal: Principal, id: number): Promise<ReviewView> {
    await this.workflow.apply(principal, id, 'application.closed', async (app) => {
      const { edition } = await this.editions.version(app.editionVersionId);
      enterStage(app, 'closed', edition, this.clock.today(), this.clock.now());
      return { event: {} };
    });
    return this.get(principal, id);
  }

  /**
   * The caller's queue: the stages their role acts in, their county only for a county reviewer,
   * in deadline order (earliest first unless `-deadline`), with the count at each of their stages
   * under the same scope and filters (but the stage).
   */
  async queue(principal: Principal, query: ReviewQueueQuery): Promise<ReviewQueue> {
    if (principal.role === 'applicant') throw new AppError('FORBIDDEN', '只有工作人员可以查看审核队列');
    const mine = stagesOf(principal.role);
    const stages = query.stage === undefined ? mine : mine.filter((s) => s === query.stage);
    const page = query.page ?? 1;
    const today = this.clock.today();
    /** The caller's scope and every filter but the stage. */
    const scoped = (qb: SelectQueryBuilder<ApplicationEntity>): SelectQueryBuilder<ApplicationEntity> => {
      if (principal.role === 'county-reviewer') qb.andWhere('a.org_county = :own', { own: principal.county ?? '' });
      if (query.county !== undefined) qb.andWhere('a.org_county = :county', { county: query.county });
      if (query.program !== undefined) qb.andWhere('a.program_id = :program', { program: query.program });
      if (query.roundId !== undefined) qb.andWhere('a.round_id = :roundId', { roundId: query.roundId });
      if (query.overdue === 'true') qb.andWhere('a.stage_due < :today', { today });
      if (query.overdue === 'false') qb.andWhere('(a.stage_due IS NULL OR a.stage_due >= :today)', { today });
      return qb;
    };
    const repository = this.dataSource.getRepository(ApplicationEntity);
    const counted =
      mine.length === 0
        ? []
        : await scoped(
            repository
              .createQueryBuilder('a')
              .select('a.status', 'status')
              .addSelect('COUNT(*)', 'count')
              .where('a.status IN (:...mine)', { mine }),
          )
            .groupBy('a.status')
            .getRawMany<{ status: ApplicationStatus; count: number | string }>();
    const counts = mine.map((stage) => ({
      stage,
      label: APPLICATION_STATUS_LABELS[stage],
      // mysql2 answers COUNT(*) as a string.
      count: Number(counted.find((row) => row.status === stage)?.count ?? 0),
    }));
    if (stages.length === 0) return { items: [], total: 0, page, pageSize: QUEUE_PAGE_SIZE, counts };
    const qb = scoped(
      repository.createQueryBuilder('a').select(['a.id', 'a.stageDue']).where('a.status IN (:...stages)', { stages }),
    );
    // Sorted here: the engines disagree where NULL (no deadline) sorts; those go last either way.
    const direction = query.sort === '-deadline' ? -1 : 1;
    const keys = (await qb.getMany()).sort((x, y) => {
      if (x.stageDue === null || y.stageDue === null) {
        return (x.stageDue === null ? 1 : 0) - (y.stageDue === null ? 1 : 0) || x.id - y.id;
      }
      return direction * x.stageDue.localeCompare(y.stageDue) || x.id - y.id;
    });
    const ids = keys.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map((k) => k.id);
    const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(ApplicationEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items: ReviewQueueItem[] = [];
    for (const appId of ids) {
      const a = byId.get(appId);
      if (!a) continue;
      const { edition } = await this.editions.version(a.editionVersionId);
      const program = edition.programs[a.programId];
      const openObjections =
        a.noticeStarts === null
          ? 0
          : await this.dataSource.getRepository(ObjectionEntity).countBy({ applicationId: a.id, status: 'open' });
      const stage = stageOf(a, today);
      if (!stage || a.orgCounty === null) continue;
      items.push({
        applicationId: a.id,
        firmName: a.orgName ?? '',
        county: a.orgCounty,
        countyName: countyName(a.orgCounty),
        programId: a.programId,
        programTitle: program?.title ?? a.programId,
        measure: program?.measure ?? 0,
        claimYear: a.claimYear,
        roundId: a.roundId,
        status: a.status,
        statusLabel: APPLICATION_STATUS_LABELS[a.status],
        stage,
        maxAmountFen: a.maxAmountFen,
        awardFen: a.awardFen,
        submittedAt: (a.submittedAt ?? a.createdAt).toISOString(),
        awaitingSecondApproval: a.pendingApproval !== null,
        openObjections,
      });
    }
    return { items, total: keys.length, page, pageSize: QUEUE_PAGE_SIZE, counts };
  }

  /**
   * Approves each application on its own (its own transaction): only approvals that need no
   * input (the county's, finance's, the city's at the maximum with every condition verified and
   * no second approver needed). Each result is reported; one refusal stops none of the others.
   */
  async batchApprove(principal: Principal, ids: number[]): Promise<BatchApproveResult> {
    const results: BatchApproveResult['results'] = [];
    for (const applicationId of ids) {
      try {
        const view = await this.approve(principal, applicationId, {}, true);
        results.push({ applicationId, ok: true, status: view.application.status, error: null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ applicationId, ok: false, status: null, error: { code: error.code, message: error.message } });
      }
    }
    const approved = results.filter((r) => r.ok).length;
    return { results, approved, refused: results.length - approved };
  }
}

/** The default last day to resubmit: the edition's supplement period in working days. */
const supplementDeadline = (edition: Edition, today: string): string =>
  workingDeadline(today, edition.review.supplementWorkingDays, cnCalendar());

/** What the caller (allowed to act at the stage) can do now. */
const actionsAt = (app: ApplicationEntity, principal: Principal, openObjections: boolean): ReviewActionId[] => {
  switch (app.status) {
    case 'submitted':
      return ['verify', 'approve', 'return', 'reject'];
    case 'city-review': {
      const pending = app.pendingApproval;
      if (pending === null) return ['verify', 'approve', 'return', 'reject'];
      return pending.byUserId === principal.userId
        ? ['verify', 'return', 'reject']
        : ['verify', 'confirm-approval', 'return', 'reject'];
    }
    case 'allocation':
    case 'returned':
      return ['reject'];
    case 'finance-review':
      return ['approve', 'reject'];
    case 'notice':
      return openObjections ? ['rule-objection'] : [];
    case 'approved':
      return ['pay'];
    case 'paid':
      return ['close'];
    default:
      return [];
  }
};
