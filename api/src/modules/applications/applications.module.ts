import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';

@Module({
  imports: [EditionsModule, FactsModule, OrgsModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService],
})
export class ApplicationsModule {}
