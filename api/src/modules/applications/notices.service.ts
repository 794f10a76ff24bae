import { Injectable, Logger } from '@nestjs/common';
import {
  cnCalendar,
  deadline,
  formatDateZh,
  type ObjectionRequest,
  type ObjectionRulingRequest,
  type ObjectionView,
  type PublicNotice,
  type PublicNoticeList,
  type PublicNoticeQuery,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { BudgetService } from '../budget/budget.service.js';
import { type EditionVersion, EditionsService } from '../editions/editions.service.js';
import { ApplicationChanges } from './application-changes.js';
import { ApplicationEntity } from './application.entity.js';
import { concludeNotice } from './notice-period.js';
import { ObjectionEntity, type ObjectionStatus } from './objection.entity.js';

/** How long a concluded notice stays on the public list (days after its end). */
export const CONCLUDED_NOTICE_SHOWN_DAYS = 30;

/** Where objections go, as the city publishes it with every notice. */
export const OBJECTIONS_TO =
  '对公示内容有异议的，请在公示期内登录“电商惠企通”，在该公示项下实名提出异议，写明姓名、联系电话、异议理由及依据；' +
  '聊城市商务投资促进局受理并书面答复，匿名异议不予受理。';

const OBJECTION_STATUS_LABELS: { readonly [S in ObjectionStatus]: string } = {
  open: '待处理',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

/** The statuses a notice stays listed in once it ended (the award decided and not taken back). */
const CONCLUDED: readonly ApplicationEntity['status'][] = ['approved', 'paid', 'closed'];

/** `days` calendar days before a YYYY-MM-DD date. */
const daysBefore = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export const objectionView = (o: ObjectionEntity): ObjectionView => ({
  id: o.id,
  applicationId: o.applicationId,
  status: o.status,
  statusLabel: OBJECTION_STATUS_LABELS[o.status],
  name: o.name,
  phone: o.phone,
  reason: o.reason,
  evidence: o.evidence,
  filedAt: o.filedAt.toISOString(),
  ruling:
    o.rulingReason !== null && o.ruledAt !== null ? { reason: o.rulingReason, at: o.ruledAt.toISOString() } : null,
});

/** A notice the timer found due but that was no longer due once its row was locked. */
class NoLongerDue extends Error {}

/**
 * Public notice (公示) and objections (异议): the list anyone can read, objections filed by a
 * signed-in user during the notice period, the city's ruling on them, and the timer that ends
 * the notices whose period is over.
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger('NoticesService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly workflow: ApplicationChanges,
    private readonly budget: BudgetService,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  /** No sign-in: the firm's name as submitted, the program and the award; nothing personal. */
  async list(query: PublicNoticeQuery): Promise<PublicNoticeList> {
    const today = this.clock.today();
    const qb = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where(
        "(a.status = 'notice' OR (a.status IN (:...concluded) AND a.notice_ends >= :cutoff))" +
          ' AND a.notice_starts IS NOT NULL AND a.notice_ends IS NOT NULL',
        { concluded: CONCLUDED, cutoff: daysBefore(today, CONCLUDED_NOTICE_SHOWN_DAYS) },
      );
    if (query.year !== undefined) qb.andWhere('a.claim_year = :year', { year: query.year });
    if (query.program !== undefined) qb.andWhere('a.program_id = :program', { program: query.program });
    const rows = await qb.orderBy('a.notice_ends', 'DESC').addOrderBy('a.id', 'ASC').getMany();
    const pinned = new Map<number, Promise<EditionVersion>>();
    const notices = await Promise.all(
      rows.map(async (a): Promise<PublicNotice> => {
        let version = pinned.get(a.editionVersionId);
        if (!version) pinned.set(a.editionVersionId, (version = this.editions.version(a.editionVersionId)));
        const program = (await version).edition.programs[a.programId];
        return {
          applicationId: a.id,
          firmName: a.orgName ?? '',
          programTitle: program?.title ?? a.programId,
          measure: program?.measure ?? 0,
          claimYear: a.claimYear,
          amountFen: a.awardFen ?? a.maxAmountFen ?? 0,
          starts: a.noticeStarts ?? '',
          ends: a.noticeEnds ?? '',
          open: a.status === 'notice' && today <= (a.noticeEnds ?? ''),
        };
      }),
    );
    // Those open to objections first; each group latest end first (the query's order, kept by a stable sort).
    notices.sort((x, y) => Number(y.open) - Number(x.open));
    return { notices, objectionsTo: OBJECTIONS_TO };
  }

  /** Any signed-in user, named, while the application is on notice and the period has not ended. */
  async file(principal: Principal, id: number, body: ObjectionRequest): Promise<ObjectionView> {
    let filed: ObjectionEntity | undefined;
    await this.workflow.apply(principal, id, 'application.objection-filed', async (app, m) => {
      const today = this.clock.today();
      if (app.noticeEnds === null || today > app.noticeEnds)
        throw new AppError(
          'INVALID_TRANSITION',
          app.noticeEnds === null
            ? '该申报不在公示期内，不能提出异议'
            : `公示期已于${formatDateZh(app.noticeEnds)}结束，不能再提出异议`,
          { from: app.status },
        );
      const repo = m.getRepository(ObjectionEntity);
      filed = await repo.save(
        repo.create({
          applicationId: app.id,
          filedBy: principal.userId,
          name: body.name,
          phone: body.phone,
          reason: body.reason,
          evidence: body.evidence,
          status: 'open',
          rulingReason: null,
          ruledBy: null,
          filedAt: this.clock.now(),
          ruledAt: null,
        }),
      );
      return { event: { objectionId: filed.id } };
    });
    if (!filed) throw new Error('the objection was not saved');
    return objectionView(filed);
  }

  /**
   * The city's ruling. Upheld: the award goes back to its pool and the application to the city's
   * review, its notice and award cleared (the other open objections to it are closed with it:
   * a new notice after the review starts afresh). Dismissed: the notice goes on.
   */
  async rule(principal: Principal, objectionId: number, body: ObjectionRulingRequest): Promise<ObjectionView> {
    const found = await this.dataSource.getRepository(ObjectionEntity).findOneBy({ id: objectionId });
    if (!found) throw notFound('异议');
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id: found.applicationId });
    const { edition } = await this.editions.version(app.editionVersionId);
    let ruled: ObjectionEntity | undefined;
    const rule = async (m: EntityManager): Promise<ObjectionEntity> => {
      const repo = m.getRepository(ObjectionEntity);
      const objection = await repo.findOneOrFail({
        where: { id: objectionId },
        ...(this.tx.lock ? { lock: this.tx.lock } : {}),
      });
      if (objection.status !== 'open')
        throw new AppError(
          'INVALID_TRANSITION',
          `该异议已处理（${OBJECTION_STATUS_LABELS[objection.status]}），不能重复处理`,
          // The application is on notice (the rule checked it); it is the objection that is decided.
          { from: 'notice' },
        );
      objection.status = body.outcome;
      objection.rulingReason = body.reason;
      objection.ruledBy = principal.userId;
      objection.ruledAt = this.clock.now();
      return repo.save(objection);
    };
    if (body.outcome === 'dismissed')
      await this.workflow.apply(principal, found.applicationId, 'application.objection-dismissed', async (_app, m) => {
        ruled = await rule(m);
        return { event: { objectionId } };
      });
    else
      await this.workflow.apply(principal, found.applicationId, 'application.objection-upheld', async (app, m) => {
        ruled = await rule(m);
        const others = await m.getRepository(ObjectionEntity).findBy({ applicationId: app.id, status: 'open' });
        for (const other of others) {
          other.status = 'upheld';
          other.rulingReason = `与异议${objectionId}一并处理：${body.reason}`.slice(0, 500);
          other.ruledBy = principal.userId;
          other.ruledAt = ruled.ruledAt;
        }
        await m.getRepository(ObjectionEntity).save(others);
        const hold = await this.budget.holdOf(m, app.id);
        const releasedFen = hold && hold.state === 'reserved' ? hold.amountFen : null;
        await this.budget.release(m, app.id, principal.userId);
        app.status = 'city-review';
        app.noticeStarts = null;
        app.noticeEnds = null;
        app.awardFen = null;
        app.awardReason = null;
        app.pendingApproval = null;
        app.stageSince = this.clock.now();
        app.stageDue = deadline(this.clock.today(), edition.review.cityWorkingDays, cnCalendar());
        return { event: { objectionId, releasedFen } };
      });
    if (!ruled) throw new Error('the ruling was not saved');
    return objectionView(ruled);
  }

  /**
   * The timer's one run: every notice whose last day is before today and that has no open
   * objection is concluded (the award committed, the application approved), each in a workflow
   * change of its own with the row locked and its status, end and objections read again under
   * the lock, so instances running this at once conclude each notice exactly once. Gives the ids
   * this run concluded.
   */
  async concludeDueNotices(): Promise<number[]> {
    const today = this.clock.today();
    const due = await this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .select(['a.id', 'a.editionVersionId'])
      .where("a.status = 'notice' AND a.notice_ends < :today", { today })
      .andWhere("NOT EXISTS (SELECT 1 FROM objections o WHERE o.application_id = a.id AND o.status = 'open')")
      .orderBy('a.id', 'ASC')
      .getMany();
    const concluded: number[] = [];
    for (const candidate of due) {
      try {
        const { edition } = await this.editions.version(candidate.editionVersionId);
        await this.workflow.apply('system', candidate.id, 'application.notice-ended', async (app, m) => {
          const open = await m.getRepository(ObjectionEntity).countBy({ applicationId: app.id, status: 'open' });
          if (app.noticeEnds === null || app.noticeEnds >= today || open > 0) throw new NoLongerDue();
          await this.budget.commit(m, app.id, null);
          concludeNotice(app, edition, today, this.clock.now());
          return { event: { awardFen: app.awardFen } };
        });
        concluded.push(candidate.id);
      } catch (error) {
        // Another instance concluded it first (the status re-read under the lock), or an
        // objection came in meanwhile: nothing to do. Anything else is logged, and the next run tries again.
        if (error instanceof NoLongerDue || (error instanceof AppError && error.code === 'INVALID_TRANSITION'))
          continue;
        this.logger.error({ msg: 'notice not concluded', applicationId: candidate.id, err: String(error) });
      }
    }
    return concluded;
  }
}
