import { Inject, Injectable } from '@nestjs/common';
import {
  type ApplicationMaterials,
  describePrograms,
  type Material,
  type MaterialView,
  type ProgramResult,
  type SlotView,
} from '@huiqi/shared';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { EditionsService } from '../editions/editions.service.js';
import { FilesService } from '../files/files.service.js';
import { ApplicationChanges } from './application-changes.js';
import { ApplicationEntity, scopeOf } from './application.entity.js';
import {
  attachRefusal,
  CURRENT_SLOT_STATUSES,
  FILLED_SLOT_STATUSES,
  kindRefusal,
  missingRequired,
  reviewEffect,
  validUntil,
} from './material-rules.js';
import { MaterialSlotEntity } from './material-slot.entity.js';

const CURRENT = [...CURRENT_SLOT_STATUSES];

@Injectable()
export class MaterialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly editions: EditionsService,
    private readonly workflow: ApplicationChanges,
    private readonly files: FilesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async materialsOf(app: ApplicationEntity): Promise<Material[]> {
    const { edition } = await this.editions.version(app.editionVersionId);
    return edition.programs[app.programId]?.materials ?? [];
  }

  /** The application, if the caller may read its materials; NOT_FOUND if they may not see it. */
  private async load(principal: Principal, id: number): Promise<ApplicationEntity> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    if (!app) throw notFound('申报');
    await this.access.requireAccess(principal, 'material.read', { kind: 'application', application: scopeOf(app) });
    return app;
  }

  async slots(principal: Principal, id: number): Promise<ApplicationMaterials> {
    const app = await this.load(principal, id);
    const rows = await this.dataSource
      .getRepository(MaterialSlotEntity)
      .find({ where: { applicationId: id }, order: { id: 'DESC' } });
    const files = await this.files.views([...new Set(rows.map((r) => r.fileId))]);
    const byId = new Map(files.map((f) => [f.id, f]));
    const view = (r: MaterialSlotEntity) => {
      const file = byId.get(r.fileId);
      return {
        fileId: r.fileId,
        file: file ?? null,
        status: r.status,
        validUntil: r.validUntil,
        reason: r.reason,
        attachedAt: r.attachedAt.toISOString(),
        reviewedAt: r.reviewedAt?.toISOString() ?? null,
      } satisfies SlotView;
    };
    // The version the application was made under; one description of its program gives both its
    // materials and the clauses they prove.
    const { edition } = await this.editions.version(app.editionVersionId);
    const described = describePrograms(edition).find((p) => p.programId === app.programId);
    const materials = described?.materials ?? [];
    // Written by submit from the shared rules' answer (applications.service.ts), or null before.
    const evaluated = app.evaluation as ProgramResult | null;
    const clauses = new Map<string, string>([
      ...(described?.conditions.map((c) => [c.id, c.clause] as const) ?? []),
      ...(described?.caps.map((c) => [c.id, c.clause] as const) ?? []),
    ]);
    return {
      applicationId: id,
      materials: materials.map((material): MaterialView => {
        const mine = rows.filter((r) => r.materialId === material.id);
        const current = mine.find((r) => CURRENT.includes(r.status));
        return {
          ...material,
          provesConditions: material.proves.map((cid) => ({
            id: cid,
            clause: clauses.get(cid) ?? '',
            status: evaluated?.conditions.find((c) => c.id === cid)?.status ?? null,
          })),
          current: current ? view(current) : null,
          history: mine.filter((r) => r !== current).map(view),
        };
      }),
    } satisfies ApplicationMaterials;
  }

  /**
   * Puts a library file into a slot: while the application is a draft, or when a reviewer sent
   * that material back. The previous file of the slot stays in its history.
   */
  async attach(principal: Principal, id: number, materialId: string, fileId: number): Promise<ApplicationMaterials> {
    await this.workflow.apply(principal, id, 'application.material-attached', async (app, m) => {
      const material = (await this.materialsOf(app)).find((x) => x.id === materialId);
      if (!material)
        throw new AppError('INVALID_REQUEST', '该项目没有这项材料', [
          { field: 'materialId', message: '不是该项目要求的材料' },
        ]);
      const slots = m.getRepository(MaterialSlotEntity);
      const current = await slots.findOne({ where: { applicationId: id, materialId, status: In(CURRENT) } });
      // A submitted application takes a new file only where a reviewer sent the old one back.
      const returned = app.returned?.items.some((x) => x.kind === 'material' && x.id === materialId) ?? false;
      const refusal = attachRefusal(app.status, current?.status ?? null, returned);
      if (refusal) throw refusal;
      const [file] = await this.files.views([fileId], m);
      if (!file || file.orgId !== app.orgId) throw notFound('文件');
      const wrongKind = kindRefusal(material, file.kind);
      if (wrongKind) throw wrongKind;
      const others = await slots.find({ where: { applicationId: id, status: In(CURRENT) } });
      const otherFiles = others.filter((s) => s.materialId !== materialId).map((s) => s.fileId);
      const sizes = await this.files.views(otherFiles, m);
      const total = sizes.reduce((sum, f) => sum + f.size, 0) + file.size;
      if (total > this.config.files.maxApplicationBytes) {
        const mb = Math.floor(this.config.files.maxApplicationBytes / 1024 / 1024);
        throw new AppError('FILE_TOO_LARGE', `一份申报的材料合计不能超过${mb}MB，请压缩后再上传`, [
          { field: 'fileId', message: `合计将超过${mb}MB` },
        ]);
      }
      if (current) await slots.update(current.id, { status: 'replaced' });
      const row = await slots.save(
        slots.create({
          applicationId: id,
          materialId,
          fileId,
          status: 'attached',
          validUntil: validUntil(material.validity, app.claimYear, this.clock.today()),
          reason: null,
          reviewedBy: null,
          reviewedAt: null,
          attachedBy: principal.userId,
          attachedAt: this.clock.now(),
        }),
      );
      return {
        event: { materialId, fileId, replacedFileId: current?.fileId ?? null },
        audit: {
          before: current ? { materialId, fileId: current.fileId, status: current.status } : null,
          after: { materialId, fileId, slotId: row.id },
        },
      };
    });
    return this.slots(principal, id);
  }

  /** A reviewer accepts or rejects one material of a submitted application; a rejection reopens that slot. */
  async review(
    principal: Principal,
    id: number,
    materialId: string,
    decision: 'accept' | 'reject',
    reason: string | undefined,
  ): Promise<ApplicationMaterials> {
    const effect = reviewEffect(decision, reason);
    if (effect instanceof AppError) throw effect;
    const { status } = effect;
    /** Records the decision on the slot; gives the audit's before and after. */
    const decide = async (m: EntityManager): Promise<{ before: unknown; after: unknown }> => {
      const slots = m.getRepository(MaterialSlotEntity);
      const current = await slots.findOne({ where: { applicationId: id, materialId, status: In(CURRENT) } });
      if (!current) throw notFound('材料');
      await slots.update(current.id, {
        status,
        reason: effect.reason,
        reviewedBy: principal.userId,
        reviewedAt: this.clock.now(),
      });
      return { before: { materialId, status: current.status }, after: { materialId, status, reason: reason ?? null } };
    };
    if (decision === 'accept')
      await this.workflow.apply(principal, id, 'application.material-accepted', async (_app, m) => {
        return { event: { materialId }, audit: await decide(m) };
      });
    else
      await this.workflow.apply(principal, id, 'application.material-rejected', async (_app, m) => {
        return { event: { materialId, reason: reason?.trim() ?? '' }, audit: await decide(m) };
      });
    return this.slots(principal, id);
  }

  /** Required materials without a file (or whose file was sent back): submission waits for them. */
  async missingRequired(app: ApplicationEntity, m: EntityManager): Promise<Material[]> {
    const filled = await m
      .getRepository(MaterialSlotEntity)
      .find({ where: { applicationId: app.id, status: In([...FILLED_SLOT_STATUSES]) } });
    return missingRequired(await this.materialsOf(app), filled);
  }
}
