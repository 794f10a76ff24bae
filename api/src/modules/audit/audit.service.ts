import { Injectable } from '@nestjs/common';
import {
  type AuditActorRole,
  type AuditEntryView,
  type AuditLog,
  type AuditVerification,
  type ChangeSubject,
  type OutboxEventView,
  type OutboxPage,
} from '@huiqi/shared';
import { And, DataSource, type FindOperator, type FindOptionsWhere, LessThan, Like, MoreThanOrEqual } from 'typeorm';
import { maskPersonal } from '../../common/masking.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { AuditChain } from './audit-chain.js';
import { AuditEntity } from './audit.entity.js';
import { OutboxEntity } from './outbox.entity.js';

export interface AuditQuery {
  entity?: ChangeSubject;
  entityId?: string;
  orgId?: number;
  actorRole?: AuditActorRole;
  /** An action or its beginning (`application.`): letters, dots and hyphens only, so no LIKE wildcard. */
  action?: string;
  /** Days in Asia/Shanghai (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  /** Entries older than this id (the previous page's `next`). */
  before?: number;
  limit: number;
}

/** The first instant of a day in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

export interface OutboxQuery {
  /** Events older than this id (the previous page's `next`). */
  before?: number;
  limit: number;
}

// ChangeRecorder writes these columns from typed values only: a ChangeSubject, an Actor's role.

/** An audit entry as an administrator reads it: what was written, personal data masked (another party reads it). */
const toAuditEntryView = (e: AuditEntity) =>
  ({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole as AuditEntryView['actorRole'],
    action: e.action,
    entity: e.entity as ChangeSubject,
    entityId: e.entityId,
    orgId: e.orgId,
    before: maskPersonal(e.before),
    after: maskPersonal(e.after),
    requestId: e.requestId,
  }) satisfies AuditEntryView;

/** An outbox event; payloads carry no personal data by design, and are masked anyway, as the audit log is. */
const toOutboxView = (e: OutboxEntity) =>
  ({
    id: e.id,
    eventType: e.eventType,
    entity: e.entity as ChangeSubject,
    entityId: e.entityId,
    orgId: e.orgId,
    payload: maskPersonal(e.payload),
    auditId: e.auditId,
    dedupeKey: e.dedupeKey,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: e.deliveredAt?.toISOString() ?? null,
    deadAt: e.deadAt?.toISOString() ?? null,
    lastError: e.lastError,
    createdAt: e.createdAt.toISOString(),
  }) satisfies OutboxEventView;

/** Reading what ChangeRecorder wrote: the audit log and the outbox, for administrators. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly chain: AuditChain,
  ) {}

  /** Newest first, a page at a time: `next` is the `before` of the following page. */
  async list(principal: Principal, query: AuditQuery): Promise<AuditLog> {
    await this.access.requireAccess(principal, 'audit.read', { kind: 'service' });
    const where: FindOptionsWhere<AuditEntity> = {};
    if (query.entity) where.entity = query.entity;
    if (query.entityId) where.entityId = query.entityId;
    if (query.orgId !== undefined) where.orgId = query.orgId;
    if (query.actorRole) where.actorRole = query.actorRole;
    if (query.action) where.action = Like(`${query.action}%`);
    if (query.before !== undefined) where.id = LessThan(query.before);
    const at: FindOperator<Date>[] = [];
    if (query.from) at.push(MoreThanOrEqual(shanghaiMidnight(query.from)));
    if (query.to) at.push(LessThan(new Date(shanghaiMidnight(query.to).getTime() + DAY_MS)));
    if (at.length > 0) where.at = at.length === 1 ? at[0] : And(...at);
    const rows = await this.dataSource
      .getRepository(AuditEntity)
      .find({ where, order: { id: 'DESC' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      entries: page.map(toAuditEntryView),
      next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /** The audit chain checked from its first entry to its newest (AuditChain.verify). */
  async verify(principal: Principal): Promise<AuditVerification> {
    await this.access.requireAccess(principal, 'audit.read', { kind: 'service' });
    return this.chain.verify();
  }

  /** The outbox, newest first, a page at a time: `next` is the `before` of the following page. */
  async outbox(principal: Principal, query: OutboxQuery): Promise<OutboxPage> {
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
    } satisfies OutboxPage;
  }
}
