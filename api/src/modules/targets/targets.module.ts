import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { RelocatedShopsModule } from '../relocated-shops/relocated-shops.module.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { TargetsController } from './targets.controller.js';
import { TargetsService } from './targets.service.js';

/** 目标看板: the city's 2023 targets against the monthly figures and the counts city staff observe. */
@Module({
  imports: [AccessModule, AuditModule, StatisticsModule, RelocatedShopsModule],
  controllers: [TargetsController],
  providers: [TargetsService],
})
export class TargetsModule {}
