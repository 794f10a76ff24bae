import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { type NotificationKind } from '@huiqi/shared';

/**
 * One message in a user's inbox (消息). An outbox event reaches a user's inbox once: the unique
 * (outbox_id, user_id) makes a dispatcher's retry, or a second dispatcher, harmless.
 */
@Entity('notifications')
@Index('uq_notifications_outbox_user', ['outboxId', 'userId'], { unique: true })
@Index('idx_notifications_user', ['userId', 'outboxId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_notifications' })
  id!: number;

  // A user's inbox goes with the user.
  @ForeignKey('users', { name: 'fk_notifications_user_id', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @ForeignKey('orgs', { name: 'fk_notifications_org_id', onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'int', nullable: true })
  orgId!: number | null;

  @ForeignKey('applications', { name: 'fk_notifications_application_id', onDelete: 'RESTRICT' })
  @Column({ name: 'application_id', type: 'int', nullable: true })
  applicationId!: number | null;

  @Column({ name: 'program_id', type: 'varchar', length: 48, nullable: true })
  programId!: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 64 })
  title!: string;

  @Column({ type: 'varchar', length: 1000 })
  body!: string;

  /** The event it tells of. */
  @ForeignKey('outbox', { name: 'fk_notifications_outbox_id', onDelete: 'RESTRICT' })
  @Column({ name: 'outbox_id', type: 'int' })
  outboxId!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt!: Date | null;
}

export type DeliveryChannel = 'wechat';

/**
 * `pending`: a credit is spent and the send not yet confirmed (a retry may send it); `sent`;
 * `skipped`: not sent and never will be (no credit, no openid, 43101: the inbox has it);
 * `failed`: given up.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'skipped' | 'failed';

/** One event's delivery to one user on one channel besides the inbox: at most one row, so at most one send. */
@Entity('notification_deliveries')
@Index('uq_notification_deliveries_outbox_channel_user', ['outboxId', 'channel', 'userId'], { unique: true })
@Index('idx_notification_deliveries_user', ['userId'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_notification_deliveries' })
  id!: number;

  @ForeignKey('outbox', { name: 'fk_notification_deliveries_outbox_id', onDelete: 'RESTRICT' })
  @Column({ name: 'outbox_id', type: 'int' })
  outboxId!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: DeliveryChannel;

  @ForeignKey('users', { name: 'fk_notification_deliveries_user_id', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'template_id', type: 'varchar', length: 64, nullable: true })
  templateId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** What the user granted in wx.requestSubscribeMessage: each accept is one message WeChat lets us send. */
@Entity('subscription_credits')
@Index('uq_subscription_credits_user_template', ['userId', 'templateId'], { unique: true })
export class SubscriptionCreditEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'pk_subscription_credits' })
  id!: number;

  @ForeignKey('users', { name: 'fk_subscription_credits_user_id', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId!: string;

  @Column({ type: 'int', default: 0 })
  remaining!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** A user's notification preferences; no row: the defaults. */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @ForeignKey('users', { name: 'fk_notification_settings_user_id', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'user_id', type: 'int', primaryKeyConstraintName: 'pk_notification_settings' })
  userId!: number;

  /** Proactive matches (政策找企业). */
  @Column({ name: 'proactive_matches', type: 'boolean', default: true })
  proactiveMatches!: boolean;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
