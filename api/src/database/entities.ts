import { MembershipEntity } from '../modules/access/membership.entity.js';
import { ApplicationEntity } from '../modules/applications/application.entity.js';
import { MaterialSlotEntity } from '../modules/applications/material-slot.entity.js';
import { ObjectionEntity } from '../modules/applications/objection.entity.js';
import { AuditChainHeadEntity } from '../modules/audit/audit-chain-head.entity.js';
import { AuditEntity } from '../modules/audit/audit.entity.js';
import { PoolHoldEntity } from '../modules/budget/pool-hold.entity.js';
import { PoolLedgerEntity } from '../modules/budget/pool-ledger.entity.js';
import { RoundPoolEntity } from '../modules/budget/round-pool.entity.js';
import { OutboxEntity } from '../modules/audit/outbox.entity.js';
import { LoginThrottleEntity } from '../modules/auth/login-throttle.entity.js';
import { RefreshTokenEntity } from '../modules/auth/refresh-token.entity.js';
import { UserEntity } from '../modules/auth/user.entity.js';
import { EditionContentEntity, EditionEntity, EditionVersionEntity } from '../modules/editions/edition.entity.js';
import { FactChangeEntity, FactEntity } from '../modules/facts/fact.entity.js';
import { FileEntity } from '../modules/files/file.entity.js';
import {
  NotificationDeliveryEntity,
  NotificationEntity,
  NotificationSettingsEntity,
  SubscriptionCreditEntity,
} from '../modules/notifications/notification.entity.js';
import { RoundMatchEntity } from '../modules/matching/round-match.entity.js';
import { InviteEntity } from '../modules/orgs/invite.entity.js';
import { OrgEntity } from '../modules/orgs/org.entity.js';
import { RoundEntity } from '../modules/rounds/round.entity.js';
import { CountyMonthlyFiguresEntity, ProvinceAveragesEntity } from '../modules/statistics/statistics.entity.js';
import { RelocatedShopEntity } from '../modules/relocated-shops/relocated-shop.entity.js';
import { CommendationPublicationEntity } from '../modules/commendations/commendation-publication.entity.js';
import { TargetObservationEntity } from '../modules/targets/target-observation.entity.js';
import { ParkEvaluationEntity, ParkScoreEntity } from '../modules/parks/park-evaluation.entity.js';
import { ReferralEntity } from '../modules/referrals/referral.entity.js';
import { StreamerTraineeEntity, TalentHireEntity } from '../modules/rosters/roster.entities.js';
import { WhitelistApplicationEntity } from '../modules/whitelist/whitelist-application.entity.js';

/** Registered as classes, not globs, so the same list works under jest and from dist/. */
export const ENTITIES = [
  UserEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
  OrgEntity,
  MembershipEntity,
  InviteEntity,
  FactEntity,
  FactChangeEntity,
  EditionEntity,
  EditionContentEntity,
  EditionVersionEntity,
  ApplicationEntity,
  AuditEntity,
  AuditChainHeadEntity,
  OutboxEntity,
  FileEntity,
  MaterialSlotEntity,
  RoundEntity,
  RoundPoolEntity,
  PoolHoldEntity,
  PoolLedgerEntity,
  ObjectionEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  SubscriptionCreditEntity,
  NotificationSettingsEntity,
  RoundMatchEntity,
  CountyMonthlyFiguresEntity,
  ProvinceAveragesEntity,
  RelocatedShopEntity,
  CommendationPublicationEntity,
  TargetObservationEntity,
  ReferralEntity,
  ParkEvaluationEntity,
  ParkScoreEntity,
  WhitelistApplicationEntity,
  TalentHireEntity,
  StreamerTraineeEntity,
];
