import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './common/auth.js';
import { CoreModule, type CoreDependencies } from './core.module.js';
import { CommendationsModule } from './modules/commendations/commendations.module.js';
import { TargetsModule } from './modules/targets/targets.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { MaterialFileUses } from './modules/applications/material-file-uses.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { EditionsModule } from './modules/editions/editions.module.js';
import { EligibilityModule } from './modules/eligibility/eligibility.module.js';
import { FactsModule } from './modules/facts/facts.module.js';
import { FilesModule } from './modules/files/files.module.js';
import { type FileStorage } from './modules/files/storage.js';
import { HealthModule } from './modules/health/health.controller.js';
import { MatchingModule } from './modules/matching/matching.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OrgsModule } from './modules/orgs/orgs.module.js';
import { RelocatedShopsModule } from './modules/relocated-shops/relocated-shops.module.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';
import { ParksModule } from './modules/parks/parks.module.js';
import { ReferralsModule } from './modules/referrals/referrals.module.js';
import { RostersModule } from './modules/rosters/rosters.module.js';
import { WhitelistModule } from './modules/whitelist/whitelist.module.js';

@Module({})
export class AppModule {
  static register(deps: CoreDependencies & { storage: FileStorage }): DynamicModule {
    // One file library, imported here and by the workflow, which tells it where files are used.
    const files = FilesModule.register(deps.storage, MaterialFileUses);
    // 第八条's whitelist, read by 第九条's rosters: one registered module for both.
    const whitelist = WhitelistModule.register(files);
    return {
      module: AppModule,
      imports: [
        CoreModule.register(deps),
        AuthModule.register(deps.config.authDemo),
        HealthModule,
        OrgsModule,
        FactsModule,
        EditionsModule,
        EligibilityModule,
        files,
        ApplicationsModule.register(files),
        AuditModule,
        NotificationsModule,
        MatchingModule,
        RelocatedShopsModule,
        CommendationsModule,
        TargetsModule,
        StatisticsModule,
        ReferralsModule,
        ParksModule,
        whitelist,
        RostersModule.register(whitelist),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
