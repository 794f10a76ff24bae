import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { CommendationsController } from './commendations.controller.js';
import { CommendationsService } from './commendations.service.js';

/** 通报表扬 (一、四、五): computed from the monthly figures (十二), published by the city. */
@Module({
  imports: [AccessModule, AuditModule, EditionsModule, StatisticsModule],
  controllers: [CommendationsController],
  providers: [CommendationsService],
  exports: [CommendationsService],
})
export class CommendationsModule {}
