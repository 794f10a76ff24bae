import { Injectable, Logger } from '@nestjs/common';
import {
  describeApplicationWindow,
  describePrograms,
  type Edition,
  type EditionView,
  loadEdition,
  type ProgramCatalogue,
  type ProgramWithWindow,
} from '@huiqi/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { contentHash } from './content-hash.js';
import { EditionContentEntity, EditionEntity, EditionVersionEntity } from './edition.entity.js';

/** How often an instance asks whether another one has published. */
const CHECK_EVERY_MS = 1000;

const view = (row: EditionEntity, edition: Edition, published: EditionVersion | null) =>
  ({
    id: row.id,
    title: edition.title,
    claimYear: row.claimYear,
    status: row.status,
    demo: row.demo,
    version: published?.version ?? null,
    contentHash: published?.contentHash ?? null,
    validFrom: edition.validFrom,
    validTo: edition.validTo,
    applicationWindow: edition.applicationWindow ?? null,
    applicationNotice: describeApplicationWindow(edition),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  }) satisfies EditionView;

/** One published version of an edition, its content validated by the shared schema. */
export interface EditionVersion {
  /** The version row's id: what an application records. */
  id: number;
  editionId: string;
  version: number;
  contentHash: string;
  edition: Edition;
}

/** Every published version, and which of them are in force. */
interface Catalogue {
  /** Changes whenever a version is added, on any instance (see `key`). */
  key: string;
  versions: ReadonlyMap<number, EditionVersion>;
  /** Each edition's latest version, in the order the editions were first published. */
  current: readonly EditionVersion[];
}

/**
 * Published editions as immutable versions. A version's content is stored once under its hash
 * and never rewritten; a new publication of an edition (the package shipping different content
 * for a built-in edition) is a new version. Applications read the version they recorded; the
 * edition in force for a claim year is the latest version of the edition published last for
 * that year (by its first publication).
 *
 * The versions are read once and kept. A publication through this instance is seen at once; one
 * through another instance within a second: at most once a second a cheap query (how many
 * versions, the highest id) asks whether any instance has published since. Checking before every
 * request cost 11% of the eligibility route's throughput on SQLite (docs/workflow.md).
 */
@Injectable()
export class EditionsService {
  private readonly logger = new Logger('EditionsService');
  private catalogueRead: Promise<Catalogue> | null = null;
  private keyRead: Promise<string> | null = null;
  /** When the key was last compared (the app's clock, ms); null: compare at the next use. */
  private checkedAt: number | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(EditionEntity);
  }

  /**
   * Versions are only ever added, so their count and highest id change with every publication,
   * including one whose id was taken before another's but committed after it. Requests that
   * arrive while a check is on its way share it: under load the check costs one small query at a
   * time, not one a request.
   */
  private key(): Promise<string> {
    this.keyRead ??= this.dataSource
      .query('SELECT COUNT(*) AS n, MAX(id) AS last FROM edition_versions')
      .then(
        (rows: { n: number | string; last: number | string | null }[]) => `${rows[0]?.n ?? 0}:${rows[0]?.last ?? ''}`,
      )
      .finally(() => (this.keyRead = null));
    return this.keyRead;
  }

  private async catalogue(): Promise<Catalogue> {
    const now = this.clock.now().getTime();
    const cached = this.catalogueRead && (await this.catalogueRead.catch(() => null));
    const fresh = this.checkedAt !== null && now >= this.checkedAt && now - this.checkedAt < CHECK_EVERY_MS;
    if (cached && fresh) return cached;
    const key = await this.key();
    this.checkedAt = now;
    if (cached?.key === key) return cached;
    const read = this.read(key, cached?.versions ?? new Map());
    this.catalogueRead = read;
    // A failed read is not kept.
    read.catch(() => {
      if (this.catalogueRead === read) this.catalogueRead = null;
    });
    return read;
  }

  private async read(key: string, known: ReadonlyMap<number, EditionVersion>): Promise<Catalogue> {
    const rows = await this.dataSource.getRepository(EditionVersionEntity).find({ order: { id: 'ASC' } });
    // Versions never change: only those not read before are loaded and validated.
    const missing = [...new Set(rows.filter((r) => !known.has(r.id)).map((r) => r.contentHash))];
    const contents = missing.length
      ? await this.dataSource.getRepository(EditionContentEntity).findBy({ contentHash: In(missing) })
      : [];
    const documents = new Map(contents.map((c) => [c.contentHash, c.document]));
    const versions = new Map<number, EditionVersion>();
    for (const r of rows)
      versions.set(
        r.id,
        known.get(r.id) ?? {
          id: r.id,
          editionId: r.editionId,
          version: r.version,
          contentHash: r.contentHash,
          edition: loadEdition(documents.get(r.contentHash)),
        },
      );
    const latest = new Map<string, EditionVersion>();
    for (const v of versions.values())
      if ((latest.get(v.editionId)?.version ?? 0) < v.version) latest.set(v.editionId, v);
    const editions = await this.repo.find({
      select: { id: true },
      where: { status: 'published' },
      order: { publishedAt: 'ASC', id: 'ASC' },
    });
    const current = editions.flatMap((e) => {
      const v = latest.get(e.id);
      return v ? [v] : [];
    });
    return { key, versions, current };
  }

  /** After a publication through this instance: the next use reads the versions again. */
  forget(): void {
    this.checkedAt = null;
  }

  /** Published editions in force (each edition's latest version), in publication order. */
  async publishedEditions(): Promise<readonly Edition[]> {
    return (await this.catalogue()).current.map((v) => v.edition);
  }

  /** The version in force for a claim year: the latest version of the edition published last for it. */
  async inForce(claimYear: number): Promise<EditionVersion> {
    const { current } = await this.catalogue();
    for (let i = current.length - 1; i >= 0; i--)
      if ((current[i] as EditionVersion).edition.claimYear === claimYear) return current[i] as EditionVersion;
    throw new AppError('NO_EDITION', `${claimYear}年度没有施行中的政策版本`, [
      { field: 'year', message: `${claimYear}年度没有施行中的政策版本` },
    ]);
  }

  async forYear(claimYear: number): Promise<Edition> {
    return (await this.inForce(claimYear)).edition;
  }

  /**
   * A version by its id, as an application recorded it. A version never changes, so one already
   * read is answered without the freshness check: the workflow asks for it inside its transaction,
   * and the check's query, on a pool connection of its own, waited forever for one when every
   * connection was held by such a transaction (MariaDB, 10+ approvals at once; bench/pool.mjs).
   */
  async version(id: number): Promise<EditionVersion> {
    const known = this.catalogueRead && (await this.catalogueRead.catch(() => null))?.versions.get(id);
    if (known) return known;
    const version = (await this.catalogue()).versions.get(id);
    if (!version) throw new Error(`edition version ${id} does not exist`);
    return version;
  }

  /**
   * Locks an edition's row for the rest of the caller's transaction (MariaDB; SQLite's writers
   * are serialised anyway): what is added up against the edition (rounds' pools) is then stable.
   */
  async lockEdition(m: EntityManager, editionId: string): Promise<void> {
    if (m.connection.options.type === 'better-sqlite3') return;
    await m.getRepository(EditionEntity).findOne({ where: { id: editionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The latest published version of an edition, or null if it has none. */
  async latestOf(editionId: string): Promise<EditionVersion | null> {
    return (await this.catalogue()).current.find((v) => v.editionId === editionId) ?? null;
  }

  /**
   * Adds a version of an edition, inside the caller's transaction, with the edition's row locked
   * by the caller: its content is stored under its hash unless already there, and the version
   * is one more than the edition's last.
   */
  async addVersion(m: EntityManager, edition: Edition): Promise<{ version: number; contentHash: string }> {
    const document = JSON.parse(JSON.stringify(edition)) as object;
    const hash = contentHash(document);
    const now = this.clock.now();
    const contents = m.getRepository(EditionContentEntity);
    if (!(await contents.existsBy({ contentHash: hash })))
      await contents.insert({ contentHash: hash, document, createdAt: now });
    const versions = m.getRepository(EditionVersionEntity);
    const last = await versions.findOne({ where: { editionId: edition.id }, order: { version: 'DESC' } });
    const version = (last?.version ?? 0) + 1;
    await versions.insert({
      editionId: edition.id,
      version,
      contentHash: hash,
      claimYear: edition.claimYear,
      publishedAt: now,
    });
    return { version, contentHash: hash };
  }

  /**
   * Publishes an edition as the service itself does: the editions that ship with @huiqi/shared at
   * boot, and the demo seed's. The first time, it is version 1; when the edition's latest version
   * already has this content, nothing happens; otherwise the content becomes its next version,
   * and what was published before stays as it was (applications made under it keep it).
   */
  async publish(document: unknown): Promise<Edition> {
    const edition = loadEdition(document);
    const hash = contentHash(JSON.parse(JSON.stringify(edition)));
    const attempt = () =>
      this.changes.recordChange('system', 'edition.published', async (m) => {
        const repo = m.getRepository(EditionEntity);
        const row = await repo.findOne({ where: { id: edition.id }, lock: this.tx.lock });
        if (row && row.status !== 'published')
          throw new Error(`edition ${edition.id} is an administrator's draft: nothing is published over it`);
        const last = await m
          .getRepository(EditionVersionEntity)
          .findOne({ where: { editionId: edition.id }, order: { version: 'DESC' } });
        if (last?.contentHash === hash) return { result: edition, change: null };
        if (!row) {
          const now = this.clock.now();
          await repo.insert({
            id: edition.id,
            claimYear: edition.claimYear,
            status: 'published',
            demo: edition.demo,
            document: null,
            createdAt: now,
            publishedAt: now,
          });
        }
        const added = await this.addVersion(m, edition);
        return {
          result: edition,
          change: {
            subject: { entity: 'edition', id: edition.id, orgId: null },
            after: { claimYear: edition.claimYear, ...added },
            event: { editionId: edition.id, claimYear: edition.claimYear, ...added },
          },
        };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two instances booting at once both insert a new edition's row: the loser looks again.
      if (!(await this.repo.existsBy({ id: edition.id }))) throw error;
      return await attempt();
    } finally {
      this.forget();
    }
  }

  /**
   * Publishes the editions that ship with the package (new ones, and new content of known ones).
   * An administrator's draft that took a built-in edition's id first is left alone, and said so.
   */
  async ensureBuiltIn(editions: readonly Edition[]): Promise<void> {
    for (const edition of editions) {
      const row = await this.repo.findOneBy({ id: edition.id });
      if (row?.status === 'draft') {
        this.logger.error(`built-in edition ${edition.id} not published: an administrator's draft has its id`);
        continue;
      }
      await this.publish(edition);
    }
  }

  async list(): Promise<EditionView[]> {
    const rows = await this.repo.find({ order: { claimYear: 'DESC', id: 'ASC' } });
    const { current } = await this.catalogue();
    const latest = new Map(current.map((v) => [v.editionId, v]));
    return rows.flatMap((r) => {
      const v = latest.get(r.id);
      if (r.status === 'published') return v ? [view(r, v.edition, v)] : [];
      return [view(r, loadEdition(r.document), null)];
    });
  }

  async programs(claimYear: number): Promise<ProgramCatalogue> {
    const inForce = await this.inForce(claimYear);
    const { edition } = inForce;
    const row = await this.repo.findOneByOrFail({ id: edition.id });
    const applicationWindow = edition.applicationWindow ?? null;
    // null: no application round is open for the year (the edition has no window).
    const programs = describePrograms(edition).map((p) => ({ ...p, applicationWindow }) satisfies ProgramWithWindow);
    return { edition: view(row, edition, inForce), programs } satisfies ProgramCatalogue;
  }
}
