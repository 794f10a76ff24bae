import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { type MarkReadResult, type NotificationList, type NotificationSettings } from '@huiqi/shared';
import { CurrentUser } from '../../common/auth.js';
import { Operation } from '../../common/contract.js';
import { type Principal } from '../../common/tokens.js';
import { MarkReadDto, NotificationQueryDto, NotificationSettingsDto, SubscriptionDto } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The signed-in user's inbox (消息), subscription credits and settings. */
@Controller('v1/me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Operation('listNotifications')
  @Get('notifications')
  list(@CurrentUser() user: Principal, @Query() query: NotificationQueryDto): Promise<NotificationList> {
    return this.notifications.list(user, query);
  }

  @Operation('markNotificationsRead')
  @Post('notifications/read')
  @HttpCode(200)
  markRead(@CurrentUser() user: Principal, @Body() body: MarkReadDto): Promise<MarkReadResult> {
    return this.notifications.markRead(user, body.ids);
  }

  @Operation('getNotificationSettings')
  @Get('notification-settings')
  settings(@CurrentUser() user: Principal): Promise<NotificationSettings> {
    return this.notifications.settings(user);
  }

  @Operation('putNotificationSettings')
  @Put('notification-settings')
  putSettings(@CurrentUser() user: Principal, @Body() body: NotificationSettingsDto): Promise<NotificationSettings> {
    return this.notifications.putSettings(user, body);
  }

  @Operation('recordSubscriptions')
  @Post('subscriptions')
  @HttpCode(200)
  subscriptions(@CurrentUser() user: Principal, @Body() body: SubscriptionDto): Promise<NotificationSettings> {
    return this.notifications.recordSubscriptions(user, body);
  }
}
