import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { RelocatedShopsModule } from '../relocated-shops/relocated-shops.module.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsService } from './statistics.service.js';

/** 十二、电商运行监测: counties' monthly figures, their import, the province's averages, the monthly feedback. */
@Module({
  imports: [AccessModule, AuditModule, RelocatedShopsModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
