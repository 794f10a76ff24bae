import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { OrgReferralsController, ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

/** Referrals (转介): 齐鲁电商贷 (第十一条) and 一类出口企业 (第七条), tracked alike. */
@Module({
  imports: [AccessModule, AuditModule, FactsModule, OrgsModule],
  controllers: [OrgReferralsController, ReferralsController],
  providers: [ReferralsService],
})
export class ReferralsModule {}
