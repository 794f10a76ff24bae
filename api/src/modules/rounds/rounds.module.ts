import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { BudgetModule } from '../budget/budget.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { ProgramsController, RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

/** Application rounds (申报批次) and their pools' amounts. */
@Module({
  imports: [AccessModule, AuditModule, BudgetModule, EditionsModule],
  controllers: [RoundsController, ProgramsController],
  providers: [RoundsService],
  exports: [RoundsService, BudgetModule],
})
export class RoundsModule {}
