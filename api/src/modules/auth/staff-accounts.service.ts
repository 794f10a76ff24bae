import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CreateStaffRequest,
  isCountyId,
  type StaffAccountView,
  type StaffList,
  type StaffListQuery,
  type StaffPasswordReset,
} from '@huiqi/shared';
import { DataSource, type EntityManager, type FindOptionsWhere, IsNull, Not } from 'typeorm';
import { AccountGate } from '../../common/account-gate.js';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { recordStaffCreation } from './staff.js';
import { UserEntity } from './user.entity.js';

export const STAFF_PAGE_SIZE = 20;

/** A staff account as the administrator reads it: never its password hash. */
const staffView = (user: UserEntity) =>
  ({
    id: user.id,
    username: user.username ?? '',
    displayName: user.displayName,
    role: user.role,
    county: user.county !== null && isCountyId(user.county) ? user.county : null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  }) satisfies StaffAccountView;

// Letters and digits without the look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand survives.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const GENERATED_LENGTH = 16;

/**
 * A new random password (16 characters from 56: about 93 bits), with letters and digits, so it
 * passes the staff password rule by construction.
 */
export const generatePassword = (): string => {
  const alphabet = LETTERS + DIGITS;
  for (;;) {
    const password = Array.from({ length: GENERATED_LENGTH }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (passwordProblem(password) === null) return password;
  }
};

/**
 * Staff accounts, managed by administrators: list, create, reset a password, disable, enable.
 * Each change goes through the one change path; passwords and hashes never reach the audit log.
 */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
  ) {}

  async list(principal: Principal, query: StaffListQuery): Promise<StaffList> {
    await this.access.requireAccess(principal, 'staff.manage', { kind: 'service' });
    const where: FindOptionsWhere<UserEntity> = { kind: 'staff' };
    if (query.role) where.role = query.role;
    if (query.county) where.county = query.county;
    if (query.disabled === 'true') where.disabledAt = Not(IsNull());
    if (query.disabled === 'false') where.disabledAt = IsNull();
    const page = query.page ?? 1;
    const [rows, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      where,
      order: { id: 'ASC' },
      skip: (page - 1) * STAFF_PAGE_SIZE,
      take: STAFF_PAGE_SIZE,
    });
    return { accounts: rows.map(staffView), total, page, pageSize: STAFF_PAGE_SIZE };
  }

  async create(principal: Principal, request: CreateStaffRequest): Promise<StaffAccountView> {
    await this.access.requireAccess(principal, 'staff.manage', { kind: 'service' });
    const input = {
      username: request.username,
      password: request.password,
      role: request.role,
      ...(request.county === undefined ? {} : { county: request.county }),
      ...(request.displayName ? { displayName: request.displayName } : {}),
    };
    return staffView(await recordStaffCreation(this.changes, this.dataSource, principal, input));
  }

  /**
   * A new password made here and answered once (only its hash is kept); every session of the
   * account ends, so whoever held the old password is signed out too.
   */
  async resetPassword(principal: Principal, id: number): Promise<StaffPasswordReset> {
    await this.access.requireAccess(principal, 'staff.manage', { kind: 'service' });
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const account = await this.changes.recordChange(principal, 'user.password-reset', async (m) => {
      const user = await this.lockStaff(m, id);
      await m.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      const revokedTokens = await this.revokeSessions(m, user.id);
      return {
        result: staffView(user),
        change: {
          subject: { entity: 'user', id: user.id, orgId: null },
          // That it happened and what it ended; never the password or its hash.
          after: { passwordReset: true, revokedTokens },
          event: { userId: user.id, revokedTokens },
        },
      };
    });
    return { account, password };
  }

  /**
   * Disables an account: it cannot sign in, its refresh tokens are revoked here and its access
   * tokens are refused from now on (AccountGate). Not oneself, not the last enabled administrator.
   */
  async disable(principal: Principal, id: number): Promise<StaffAccountView> {
    await this.access.requireAccess(principal, 'staff.manage', { kind: 'service' });
    return this.changes.recordChange(principal, 'user.disabled', async (m) => {
      const user = await this.lockStaff(m, id);
      if (user.id === principal.userId) throw new AppError('CONFLICT', '不能停用自己的账号，请由另一位系统管理员操作');
      if (user.disabledAt) return { result: staffView(user), change: null };
      if (user.role === 'admin') {
        // Every enabled administrator locked, so two administrators disabling each other at once queue here.
        const admins = await m
          .getRepository(UserEntity)
          .find({ where: { kind: 'staff', role: 'admin', disabledAt: IsNull() }, lock: this.tx.lock });
        if (!admins.some((a) => a.id !== user.id))
          throw new AppError('CONFLICT', '不能停用最后一位启用中的系统管理员，请先新建或启用另一位系统管理员');
      }
      const disabledAt = this.clock.now();
      await m.getRepository(UserEntity).update({ id: user.id }, { disabledAt });
      const revokedTokens = await this.revokeSessions(m, user.id);
      return {
        result: staffView({ ...user, disabledAt }),
        change: {
          subject: { entity: 'user', id: user.id, orgId: null },
          before: { disabledAt: null },
          after: { disabledAt: disabledAt.toISOString(), revokedTokens },
          event: { userId: user.id, revokedTokens },
        },
      };
    });
  }

  async enable(principal: Principal, id: number): Promise<StaffAccountView> {
    await this.access.requireAccess(principal, 'staff.manage', { kind: 'service' });
    return this.changes.recordChange(principal, 'user.enabled', async (m) => {
      const user = await this.lockStaff(m, id);
      if (!user.disabledAt) return { result: staffView(user), change: null };
      await m.getRepository(UserEntity).update({ id: user.id }, { disabledAt: null });
      return {
        result: staffView({ ...user, disabledAt: null }),
        change: {
          subject: { entity: 'user', id: user.id, orgId: null },
          before: { disabledAt: user.disabledAt.toISOString() },
          after: { disabledAt: null },
          event: { userId: user.id },
        },
      };
    });
  }

  /** A staff account, locked for the change; applicants and demo accounts are not staff accounts here. */
  private async lockStaff(m: EntityManager, id: number): Promise<UserEntity> {
    const user = await m.getRepository(UserEntity).findOne({ where: { id, kind: 'staff' }, lock: this.tx.lock });
    if (!user) throw new AppError('NOT_FOUND', '工作人员账号不存在');
    return user;
  }

  /** Ends every session of the account: its live refresh tokens are revoked. */
  private async revokeSessions(m: EntityManager, userId: number): Promise<number> {
    const result = await m
      .getRepository(RefreshTokenEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }
}

/** AccountGate over the users table: one primary-key read per staff request. */
@Injectable()
export class DisabledAccounts extends AccountGate {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isDisabled(userId: number): Promise<boolean> {
    // One column by primary key through the query builder: about half of what findOne costs (docs/security.md).
    const row = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.disabled_at', 'disabledAt')
      .where('u.id = :userId', { userId })
      .getRawOne<{ disabledAt: unknown }>();
    // A token whose account is gone names no one who may act.
    return !row || row.disabledAt !== null;
  }
}
