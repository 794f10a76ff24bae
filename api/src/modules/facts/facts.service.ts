import { Injectable } from '@nestjs/common';
import {
  type FactChangeView,
  type FactName,
  type Facts,
  type FactsView,
  parseFacts,
  type Provenance,
  rosterOfFact,
  rosterOwnsFactMessage,
  YEARS,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { parseInteger } from '../../common/integers.js';
import { Transactions } from '../../database/transactions.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { FactChangeEntity, FactEntity } from './fact.entity.js';

/** The `year` query parameter: a calendar year as the shared rules read one (YEARS, 1900 to 9999). */
export const checkYear = (year: unknown): number => parseInteger(year, 'year', YEARS);

@Injectable()
export class FactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
    private readonly orgs: OrgsService,
  ) {}

  /** A firm's stored facts for a year, as the contract's Facts (already validated when stored). */
  async factsOf(
    orgId: number,
    claimYear: number,
    manager?: EntityManager,
  ): Promise<{ facts: Facts; rows: FactEntity[] }> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(FactEntity)
      .find({ where: { orgId, claimYear }, order: { name: 'ASC' } });
    const facts: Record<string, unknown> = {};
    for (const row of rows) facts[row.name] = row.value;
    return { facts: facts as Facts, rows };
  }

  /**
   * Every firm's facts of its latest year up to `maxYear` (a firm's newest figures stand in for a
   * year it has not reported yet), in firm order, `batchSize` firms at a time. The latest year is
   * chosen in SQL, and each batch is one query that reads only its firms' rows (keyset pagination
   * on the (org_id, claim_year, name) index): however many firms there are, only a batch is held,
   * and no query or connection is held between batches.
   */
  async *latestUpTo(maxYear: number, batchSize = 500): AsyncGenerator<{ orgId: number; facts: Facts }[]> {
    const q = (name: string) => this.dataSource.driver.escape(name);
    const [orgId, claimYear, name, value] = ['org_id', 'claim_year', 'name', 'value'].map(q) as [
      string,
      string,
      string,
      string,
    ];
    const table = q(this.dataSource.getMetadata(FactEntity).tableName);
    const sql =
      `SELECT f.${orgId} AS org_id, f.${name} AS name, f.${value} AS value FROM ${table} f JOIN (` +
      `SELECT ${orgId}, MAX(${claimYear}) AS latest FROM ${table} WHERE ${claimYear} <= ? AND ${orgId} > ?` +
      ` GROUP BY ${orgId} ORDER BY ${orgId} LIMIT ?` +
      `) l ON f.${orgId} = l.${orgId} AND f.${claimYear} = l.latest ORDER BY f.${orgId}`;
    for (let after = 0; ;) {
      const rows = (await this.dataSource.query(sql, [maxYear, after, batchSize])) as {
        org_id: number | string;
        name: string;
        value: string;
      }[];
      const firms: { orgId: number; facts: Facts }[] = [];
      let facts: Record<string, unknown> = {};
      for (const row of rows) {
        const id = Number(row.org_id);
        if (id !== after) {
          facts = {};
          firms.push({ orgId: id, facts: facts as Facts });
          after = id;
        }
        // The raw column: JSON text on both engines (mysql2 with jsonStrings), parsed once here.
        facts[row.name] = JSON.parse(row.value) as unknown;
      }
      if (firms.length > 0) yield firms;
      if (firms.length < batchSize) return;
    }
  }

  /** One firm's facts of its latest year up to `maxYear`, as latestUpTo reads every firm's; null: none. */
  async latestOf(orgId: number, maxYear: number): Promise<Facts | null> {
    const latest = await this.dataSource
      .getRepository(FactEntity)
      .createQueryBuilder('f')
      .select('MAX(f.claimYear)', 'year')
      .where('f.orgId = :orgId AND f.claimYear <= :maxYear', { orgId, maxYear })
      .getRawOne<{ year: number | string | null }>();
    if (latest?.year === null || latest?.year === undefined) return null;
    return (await this.factsOf(orgId, Number(latest.year))).facts;
  }

  /** One firm's facts of its latest year on file and that year, in the caller's transaction; null: none. */
  async latestWithYear(orgId: number, manager: EntityManager): Promise<{ facts: Facts; year: number } | null> {
    const latest = await manager
      .getRepository(FactEntity)
      .createQueryBuilder('f')
      .select('MAX(f.claimYear)', 'year')
      .where('f.orgId = :orgId', { orgId })
      .getRawOne<{ year: number | string | null }>();
    if (latest?.year === null || latest?.year === undefined) return null;
    const year = Number(latest.year);
    return { facts: (await this.factsOf(orgId, year, manager)).facts, year };
  }

  private view(orgId: number, claimYear: number, rows: FactEntity[], facts: Facts) {
    const provenance: Partial<Record<FactName, Provenance>> = {};
    let updatedAt: Date | null = null;
    for (const row of rows) {
      provenance[row.name] = row.provenance;
      if (!updatedAt || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
    }
    return { orgId, claimYear, facts, provenance, updatedAt: updatedAt?.toISOString() ?? null } satisfies FactsView;
  }

  async get(principal: Principal, orgId: number, claimYear: number): Promise<FactsView> {
    await this.access.requireAccess(principal, 'facts.read', { kind: 'org', orgId });
    const { facts, rows } = await this.factsOf(orgId, claimYear);
    return this.view(orgId, claimYear, rows, facts);
  }

  /**
   * Sets the given facts (null clears one), leaving the others as they are. Validated by the
   * shared contract first; every change gets a history row and an audit entry in the same
   * transaction, so a failure leaves nothing half-written.
   */
  async put(
    principal: Principal,
    orgId: number,
    claimYear: number,
    input: Record<string, unknown>,
    provenance: Provenance,
  ): Promise<FactsView> {
    const given = parseFacts(input) as Record<string, unknown>;
    const cleared = Object.keys(input).filter((k) => input[k] === null);

    return this.changes.recordChange(principal, 'facts.updated', async (m) => {
      await this.access.requireAccess(principal, 'facts.write', { kind: 'org', orgId }, m);
      await this.refuseRosterFacts(m, orgId, claimYear, Object.keys(input));
      const { before, after } = await this.write(m, orgId, claimYear, given, cleared, provenance, principal.userId);
      const { facts, rows } = await this.factsOf(orgId, claimYear, m);
      return {
        result: this.view(orgId, claimYear, rows, facts),
        // Setting facts to what they already are is no change: nothing to audit or announce.
        change:
          Object.keys(after).length > 0
            ? {
                subject: { entity: 'facts', id: `${orgId}:${claimYear}`, orgId },
                before,
                after,
                event: { orgId, claimYear, names: Object.keys(after) as FactName[] },
              }
            : null,
      };
    });
  }

  /**
   * A reviewer verified these facts of the firm's claim year against its materials (as they stand,
   * or corrected): the firm's facts take the values with the provenance `verified`, each change in
   * the facts' history. Runs in the caller's transaction (the review's change, which is audited).
   */
  async markVerified(
    m: EntityManager,
    orgId: number,
    claimYear: number,
    facts: Partial<Facts>,
    reviewerId: number,
  ): Promise<void> {
    // A count a roster derives stays the roster's (第九条): the reviewer's value stays on the application.
    const derived = await this.rosterFacts(orgId, claimYear, m);
    const values = Object.fromEntries(
      Object.entries(facts).filter(([name, v]) => v !== undefined && !derived.has(name as FactName)),
    );
    await this.write(m, orgId, claimYear, values, [], 'verified', reviewerId);
  }

  /** The firm's facts of the year a talent roster derives (provenance `roster`), with their values. */
  async rosterFacts(orgId: number, claimYear: number, manager?: EntityManager): Promise<Map<FactName, unknown>> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(FactEntity)
      .find({ where: { orgId, claimYear, provenance: 'roster' } });
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  /** A typed value for a fact a roster derives is refused, naming the field and the roster. */
  private async refuseRosterFacts(m: EntityManager, orgId: number, claimYear: number, names: string[]): Promise<void> {
    const derived = await this.rosterFacts(orgId, claimYear, m);
    const details = names.flatMap((name) => {
      const kind = rosterOfFact(name);
      return kind && derived.has(name as FactName)
        ? [{ field: `facts.${name}`, message: rosterOwnsFactMessage(kind) }]
        : [];
    });
    if (details.length > 0)
      throw new AppError(
        'INVALID_REQUEST',
        `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`,
        details,
      );
  }

  /**
   * 第九条: a talent roster's count written as the firm's fact (provenance `roster`), or cleared
   * when the roster has no rows left (the firm may then type it again). In the roster's
   * transaction; the before and after for its `facts.updated` change (empty: no change).
   */
  async deriveFromRoster(
    m: EntityManager,
    orgId: number,
    claimYear: number,
    name: FactName,
    value: number | null,
    userId: number,
  ): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
    return value === null
      ? this.write(m, orgId, claimYear, {}, [name], 'roster', userId)
      : this.write(m, orgId, claimYear, { [name]: value }, [], 'roster', userId);
  }

  /**
   * Sets (and clears) facts of the firm's year with one provenance, each change kept in the facts'
   * history; a fact set to the value and provenance it has is no change. The before and after of
   * what changed, by name.
   */
  private async write(
    m: EntityManager,
    orgId: number,
    claimYear: number,
    set: Record<string, unknown>,
    cleared: readonly string[],
    provenance: Provenance,
    userId: number,
  ): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
    const repo = m.getRepository(FactEntity);
    const existing = new Map((await this.lockedFacts(m, orgId, claimYear)).map((r) => [r.name as string, r]));
    const now = this.clock.now();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const changes: Partial<FactChangeEntity>[] = [];
    const record = (name: string, from: unknown, to: unknown): void => {
      before[name] = from;
      after[name] = to;
      changes.push({
        orgId,
        claimYear,
        name: name as FactName,
        before: from,
        after: to,
        provenance,
        changedBy: userId,
        changedAt: now,
      });
    };
    for (const [name, value] of Object.entries(set)) {
      const row = existing.get(name);
      if (row && JSON.stringify(row.value) === JSON.stringify(value) && row.provenance === provenance) continue;
      record(name, row?.value ?? null, value);
      await repo.save(
        Object.assign(row ?? repo.create({ orgId, claimYear, name: name as FactName }), {
          value,
          provenance,
          updatedBy: userId,
          updatedAt: now,
        }),
      );
    }
    for (const name of cleared) {
      const row = existing.get(name);
      if (!row) continue;
      record(name, row.value, null);
      await repo.delete(row.id);
    }
    if (changes.length > 0) {
      const history = m.getRepository(FactChangeEntity);
      await history.save(changes.map((c) => history.create(c)));
    }
    return { before, after };
  }

  /**
   * The firm's facts of the year, to change them: the firm's row is locked first, which is what
   * serialises two changes of its facts. Locking the fact rows alone did not: a firm's first facts
   * lock rows that do not exist yet, which MariaDB does with gap locks, and two new firms' gap locks
   * in one gap of the index each blocked the other's insert (a deadlock, answered 500).
   */
  private async lockedFacts(m: EntityManager, orgId: number, claimYear: number): Promise<FactEntity[]> {
    await this.orgs.lock(m, orgId, this.tx.lock);
    return m.getRepository(FactEntity).find({ where: { orgId, claimYear } });
  }

  async history(principal: Principal, orgId: number, claimYear: number): Promise<FactChangeView[]> {
    await this.access.requireAccess(principal, 'facts.read', { kind: 'org', orgId });
    const rows = await this.dataSource
      .getRepository(FactChangeEntity)
      .find({ where: { orgId, claimYear }, order: { id: 'DESC' }, take: 500 });
    return rows.map(
      (r) =>
        ({
          name: r.name,
          before: r.before,
          after: r.after,
          provenance: r.provenance,
          changedBy: r.changedBy,
          changedAt: r.changedAt.toISOString(),
        }) satisfies FactChangeView,
    );
  }
}
