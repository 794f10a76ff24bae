import { Injectable } from '@nestjs/common';
import {
  type MarkReadResult,
  type NotificationList,
  type NotificationQuery,
  type NotificationSettings,
  type NotificationSettingsRequest,
  type SubscriptionRequest,
} from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';

const unbuilt = (): never => {
  throw new Error('notifications are being built (issue 11)');
};

/** The inbox, subscription credits and settings (issue 11: being built). */
@Injectable()
export class NotificationsService {
  list(_p: Principal, _query: NotificationQuery): Promise<NotificationList> {
    return unbuilt();
  }
  markRead(_p: Principal, _ids: number[] | undefined): Promise<MarkReadResult> {
    return unbuilt();
  }
  settings(_p: Principal): Promise<NotificationSettings> {
    return unbuilt();
  }
  putSettings(_p: Principal, _body: NotificationSettingsRequest): Promise<NotificationSettings> {
    return unbuilt();
  }
  recordSubscriptions(_p: Principal, _body: SubscriptionRequest): Promise<NotificationSettings> {
    return unbuilt();
  }
}
