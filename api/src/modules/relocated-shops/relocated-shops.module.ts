import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { RelocatedShopsController, OrgRelocatedShopsController } from './relocated-shops.controller.js';
import { RelocatedShopsService } from './relocated-shops.service.js';

/** Measure 五's register of shops moved back into the city (迁入店铺), and its counts for the figures. */
@Module({
  imports: [AccessModule, AuditModule, OrgsModule],
  controllers: [OrgRelocatedShopsController, RelocatedShopsController],
  providers: [RelocatedShopsService],
  exports: [RelocatedShopsService],
})
export class RelocatedShopsModule {}
