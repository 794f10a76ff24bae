import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditController, OutboxController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { ChangeRecorder } from './change-recorder.js';

/** The one change path (ChangeRecorder: change, audit entry and outbox event in one transaction) and its logs. */
@Module({
  imports: [AccessModule],
  controllers: [AuditController, OutboxController],
  providers: [AuditService, ChangeRecorder],
  exports: [ChangeRecorder],
})
export class AuditModule {}
