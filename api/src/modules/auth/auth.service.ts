import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CountyId, isCountyId, type Session, type SessionUser } from '@huiqi/shared';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { retryDeadlocks } from '../../database/driver-errors.js';
import { Transactions } from '../../database/transactions.js';
import { WechatClient } from '../../wechat/wechat.client.js';
import { ChangeRecorder, type Outcome } from '../audit/change-recorder.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { hashToken, newRefreshToken, type Principal, TokenSigner } from '../../common/tokens.js';
import { ROLE_LABELS, type Role } from '../../common/roles.js';
import { UserEntity } from './user.entity.js';

/** The account as the wire shows it (a county reviewer's county; null for everyone else). */
const sessionUser = (user: UserEntity) =>
  ({
    id: user.id,
    role: user.role,
    // Only a county id is ever stored (the demo sign-in and the staff command line check it).
    county: user.county !== null && isCountyId(user.county) ? user.county : null,
    displayName: user.displayName,
  }) satisfies SessionUser;

const principalOf = (user: UserEntity): Principal => ({ userId: user.id, role: user.role, county: user.county });

@Injectable()
export class AuthService {
  /** What an unknown username's password is checked against, so it costs what a real check costs. */
  private readonly dummyHash = hashPassword(randomBytes(32).toString('base64url'));

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly signer: TokenSigner,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    private readonly changes: ChangeRecorder,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  /**
   * Opens a session: a short-lived access token and a stored, rotating refresh token, in a new
   * family unless it continues one (a rotation).
   */
  private async session(
    user: UserEntity,
    manager: EntityManager = this.dataSource.manager,
    familyId: string = randomUUID(),
  ): Promise<Session> {
    const { accessToken, expiresIn } = this.signer.issue(principalOf(user));
    const { token, hash } = newRefreshToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.refreshTokenTtlDays * 86_400_000);
    await manager.getRepository(RefreshTokenEntity).insert({ userId: user.id, familyId, tokenHash: hash, expiresAt });
    return { accessToken, refreshToken: token, expiresIn, user: sessionUser(user) } satisfies Session;
  }

  /** wx.login's code → WeChat's openid → our user (created on first sign-in as an applicant). */
  async wechatLogin(code: string): Promise<Session> {
    const { openid } = await this.wechat.code2Session(code);
    return this.session(await this.userByOpenid(openid, 'wechat', 'applicant', null, '微信用户'));
  }

  /** AUTH_DEMO only: the same session an ordinary sign-in gives, for the H5 build and outside checks. */
  async demoLogin(role: Role, county: CountyId | undefined, openid: string | undefined): Promise<Session> {
    if (role === 'county-reviewer' && !county)
      throw new AppError('INVALID_REQUEST', '县级审核员需要指定 county', [
        { field: 'county', message: '县级审核员需要指定所在县（市、区）' },
      ]);
    const id = `demo-${openid ?? (county ? `${role}-${county}` : role)}`;
    const user = await this.userByOpenid(
      id,
      'demo',
      role,
      role === 'county-reviewer' ? (county ?? null) : null,
      `【演示】${ROLE_LABELS[role]}`,
    );
    if (user.role !== role) throw new AppError('CONFLICT', '该演示账号已用于其他角色，请换一个 openid');
    return this.session(user);
  }

  private async userByOpenid(
    openid: string,
    kind: 'wechat' | 'demo',
    role: Role,
    county: string | null,
    displayName: string,
  ): Promise<UserEntity> {
    const existing = await this.users.findOneBy({ openid });
    if (existing) return existing;
    try {
      return await this.changes.recordChange('system', 'user.created', async (m) => {
        const created = await m
          .getRepository(UserEntity)
          .save(m.getRepository(UserEntity).create({ kind, openid, role, county, displayName }));
        return {
          result: created,
          change: {
            actor: principalOf(created),
            subject: { entity: 'user', id: created.id, orgId: null },
            after: { kind, role, county },
            event: { userId: created.id, kind, role, county },
          },
        };
      });
    } catch (error) {
      // Two first sign-ins at once: the unique openid lets one win; the other reads it.
      const raced = await this.users.findOneBy({ openid });
      if (raced) return raced;
      throw error;
    }
  }

  /**
   * Staff sign-in. Each attempt is first claimed from the throttle (per username and client
   * address, growing delays); a username that does not exist is counted, checked and refused
   * exactly like a wrong password, so neither the answers nor their time tell which names exist.
   */
  async staffLogin(username: string, password: string, address: string): Promise<Session> {
    // Staff usernames are lower case (staffProblems), and matched exactly below: MariaDB's
    // case- and accent-insensitive collation must not give one account several spellings, each
    // with a count of its own.
    const name = username.trim().toLowerCase();
    const key = this.throttle.keyOf(name, address);
    await this.throttle.claim(key);
    const found = await this.users.findOneBy({ username: name, kind: 'staff' });
    const user = found?.username === name && found.passwordHash ? found : null;
    // One scrypt check either way: against a hash of a random secret when there is no such user.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !matches) {
      await this.throttle.prune();
      throw new AppError('UNAUTHENTICATED', '用户名或密码不正确');
    }
    // Said only to whoever knows the password: a stranger cannot learn that the name exists. The
    // attempt stays counted, so a disabled account's password is no free guess either.
    if (user.disabledAt) throw new AppError('FORBIDDEN', '账号已停用，请联系系统管理员');
    await this.throttle.succeeded(key);
    return this.session(user);
  }

  /**
   * Rotates a refresh token: the old one stops working, a new one of the same family takes over.
   * A token already rotated or revoked that comes back was copied (by a thief, or it is the thief
   * coming back after the owner rotated): the whole family is revoked, the successor too.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const now = this.clock.now();
    // A rotation is routine and not audited; a replay that revokes a live family is a change
    // (recorded, and announced through the outbox).
    const outcome = await retryDeadlocks(() =>
      this.changes.recordChange<'session.refresh-replayed', Session | 'refused' | 'replayed'>(
        'system',
        'session.refresh-replayed',
        async (m) => {
          const tokens = m.getRepository(RefreshTokenEntity);
          // The presented token's row is locked first (FOR UPDATE on MariaDB; SQLite runs one
          // transaction at a time), so concurrent uses of one token queue: each later one then sees
          // the successor the first inserted, and revoking the family reaches it.
          const stored = await tokens.findOne({ where: { tokenHash: hashToken(refreshToken) }, lock: this.tx.lock });
          if (!stored) return { result: 'refused', change: null };
          if (stored.revokedAt) return this.revokeReplayed(m, stored);
          if (stored.expiresAt <= now) return { result: 'refused', change: null };
          await tokens.update({ id: stored.id }, { revokedAt: now });
          const user = await m.getRepository(UserEntity).findOneByOrFail({ id: stored.userId });
          // Disabling revokes every token too; this holds should one be issued around it.
          if (user.disabledAt) return { result: 'refused', change: null };
          return { result: await this.session(user, m, stored.familyId), change: null };
        },
      ),
    );
    if (typeof outcome === 'string') throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return outcome;
  }

  private async revokeReplayed(
    m: EntityManager,
    stored: RefreshTokenEntity,
  ): Promise<Outcome<'session.refresh-replayed', 'replayed'>> {
    const revoked = await this.revokeFamily(m, stored.familyId);
    // Only a family that still had a live token is news: replays of a dead family change nothing.
    return {
      result: 'replayed',
      change:
        revoked > 0
          ? {
              subject: { entity: 'user', id: stored.userId, orgId: null },
              after: { revokedTokens: revoked },
              event: { userId: stored.userId, revokedTokens: revoked },
            }
          : null,
    };
  }

  private async revokeFamily(m: EntityManager, familyId: string): Promise<number> {
    const result = await m
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }

  /** Ends the session: every token of the family, so a copy rotated by someone else dies too. */
  async logout(refreshToken: string): Promise<void> {
    await retryDeadlocks(() =>
      this.tx.run(async (m) => {
        const stored = await m
          .getRepository(RefreshTokenEntity)
          .findOne({ where: { tokenHash: hashToken(refreshToken) }, lock: this.tx.lock });
        if (stored) await this.revokeFamily(m, stored.familyId);
      }),
    );
  }

  async me(principal: Principal): Promise<SessionUser> {
    const user = await this.users.findOneBy({ id: principal.userId });
    if (!user) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    return sessionUser(user);
  }
}
