import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ApplicationChanges } from './application-changes.js';
import { ApplicationHistoryService } from './application-history.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { MaterialsController } from './materials.controller.js';
import { MaterialsService } from './materials.service.js';

/**
 * The workflow: applications, their material slots, material review, who may do each, and each
 * application's history. It sits above the file library (`files`, registered once by AppModule
 * and passed in here).
 */
@Module({})
export class ApplicationsModule {
  static register(files: DynamicModule): DynamicModule {
    return {
      module: ApplicationsModule,
      imports: [AccessModule, AuditModule, EditionsModule, FactsModule, OrgsModule, files],
      controllers: [ApplicationsController, MaterialsController],
      providers: [ApplicationChanges, ApplicationHistoryService, ApplicationsService, MaterialsService],
    };
  }
}
