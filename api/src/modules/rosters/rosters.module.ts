import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { RostersController } from './rosters.controller.js';
import { RostersService } from './rosters.service.js';

/**
 * 第九条's talent rosters, the source of two facts. They read the whitelist (第八条): `whitelist` is
 * the module AppModule registered, passed in so there is one instance.
 */
@Module({})
export class RostersModule {
  static register(whitelist: DynamicModule): DynamicModule {
    return {
      module: RostersModule,
      imports: [AccessModule, AuditModule, FactsModule, whitelist],
      controllers: [RostersController],
      providers: [RostersService],
    };
  }
}
