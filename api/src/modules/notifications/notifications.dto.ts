// The notification routes' bodies and queries (their class-validator rules come with the service).
import {
  type MarkReadRequest,
  type NotificationQuery,
  type NotificationSettingsRequest,
  type SubscriptionRequest,
} from '@huiqi/shared';

export class NotificationQueryDto implements NotificationQuery {
  before?: number;
  limit?: number;
  unread?: 'true' | 'false';
}
export class MarkReadDto implements MarkReadRequest {
  ids?: number[];
}
export class NotificationSettingsDto implements NotificationSettingsRequest {
  proactiveMatches!: boolean;
}
export class SubscriptionDto implements SubscriptionRequest {
  results!: SubscriptionRequest['results'];
}
