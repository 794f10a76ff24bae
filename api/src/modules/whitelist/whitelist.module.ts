import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WhitelistController } from './whitelist.controller.js';
import { WhitelistService } from './whitelist.service.js';

/**
 * 第八条's whitelist recommendation. Supporting files come from the firm's library (`files`, the
 * one registered by AppModule, passed in as the workflow gets it).
 */
@Module({})
export class WhitelistModule {
  static register(files: DynamicModule): DynamicModule {
    return {
      module: WhitelistModule,
      imports: [AccessModule, AuditModule, OrgsModule, files],
      controllers: [WhitelistController],
      providers: [WhitelistService],
      exports: [WhitelistService],
    };
  }
}
