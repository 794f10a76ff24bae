import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ParksController } from './parks.controller.js';
import { ParksService } from './parks.service.js';

/** The yearly park evaluation (第八条：电商产业园区年度综合评价). */
@Module({
  imports: [AccessModule, AuditModule, OrgsModule],
  controllers: [ParksController],
  providers: [ParksService],
})
export class ParksModule {}
