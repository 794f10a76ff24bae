import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ApplicationEntity } from '../applications/application.entity.js';
import { type Principal } from '../auth/tokens.js';
import { type Role } from '../auth/user.entity.js';
import { OrgEntity } from '../orgs/org.entity.js';

export const REVIEWER_ROLES: readonly Role[] = ['county-reviewer', 'city-reviewer', 'admin'];

/**
 * Who reviews an application: city reviewers and administrators any submitted one, a county
 * reviewer those of firms in their county. Drafts are the firm's own business.
 */
@Injectable()
export class ReviewAccess {
  constructor(private readonly dataSource: DataSource) {}

  async canReview(principal: Principal, app: ApplicationEntity): Promise<boolean> {
    if (!REVIEWER_ROLES.includes(principal.role) || app.status === 'draft') return false;
    if (principal.role !== 'county-reviewer') return true;
    const org = await this.dataSource.getRepository(OrgEntity).findOneBy({ id: app.orgId });
    return org !== null && org.county === principal.county;
  }
}
