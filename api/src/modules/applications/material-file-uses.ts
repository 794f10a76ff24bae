import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type FileUse, FileUses } from '../files/file-uses.js';
import { ApplicationEntity, scopeOf } from './application.entity.js';
import { MaterialSlotEntity } from './material-slot.entity.js';

/** The files module's view of material slots: which applications hold a file, and where they stand. */
@Injectable()
export class MaterialFileUses extends FileUses {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async of(fileIds: readonly number[], manager: EntityManager = this.dataSource.manager): Promise<FileUse[]> {
    if (fileIds.length === 0) return [];
    const slots = await manager.getRepository(MaterialSlotEntity).findBy({ fileId: In([...fileIds]) });
    if (slots.length === 0) return [];
    const applications = await manager
      .getRepository(ApplicationEntity)
      .findBy({ id: In([...new Set(slots.map((s) => s.applicationId))]) });
    const byId = new Map(applications.map((a) => [a.id, a]));
    return slots.flatMap((s) => {
      const application = byId.get(s.applicationId);
      return application
        ? [
            {
              fileId: s.fileId,
              applicationId: s.applicationId,
              materialId: s.materialId,
              status: s.status,
              validUntil: s.validUntil,
              application: scopeOf(application),
            },
          ]
        : [];
    });
  }
}
