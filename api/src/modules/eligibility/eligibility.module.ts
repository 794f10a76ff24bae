import { Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { AccessModule } from '../access/access.module.js';
import { EligibilityController } from './eligibility.controller.js';
import { EligibilityService } from './eligibility.service.js';

@Module({
  imports: [EditionsModule, FactsModule, AccessModule],
  controllers: [EligibilityController],
  providers: [EligibilityService],
})
export class EligibilityModule {}
