import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere, LessThan } from 'typeorm';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { AuditEntity } from './audit.entity.js';
import { OutboxEntity } from './outbox.entity.js';

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  orgId?: number;
  limit: number;
}

export interface OutboxQuery {
  /** Events older than this id (the previous page's `next`). */
  before?: number;
  limit: number;
}

export interface OutboxEventView {
  id: number;
  eventType: string;
  entity: string;
  entityId: string;
  orgId: number | null;
  payload: unknown;
  auditId: number | null;
  dedupeKey: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  deadAt: string | null;
  lastError: string | null;
  createdAt: string;
}

const toOutboxView = (e: OutboxEntity): OutboxEventView => ({
  id: e.id,
  eventType: e.eventType,
  entity: e.entity,
  entityId: e.entityId,
  orgId: e.orgId,
  payload: e.payload,
  auditId: e.auditId,
  dedupeKey: e.dedupeKey,
  attempts: e.attempts,
  nextAttemptAt: e.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: e.deliveredAt?.toISOString() ?? null,
  deadAt: e.deadAt?.toISOString() ?? null,
  lastError: e.lastError,
  createdAt: e.createdAt.toISOString(),
});

/** Reading what ChangeRecorder wrote: the audit log and the outbox, for administrators. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(principal: Principal, query: AuditQuery): Promise<AuditEntity[]> {
    await this.access.requireAccess(principal, 'audit.read', { kind: 'service' });
    const where: FindOptionsWhere<AuditEntity> = {};
    if (query.entity) where.entity = query.entity;
    if (query.entityId) where.entityId = query.entityId;
    if (query.orgId !== undefined) where.orgId = query.orgId;
    return this.dataSource.getRepository(AuditEntity).find({ where, order: { id: 'DESC' }, take: query.limit });
  }

  /** The outbox, newest first, a page at a time: `next` is the `before` of the following page. */
  async outbox(principal: Principal, query: OutboxQuery): Promise<{ events: OutboxEventView[]; next: number | null }> {
    await this.access.requireAccess(principal, 'outbox.read', { kind: 'service' });
    const rows = await this.dataSource.getRepository(OutboxEntity).find({
      where: query.before === undefined ? {} : { id: LessThan(query.before) },
      order: { id: 'DESC' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      events: page.map(toOutboxView),
      next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
