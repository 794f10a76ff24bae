import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  addWorkingDays,
  cnCalendar,
  type Edition,
  factLabel,
  type ProgramId,
  type Facts,
  type ProgramScreening,
  screenValidated,
  workingDaysBetween,
} from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { type MatchEvent, type ReminderEvent } from '../audit/change-events.js';
import { ChangeRecorder, type StandaloneEvent } from '../audit/change-recorder.js';
import { EditionsService } from '../editions/editions.service.js';
import { FactsService } from '../facts/facts.service.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { RoundMatchEntity } from './round-match.entity.js';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';

/** A round as its module stores it. */
type RoundEntity = Awaited<ReturnType<RoundsService['all']>>[number];

/** Firms screened per batch: one facts query, one applications query, one opt-out query, the inserts. */
export const MATCH_BATCH_FIRMS = 500;
/** Working days before a supplement's deadline and a round's close that a reminder goes out. */
export const SUPPLEMENT_REMINDER_WORKING_DAYS = 2;
export const CLOSING_REMINDER_WORKING_DAYS = 3;

/** The statuses in which an application has been granted: the program is not offered again that year. */
const GRANTED = ['approved', 'paid', 'closed'] as const;

/** What a screening of a round did. */
export interface MatchSummary {
  roundId: number;
  firms: number;
  /** Events written (not counting those an earlier run wrote: their dedupe keys refuse them). */
  notified: number;
}

/** What a screening writes for a firm's program, or null for nothing. */
type Pick = (screening: ProgramScreening) => { missingFacts: string[] } | null;

/** Eligible, or undetermined for want of exactly one fact: what a firm is told of (免申即享). */
const nearlyEligible: Pick = (p) =>
  p.status === 'eligible'
    ? { missingFacts: [] }
    : p.status === 'undetermined' && p.missingFacts.length === 1
      ? { missingFacts: p.missingFacts.map(factLabel) }
      : null;

/** Eligible only: a round closing is worth a reminder for a firm that looks eligible. */
const eligibleOnly: Pick = (p) => (p.status === 'eligible' ? { missingFacts: [] } : null);

/** A returned application, as the reminder reads it from the applications table. */
interface DueRow {
  id: number | string;
  org_id: number | string;
  program_id: ProgramId;
  claim_year: number | string;
  edition_id: string;
  stage_due: string;
}

/**
 * Proactive matching (免申即享, 政策找企业): screens firms' latest facts against an open round's
 * programs with the shared rules and writes one outbox event per firm and program the firm looks
 * eligible for, or nearly (one fact missing), has not applied to, and whose members have not all
 * turned these off; and the daily reminders. Events are outbox rows with their own dedupe keys
 * (no change made them, so no audit entry): a rerun, a second instance or a retry never writes
 * one twice. Firms are read in batches (FactsService.latestUpTo): only a batch is ever held.
 */
@Injectable()
export class MatchingService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Matching');
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: FactsService,
    private readonly rounds: RoundsService,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
    private readonly changes: ChangeRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reacts once a round's or a firm's facts' change has committed (the timer catches what a crash missed). */
  onModuleInit(): void {
    if (!this.config.proactiveMatching) return;
    this.changes.onCommitted((committed) => {
      if (committed.action === 'round.created') this.track(this.matchRound(committed.event.roundId));
      else if (committed.action === 'facts.updated')
        this.track(this.matchFirm(committed.event.orgId, committed.event.claimYear));
    });
  }

  /** Lets running screenings finish before the database closes under them. */
  async onModuleDestroy(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Settles when every screening started by a change so far has finished (for tests and benchmarks). */
  async idle(): Promise<void> {
    await this.onModuleDestroy();
  }

  private track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.logger.error({ msg: 'proactive matching failed', err: String(error) }),
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }

  private isOpen(round: RoundEntity): boolean {
    const today = this.clock.today();
    return round.opens <= today && today <= round.closes;
  }

  private async editionOf(round: RoundEntity): Promise<Edition | null> {
    return (await this.editions.latestOf(round.editionId))?.edition ?? null;
  }

  /**
   * Screens every firm for the round when it is open today, and records that it was done; null
   * when it is not open (the timer takes it up on its first day). `write: false` screens and
   * looks up exactly as for real but writes nothing (the benchmark's baseline).
   */
  async matchRound(roundId: number, options: { write?: boolean } = {}): Promise<MatchSummary | null> {
    const round = (await this.rounds.all()).find((r) => r.id === roundId);
    if (!round || !this.isOpen(round)) return null;
    const edition = await this.editionOf(round);
    if (!edition) return null;
    const write = options.write ?? true;
    let firms = 0;
    let notified = 0;
    for await (const batch of this.facts.latestUpTo(round.claimYear, MATCH_BATCH_FIRMS)) {
      firms += batch.length;
      notified += await this.screenBatch(round, edition, batch, 'match', write);
    }
    if (write) {
      const repo = this.dataSource.getRepository(RoundMatchEntity);
      // Two instances may both finish a round: the first row stands.
      await repo
        .createQueryBuilder()
        .insert()
        .values({ roundId, matchedAt: this.clock.now(), firms, notified })
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    return { roundId, firms, notified };
  }

  /** The open rounds no screening has finished for, each screened (the periodic job). */
  async matchOpenRounds(): Promise<MatchSummary[]> {
    const done = new Set(
      (await this.dataSource.getRepository(RoundMatchEntity).find({ select: { roundId: true } })).map((r) => r.roundId),
    );
    const rounds = await this.rounds.all();
    const summaries: MatchSummary[] = [];
    for (const round of rounds.filter((r) => !done.has(r.id) && this.isOpen(r))) {
      const summary = await this.matchRound(round.id);
      if (summary) summaries.push(summary);
    }
    return summaries;
  }

  /** A firm's facts changed: screens it (alone) for every round of the claim year open today. */
  async matchFirm(orgId: number, claimYear: number): Promise<number> {
    const rounds = (await this.rounds.all()).filter((r) => r.claimYear === claimYear && this.isOpen(r));
    if (rounds.length === 0) return 0;
    const facts = await this.facts.latestOf(orgId, claimYear);
    if (!facts) return 0;
    let notified = 0;
    for (const round of rounds) {
      const edition = await this.editionOf(round);
      if (edition) notified += await this.screenBatch(round, edition, [{ orgId, facts }], 'match', true);
    }
    return notified;
  }

  /**
   * The day's reminders (the daily timer): a returned application whose supplement deadline is at
   * most two working days away, and a round closing within three working days for each firm that
   * looks eligible for a program of it and has not applied. Each is written once (its dedupe key
   * names the application or the firm, program and round, with the date), whenever the timer runs.
   */
  async sendReminders(): Promise<{ supplement: number; closing: number }> {
    return { supplement: await this.supplementReminders(), closing: await this.closingReminders() };
  }

  private async supplementReminders(): Promise<number> {
    const today = this.clock.today();
    const cal = cnCalendar();
    const until = addWorkingDays(today, SUPPLEMENT_REMINDER_WORKING_DAYS, cal);
    // The applications table read directly (a narrow, read-only query): the workflow module sits
    // above this one, which it cannot import without a cycle.
    const due = (await this.dataSource.query(
      'SELECT id, org_id, program_id, claim_year, edition_id, stage_due FROM applications' +
        " WHERE status = 'returned' AND stage_due > ? AND stage_due <= ? ORDER BY id",
      [today, until],
    )) as DueRow[];
    const events: StandaloneEvent[] = [];
    for (const app of due) {
      const [id, orgId, deadline] = [Number(app.id), Number(app.org_id), app.stage_due];
      const edition = (await this.editions.latestOf(app.edition_id))?.edition;
      events.push({
        action: 'notification.reminder',
        subject: { entity: 'application', id, orgId },
        dedupeKey: `reminder:supplement-due:${id}:${deadline}`,
        payload: {
          kind: 'supplement-due',
          orgId,
          applicationId: id,
          programId: app.program_id,
          programTitle: edition?.programs[app.program_id]?.title ?? app.program_id,
          claimYear: Number(app.claim_year),
          deadline,
          workingDaysLeft: workingDaysBetween(today, deadline, cal),
        },
      });
    }
    return this.changes.recordEvents(events);
  }

  private async closingReminders(): Promise<number> {
    const today = this.clock.today();
    const cal = cnCalendar();
    const until = addWorkingDays(today, CLOSING_REMINDER_WORKING_DAYS, cal);
    const rounds = (await this.rounds.all()).filter((r) => r.opens <= today && today < r.closes && r.closes <= until);
    let written = 0;
    for (const round of rounds) {
      const edition = await this.editionOf(round);
      if (!edition) continue;
      for await (const batch of this.facts.latestUpTo(round.claimYear, MATCH_BATCH_FIRMS))
        written += await this.screenBatch(round, edition, batch, 'closing', true);
    }
    return written;
  }

  /**
   * Screens a batch of firms for the round's programs and writes, for each firm and program
   * picked, not applied for and not opted out of, its event (in one transaction): the number
   * written, or for `write: false` the number that would be written were none written before.
   */
  private async screenBatch(
    round: RoundEntity,
    edition: Edition,
    firms: { orgId: number; facts: Facts }[],
    kind: 'match' | 'closing',
    write: boolean,
  ): Promise<number> {
    const pick = kind === 'match' ? nearlyEligible : eligibleOnly;
    const candidates: { orgId: number; program: ProgramScreening; missingFacts: string[] }[] = [];
    for (const { orgId, facts } of firms) {
      const { programs } = screenValidated(
        { claimYear: round.claimYear, facts, programs: round.programs },
        { editions: [edition] },
      );
      for (const program of programs) {
        const picked = pick(program);
        if (picked) candidates.push({ orgId, program, missingFacts: picked.missingFacts });
      }
    }
    if (candidates.length === 0) return 0;
    const orgIds = [...new Set(candidates.map((c) => c.orgId))];
    const [applied, reachable] = await Promise.all([
      this.appliedFor(orgIds, round.claimYear),
      this.reachableFirms(orgIds),
    ]);
    const today = this.clock.today();
    const workingDaysLeft = workingDaysBetween(today, round.closes, cnCalendar());
    const events: StandaloneEvent[] = [];
    for (const { orgId, program, missingFacts } of candidates) {
      if (!reachable.has(orgId) || applied.has(`${orgId}:${program.programId}`)) continue;
      const programTitle = edition.programs[program.programId]?.title ?? program.programId;
      if (kind === 'match') {
        const event: MatchEvent = {
          orgId,
          roundId: round.id,
          claimYear: round.claimYear,
          programId: program.programId,
          programTitle,
          maxAmountFen: program.maxAmountFen,
          missingFacts,
          closes: round.closes,
        };
        events.push({
          action: 'notification.match',
          subject: { entity: 'org', id: orgId, orgId },
          dedupeKey: `match:${round.id}:${orgId}:${program.programId}`,
          payload: event,
        });
      } else {
        const event: ReminderEvent = {
          kind: 'round-closing',
          orgId,
          roundId: round.id,
          claimYear: round.claimYear,
          programId: program.programId,
          programTitle,
          maxAmountFen: program.maxAmountFen,
          closes: round.closes,
          workingDaysLeft,
        };
        events.push({
          action: 'notification.reminder',
          subject: { entity: 'org', id: orgId, orgId },
          dedupeKey: `reminder:round-closing:${round.id}:${orgId}:${program.programId}:${round.closes}`,
          payload: event,
        });
      }
    }
    return write ? this.changes.recordEvents(events) : events.length;
  }

  /** `org:program` of each firm's application that takes the program off the list: active or granted this year, or a one-off's. */
  private async appliedFor(orgIds: number[], claimYear: number): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      `SELECT org_id, program_id FROM applications WHERE org_id IN (${orgIds.map(() => '?').join(', ')})` +
        ` AND ((claim_year = ? AND (active_key IS NOT NULL OR status IN (${GRANTED.map(() => '?').join(', ')})))` +
        ' OR once_key IS NOT NULL)',
      [...orgIds, claimYear, ...GRANTED],
    )) as { org_id: number | string; program_id: string }[];
    return new Set(rows.map((a) => `${Number(a.org_id)}:${a.program_id}`));
  }

  /**
   * The firms with a member who has not turned proactive matches off (no settings row: on). A
   * firm whose every member turned them off, or with no member at all, is told nothing.
   */
  private async reachableFirms(orgIds: number[]): Promise<Set<number>> {
    const rows = (await this.dataSource.query(
      'SELECT DISTINCT m.org_id AS org_id FROM memberships m LEFT JOIN notification_settings s ON s.user_id = m.user_id' +
        ` WHERE m.org_id IN (${orgIds.map(() => '?').join(', ')}) AND (s.user_id IS NULL OR s.proactive_matches = 1)`,
      orgIds,
    )) as { org_id: number | string }[];
    return new Set(rows.map((r) => Number(r.org_id)));
  }
}
