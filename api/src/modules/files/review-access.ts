import { Injectable } from '@nestjs/common';
import { type ApplicationEntity } from '../applications/application.entity.js';
import { type Principal } from '../../common/tokens.js';
import { type Role } from '../../common/roles.js';

export const REVIEWER_ROLES: readonly Role[] = ['county-reviewer', 'city-reviewer', 'admin'];

/**
 * Who reviews an application: city reviewers and administrators any submitted one, a county
 * reviewer those submitted from their county. Drafts are the firm's own business.
 */
@Injectable()
export class ReviewAccess {
  canReview(principal: Principal, app: ApplicationEntity): boolean {
    if (!REVIEWER_ROLES.includes(principal.role) || app.status === 'draft') return false;
    if (principal.role !== 'county-reviewer') return true;
    // The county fixed at submission, not the firm's current one: a firm that moves afterwards
    // must not take its application to another county's reviewers.
    return app.orgCounty !== null && app.orgCounty === principal.county;
  }
}
