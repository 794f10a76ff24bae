import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A user's notification settings; no row: the defaults (proactive matches on). The table belongs
 * to the notifications module (ws-notify), which writes it; matching only reads it. Created here
 * because matching needed it first: one entity for the table when the two are merged.
 */
@Entity('notification_settings')
export class NotificationSettingEntity {
  @ForeignKey('users', { name: 'fk_notification_settings_user_id', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'user_id', type: 'int', primaryKeyConstraintName: 'pk_notification_settings' })
  userId!: number;

  /** Whether the user is told of programs the firm looks eligible for (免申即享). */
  @Column({ name: 'proactive_matches', type: 'boolean', default: true })
  proactiveMatches!: boolean;
}
