import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { UserAddresses } from '../auth/user-addresses.js';
import { EditionsModule } from '../editions/editions.module.js';
import { NotificationDispatcher } from './dispatcher.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** Notifications: the outbox's events delivered to the inbox and WeChat, exactly once (issue 11). */
@Module({
  imports: [AccessModule, AuditModule, EditionsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationDispatcher, UserAddresses],
  exports: [NotificationsService],
})
export class NotificationsModule {}
