import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EditionsModule } from '../editions/editions.module.js';
import { FactsModule } from '../facts/facts.module.js';
import { RoundsModule } from '../rounds/rounds.module.js';
import { MatchingService } from './matching.service.js';
import { ProactiveTimer } from './proactive-timer.js';

/**
 * Proactive matching (免申即享) and reminders: events in the outbox for the notifications
 * dispatcher. Nothing imports it; it hears of rounds and facts through ChangeRecorder.onCommitted.
 */
@Module({
  imports: [AuditModule, EditionsModule, FactsModule, RoundsModule],
  providers: [MatchingService, ProactiveTimer],
  exports: [MatchingService],
})
export class MatchingModule {}
