import { Module } from '@nestjs/common';
import { BudgetService } from './budget.service.js';

/** The pools of each round and their ledger. Imports no feature module: the workflow calls it. */
@Module({
  providers: [BudgetService],
  exports: [BudgetService],
})
export class BudgetModule {}
