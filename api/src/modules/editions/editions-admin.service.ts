import { Injectable } from '@nestjs/common';
import { type Edition, type EditionDocument, type EditionPreview, loadEdition, PolicyError } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { type Principal } from '../../common/tokens.js';
import { FactsService } from '../facts/facts.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { EditionEntity } from './edition.entity.js';
import { EditionsService } from './editions.service.js';
import { mergePatch } from './merge-patch.js';
import { PreviewTally } from './preview.js';

/**
 * Editions as an administrator changes them: copy a published edition into a draft, change the
 * draft (validated by the shared schema), preview its effect on every firm, publish it. A
 * published edition never changes; a new one is new data.
 */
@Injectable()
export class EditionsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly editions: EditionsService,
    private readonly changes: ChangeRecorder,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly facts: FactsService,
    private readonly orgs: OrgsService,
  ) {}

  /** A draft's stored document is always a valid edition: every change is validated before it is saved. */
  private view(row: EditionEntity, document: unknown = row.document) {
    return {
      id: row.id,
      status: row.status,
      claimYear: row.claimYear,
      document: document as Edition,
    } satisfies EditionDocument;
  }

  /** A draft's document, or a published edition's latest version. */
  private async documentOf(row: EditionEntity): Promise<unknown> {
    if (row.status === 'draft') return row.document;
    const latest = await this.editions.latestOf(row.id);
    if (!latest) throw new Error(`published edition ${row.id} has no version`);
    return JSON.parse(JSON.stringify(latest.edition)) as unknown;
  }

  async get(principal: Principal, id: string): Promise<EditionDocument> {
    await this.access.requireAccess(principal, 'edition.manage', { kind: 'service' });
    const row = await this.dataSource.getRepository(EditionEntity).findOneBy({ id });
    if (!row) throw notFound('政策版本');
    return this.view(row, await this.documentOf(row));
  }

  async createDraft(principal: Principal, baseId: string, id: string): Promise<EditionDocument> {
    await this.access.requireAccess(principal, 'edition.manage', { kind: 'service' });
    return this.changes.recordChange(principal, 'edition.draft-created', async (m) => {
      const repo = m.getRepository(EditionEntity);
      const base = await repo.findOneBy({ id: baseId });
      if (!base) throw notFound('政策版本');
      if (await repo.existsBy({ id }))
        throw new AppError('CONFLICT', `版本编号 ${id} 已存在，请换一个`, [{ field: 'id', message: '已存在' }]);
      const document = { ...((await this.documentOf(base)) as Record<string, unknown>), id, demo: false };
      const row = repo.create({
        id,
        claimYear: base.claimYear,
        status: 'draft',
        demo: false,
        document,
        createdAt: this.clock.now(),
        publishedAt: null,
      });
      await repo.save(row);
      return {
        result: this.view(row),
        change: {
          subject: { entity: 'edition', id, orgId: null },
          after: { baseId },
          event: { editionId: id, baseId },
        },
      };
    });
  }

  async updateDraft(principal: Principal, id: string, patch: Record<string, unknown>): Promise<EditionDocument> {
    if ('id' in patch)
      throw new AppError('INVALID_REQUEST', '不能修改版本编号', [
        { field: 'document.id', message: '版本编号创建后不能修改' },
      ]);
    await this.access.requireAccess(principal, 'edition.manage', { kind: 'service' });
    return this.changes.recordChange(principal, 'edition.draft-updated', async (m) => {
      const repo = m.getRepository(EditionEntity);
      const row = await repo.findOne({ where: { id }, lock: this.tx.lock });
      if (!row) throw notFound('政策版本');
      if (row.status !== 'draft')
        throw new AppError('CONFLICT', '已发布的政策版本不能修改；如需调整，请复制为新的草稿');
      const before = row.document;
      // A draft is always a valid edition: a change the shared schema refuses is not saved.
      const edition = this.valid(mergePatch(row.document, patch));
      row.document = structuredClone(edition);
      row.claimYear = edition.claimYear;
      await repo.save(row);
      return {
        result: this.view(row),
        change: {
          subject: { entity: 'edition', id, orgId: null },
          before,
          after: row.document,
          event: { editionId: id },
        },
      };
    });
  }

  /**
   * The draft against the edition in force for its claim year (or the 2023 one it was copied
   * from), on every firm's stored facts: who gains, who loses, and what each pool would owe.
   */
  async preview(principal: Principal, id: string): Promise<EditionPreview> {
    await this.access.requireAccess(principal, 'edition.manage', { kind: 'service' });
    const row = await this.dataSource.getRepository(EditionEntity).findOneBy({ id });
    if (!row) throw notFound('政策版本');
    const draft = this.valid(row.document);
    const published = await this.editions.publishedEditions();
    const base =
      [...published].reverse().find((e) => e.claimYear === draft.claimYear) ??
      [...published].reverse().find((e) => e.claimYear < draft.claimYear) ??
      published[published.length - 1];
    if (!base) throw new AppError('NO_EDITION', '没有已发布的政策版本可供对比');

    // Firms' latest stored facts up to the draft's year stand in for figures not reported yet.
    // Streamed a batch of firms at a time and added up as they come: nothing grows with firms.
    const tally = new PreviewTally(base, draft);
    for await (const batch of this.facts.latestUpTo(draft.claimYear))
      for (const { orgId, facts } of batch) tally.add(orgId, facts);
    return tally.result(await this.orgs.namesOf(tally.exampleFirms())) satisfies EditionPreview;
  }

  async publish(principal: Principal, id: string): Promise<EditionDocument> {
    await this.access.requireAccess(principal, 'edition.manage', { kind: 'service' });
    const published = await this.changes.recordChange(principal, 'edition.published', async (m) => {
      const repo = m.getRepository(EditionEntity);
      const row = await repo.findOne({ where: { id }, lock: this.tx.lock });
      if (!row) throw notFound('政策版本');
      if (row.status !== 'draft') throw new AppError('CONFLICT', '该政策版本已发布');
      const edition = this.valid(row.document);
      // Conditional: of two publications at once, one wins. The content moves into version 1.
      const result = await repo.update(
        { id, status: 'draft' },
        { status: 'published', publishedAt: this.clock.now(), claimYear: edition.claimYear, document: null },
      );
      if (!result.affected) throw new AppError('CONFLICT', '该政策版本已发布');
      const added = await this.editions.addVersion(m, edition);
      return {
        result: { row: await repo.findOneByOrFail({ id }), document: JSON.parse(JSON.stringify(edition)) as unknown },
        change: {
          subject: { entity: 'edition', id, orgId: null },
          after: { claimYear: edition.claimYear, validFrom: edition.validFrom, validTo: edition.validTo, ...added },
          event: { editionId: id, claimYear: edition.claimYear, ...added },
        },
      };
    });
    this.editions.forget();
    return this.view(published.row, published.document);
  }

  private valid(document: unknown): Edition {
    try {
      return loadEdition(document);
    } catch (e) {
      if (e instanceof PolicyError)
        throw new AppError(
          'INVALID_REQUEST',
          `政策版本数据有误：${e.details.map((d) => d.field).join('、')}`,
          e.details,
        );
      throw e;
    }
  }
}
