import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { MembershipEntity } from './membership.entity.js';
import {
  type AccessAction,
  type AccessRequest,
  type AccessResource,
  decide,
  type Decision,
  type MemberRole,
  type ResourceFor,
} from './policy.js';

/** What the caller turned out to be for the resource. */
export interface Grant {
  /** The caller's role in the resource's firm; null when not a member (staff, say). */
  memberRole: MemberRole | null;
}

const WHAT: Record<AccessResource['kind'], string> = {
  service: '记录',
  org: '企业',
  application: '申报',
  file: '文件',
  'relocated-shop': '迁入店铺',
  county: '县（市、区）',
  referral: '转介申请',
};

const orgOf = (resource: AccessResource): number | null => {
  switch (resource.kind) {
    case 'service':
    case 'county':
      return null;
    case 'org':
    case 'file':
    case 'relocated-shop':
    case 'referral':
      return resource.orgId;
    case 'application':
      return resource.application.orgId;
  }
};

/**
 * The one access check. Every service method calls `requireAccess` before it reads or changes
 * a record. A record the caller may not see answers NOT_FOUND, exactly like a missing one;
 * whatever else fails on the way (the database, say) is not caught here and surfaces as the
 * server error it is, never as a 404.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  async requireAccess<A extends AccessAction>(
    principal: Principal,
    action: A,
    resource: ResourceFor<A>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Grant> {
    const orgId = orgOf(resource);
    const memberRole = orgId === null ? null : await this.memberRole(principal.userId, orgId, manager);
    // ResourceFor<A> is exactly the resource of A: the pair is one of AccessRequest's members.
    const decision = decide(principal, { action, resource } as AccessRequest, memberRole);
    switch (decision.outcome) {
      case 'allow':
        return { memberRole };
      case 'hidden':
        throw notFound(WHAT[resource.kind]);
      case 'forbidden':
        throw new AppError('FORBIDDEN', decision.reason);
    }
  }

  /** The decision without acting on it: what a view shows the caller may do (and why not). */
  async decisionFor<A extends AccessAction>(
    principal: Principal,
    action: A,
    resource: ResourceFor<A>,
  ): Promise<Decision> {
    const orgId = orgOf(resource);
    const memberRole = orgId === null ? null : await this.memberRole(principal.userId, orgId, this.dataSource.manager);
    return decide(principal, { action, resource } as AccessRequest, memberRole);
  }

  private async memberRole(userId: number, orgId: number, manager: EntityManager): Promise<MemberRole | null> {
    const row = await manager.getRepository(MembershipEntity).findOneBy({ orgId, userId });
    return row?.role ?? null;
  }

  /** The firms a user belongs to, with their role in each, oldest first. */
  membershipsOf(userId: number): Promise<{ orgId: number; role: MemberRole }[]> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .find({ select: { orgId: true, role: true }, where: { userId }, order: { orgId: 'ASC' } });
  }

  /** A firm's members' user ids (who hears of the firm's applications), in id order. */
  async memberIds(orgId: number): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ select: { userId: true }, where: { orgId }, order: { userId: 'ASC' } });
    return rows.map((r) => r.userId);
  }

  isMember(manager: EntityManager, orgId: number, userId: number): Promise<boolean> {
    return manager.getRepository(MembershipEntity).existsBy({ orgId, userId });
  }

  /** Makes a user a member of a firm, inside the caller's transaction. */
  async addMember(manager: EntityManager, orgId: number, userId: number, role: MemberRole): Promise<void> {
    await manager.getRepository(MembershipEntity).insert({ orgId, userId, role });
  }
}
