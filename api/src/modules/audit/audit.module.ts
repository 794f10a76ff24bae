import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditChain } from './audit-chain.js';
import { AuditTrail } from './audit-trail.js';
import { AuditController, OutboxController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { ChangeRecorder } from './change-recorder.js';
import { OutboxQueue } from './outbox-queue.js';

/**
 * The one change path (ChangeRecorder: change, audit entry and outbox event in one transaction), its logs, and
 * one record's entries for the module that tells that record's story (AuditTrail), and the check of
 * the audit chain (AuditChain).
 */
@Module({
  imports: [AccessModule],
  controllers: [AuditController, OutboxController],
  providers: [AuditChain, AuditService, AuditTrail, ChangeRecorder, OutboxQueue],
  exports: [AuditTrail, ChangeRecorder, OutboxQueue],
})
export class AuditModule {}
