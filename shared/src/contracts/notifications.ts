import { type ProgramId } from './catalogue';

/**
 * What a notification is about, by the event that made it: the review path's status changes,
 * reminders, and proactive matches (政策找企业).
 */
export type NotificationKind =
  | 'submitted'
  | 'returned'
  | 'material-rejected'
  | 'approved'
  | 'notice-started'
  | 'notice-ended'
  | 'objection-filed'
  | 'objection-decided'
  | 'rejected'
  | 'paid'
  | 'supplement-due'
  | 'round-closing'
  | 'match'
  /** A referral (转介, 第七条、第十一条) moved on by the city. */
  | 'referral'
  /** A relocated shop (迁入店铺, 第五条) verified or refused by its county. */
  | 'relocated-shop'
  /** A whitelist recommendation (白名单推荐, 第八条) decided by the city. */
  | 'whitelist';

/** One message in a user's inbox (消息). */
export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** A short Chinese title, e.g. 申报被退回补正. */
  title: string;
  /** The Chinese message, as written for the firm: what happened and what to do (amounts, dates, items). */
  body: string;
  /** The application it is about (opens 申报详情), or null (a proactive match names a program instead). */
  applicationId: number | null;
  /** A proactive match's program, to start an application from; null otherwise. */
  programId: ProgramId | null;
  orgId: number | null;
  createdAt: string;
  /** Null while unread. */
  readAt: string | null;
}

/** `GET /api/v1/me/notifications?before=&limit=`: newest first, in the order the events happened. */
export interface NotificationList {
  notifications: NotificationView[];
  unread: number;
  /** The `before` of the next (older) page, or null on the last (a cursor: pass it back as it is). */
  next: number | null;
}

/** `GET /api/v1/me/notifications?…`. */
export interface NotificationQuery {
  /**
   * @asType integer
   * @minimum 1
   */
  before?: number;
  /**
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  limit?: number;
  /** `true`: unread only. */
  unread?: 'true' | 'false';
}

/** `POST /api/v1/me/notifications/read`: some messages, or all of them, marked read. */
export interface MarkReadRequest {
  /**
   * The messages to mark; omitted: every message of the caller.
   * @maxItems 100
   */
  ids?: number[];
}

/** `POST /api/v1/me/notifications/read`'s answer. */
export interface MarkReadResult {
  marked: number;
  unread: number;
}

/**
 * `POST /api/v1/me/subscriptions`: what the user answered to `wx.requestSubscribeMessage`, per
 * template id: each `accept` is one credit (one message WeChat lets us send).
 */
export interface SubscriptionRequest {
  /**
   * @minItems 1
   * @maxItems 10
   */
  results: {
    /** @maxLength 64 */
    templateId: string;
    /** WeChat's answer for the template: accept, reject, ban, filter. */
    answer: 'accept' | 'reject' | 'ban' | 'filter';
  }[];
}

/** The user's subscription credits and preferences. */
export interface NotificationSettings {
  /** Credits left per template id (one WeChat message each). */
  credits: { templateId: string; purpose: string; remaining: number }[];
  /** The templates the mini-program asks for, by purpose, from the API's configuration. */
  templates: { templateId: string; purpose: string }[];
  /** Proactive matches (政策找企业): told when a round opens for a program the firm looks eligible for. */
  proactiveMatches: boolean;
}

/** `PUT /api/v1/me/notification-settings`. */
export interface NotificationSettingsRequest {
  proactiveMatches: boolean;
}
