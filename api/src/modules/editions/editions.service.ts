import { Injectable } from '@nestjs/common';
import {
  type ApplicationWindow,
  builtInEditions,
  describeApplicationWindow,
  describePrograms,
  type Edition,
  loadEdition,
  type ProgramDescription,
} from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { EditionEntity } from './edition.entity.js';

/** null: no application round is open for the year (the edition has no window). */
export type ProgramWithWindow = ProgramDescription & { applicationWindow: ApplicationWindow | null };

export interface EditionView {
  id: string;
  title: string;
  claimYear: number;
  status: EditionEntity['status'];
  demo: boolean;
  validFrom: string;
  validTo: string;
  applicationWindow: ApplicationWindow | null;
  /** The window in words, or that no application round is open yet. */
  applicationNotice: string;
  publishedAt: string | null;
}

const view = (row: EditionEntity, edition: Edition): EditionView => ({
  id: row.id,
  title: edition.title,
  claimYear: row.claimYear,
  status: row.status,
  demo: row.demo,
  validFrom: edition.validFrom,
  validTo: edition.validTo,
  applicationWindow: edition.applicationWindow ?? null,
  applicationNotice: describeApplicationWindow(edition),
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

@Injectable()
export class EditionsService {
  /** Published editions never change, so they are read and validated once per process. */
  private published: Promise<readonly Edition[]> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(EditionEntity);
  }

  private async insertPublished(edition: Edition): Promise<void> {
    const now = this.clock.now();
    await this.repo.insert({
      id: edition.id,
      claimYear: edition.claimYear,
      status: 'published',
      demo: edition.demo,
      document: edition,
      createdAt: now,
      publishedAt: now,
    });
    this.forget();
  }

  /**
   * Puts the editions that ship with @huiqi/shared into the database, and brings a stored copy
   * up to date when the package's data has grown (materials were added to 2023, say). These are
   * the package's own data, not an administrator's publication, which never changes.
   */
  async ensureBuiltIn(): Promise<void> {
    for (const edition of builtInEditions()) {
      const stored = await this.repo.findOneBy({ id: edition.id });
      if (!stored) await this.insertPublished(edition);
      else if (JSON.stringify(stored.document) !== JSON.stringify(edition)) {
        await this.repo.update(edition.id, {
          document: structuredClone(edition) as object,
          claimYear: edition.claimYear,
        });
        this.forget();
      }
    }
  }

  /** Publishes an edition document as given (validated first); used by the demo seed. */
  async publish(document: unknown): Promise<Edition> {
    const edition = loadEdition(document);
    await this.insertPublished(edition);
    return edition;
  }

  /** Drops the cached published editions after a publication. */
  forget(): void {
    this.published = null;
  }

  /** Published editions in publication order, each validated by the shared schema. */
  publishedEditions(): Promise<readonly Edition[]> {
    this.published ??= this.repo
      .find({ where: { status: 'published' }, order: { publishedAt: 'ASC', id: 'ASC' } })
      .then((rows) => Object.freeze(rows.map((r) => loadEdition(r.document))));
    // A failed read is not cached.
    this.published.catch(() => (this.published = null));
    return this.published;
  }

  async forYear(claimYear: number): Promise<Edition> {
    const editions = await this.publishedEditions();
    for (let i = editions.length - 1; i >= 0; i--)
      if ((editions[i] as Edition).claimYear === claimYear) return editions[i] as Edition;
    throw new AppError('NO_EDITION', `${claimYear}年度没有施行中的政策版本`, [
      { field: 'year', message: `${claimYear}年度没有施行中的政策版本` },
    ]);
  }

  async list(): Promise<EditionView[]> {
    const rows = await this.repo.find({ order: { claimYear: 'DESC', id: 'ASC' } });
    return rows.map((r) => view(r, loadEdition(r.document)));
  }

  async programs(claimYear: number): Promise<{ edition: EditionView; programs: ProgramWithWindow[] }> {
    const edition = await this.forYear(claimYear);
    const row = await this.repo.findOneByOrFail({ id: edition.id });
    const applicationWindow = edition.applicationWindow ?? null;
    const programs = describePrograms(edition).map((p) => ({ ...p, applicationWindow }));
    return { edition: view(row, edition), programs };
  }
}
