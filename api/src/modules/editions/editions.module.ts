import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { EditionsController } from './editions.controller.js';
import { EditionsAdminService } from './editions-admin.service.js';
import { EditionsService } from './editions.service.js';

@Module({
  imports: [AccessModule, AuditModule, FactsModule, OrgsModule],
  controllers: [EditionsController],
  providers: [EditionsService, EditionsAdminService],
  exports: [EditionsService],
})
export class EditionsModule {}
