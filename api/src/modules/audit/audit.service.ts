import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { currentRequestId } from '../../common/request-context.js';
import { type Principal } from '../../common/tokens.js';
import { AuditEntity } from './audit.entity.js';

export interface AuditEntry {
  actor: Principal | null;
  action: string;
  entity: string;
  entityId: string | number;
  orgId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  orgId?: number;
  limit: number;
}

/** The append-only audit log: only `record` writes, and it writes inside the caller's transaction. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const row: Omit<AuditEntity, 'id'> = {
      at: this.clock.now(),
      actorId: entry.actor?.userId ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      orgId: entry.orgId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: currentRequestId(),
    };
    await manager.getRepository(AuditEntity).save(manager.getRepository(AuditEntity).create(row));
  }

  list(query: AuditQuery): Promise<AuditEntity[]> {
    const where: FindOptionsWhere<AuditEntity> = {};
    if (query.entity) where.entity = query.entity;
    if (query.entityId) where.entityId = query.entityId;
    if (query.orgId !== undefined) where.orgId = query.orgId;
    return this.dataSource.getRepository(AuditEntity).find({ where, order: { id: 'DESC' }, take: query.limit });
  }
}
