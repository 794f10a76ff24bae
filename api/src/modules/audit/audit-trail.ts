import { Injectable } from '@nestjs/common';
import { type ChangeSubject } from '@huiqi/shared';
import { DataSource, In } from 'typeorm';
import { AuditEntity } from './audit.entity.js';
import { type ChangeAction } from './change-events.js';

/** One audit entry as another module reads it: what it needs to tell a record's story, never who by name. */
export interface TrailEntry<A extends ChangeAction = ChangeAction> {
  id: number;
  at: Date;
  /** A signed-in user's role, `cli`, `system`; null for entries written before roles were kept. */
  actorRole: string | null;
  action: A;
  before: unknown;
  after: unknown;
}

/**
 * The audit entries of one record, for a module that tells its record's story (an application's
 * history). The caller has checked the reader's access to the record: this reads, it decides nothing.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The newest `limit` entries of the record with one of `actions`, oldest first (in the order
   * they were written: `at` keeps only seconds on SQLite), and whether older ones were left out.
   */
  async of<A extends ChangeAction>(
    subject: { entity: ChangeSubject; id: string | number },
    actions: readonly A[],
    limit: number,
  ): Promise<{ entries: TrailEntry<A>[]; truncated: boolean }> {
    const rows = await this.dataSource.getRepository(AuditEntity).find({
      select: { id: true, at: true, actorRole: true, action: true, before: true, after: true },
      where: { entity: subject.entity, entityId: String(subject.id), action: In([...actions]) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    return {
      // Only the actions asked for were read.
      entries: rows
        .slice(0, limit)
        .reverse()
        .map((r) => ({ ...r, action: r.action as A })),
      truncated: rows.length > limit,
    };
  }
}
