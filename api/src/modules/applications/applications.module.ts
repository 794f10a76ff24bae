import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { RoundsModule } from '../rounds/rounds.module.js';
import { ApplicationChanges } from './application-changes.js';
import { ApplicationHistoryService } from './application-history.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { MaterialsController } from './materials.controller.js';
import { MaterialsService } from './materials.service.js';
import { DemoClockController } from './demo-clock.controller.js';
import { DemoClockService } from './demo-clock.service.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';
import { NoticeTimer } from './notice-timer.js';
import { PoolsController } from './pools.controller.js';
import { PoolsService } from './pools.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';

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
      imports: [AccessModule, AuditModule, EditionsModule, FactsModule, OrgsModule, RoundsModule, files],
      controllers: [
        ApplicationsController,
        MaterialsController,
        ReviewController,
        NoticesController,
        PoolsController,
        DemoClockController,
      ],
      providers: [
        ApplicationChanges,
        ApplicationHistoryService,
        ApplicationsService,
        MaterialsService,
        ReviewService,
        NoticesService,
        NoticeTimer,
        PoolsService,
        DemoClockService,
      ],
    };
  }
}
