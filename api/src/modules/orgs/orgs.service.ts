import { Injectable } from '@nestjs/common';
import {
  type CountyId,
  countyName,
  type Invite,
  type MemberRole,
  type OrgType,
  orgTypeName,
  type OrgView,
} from '@huiqi/shared';
import { createHash, randomInt } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors.js';
import { maskName, maskPhone } from '../../common/masking.js';
import { Transactions } from '../../database/transactions.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { type Principal } from '../../common/tokens.js';
import { AccessService } from '../access/access.service.js';
import { InviteEntity } from './invite.entity.js';
import { OrgEntity } from './org.entity.js';
import { type CreateOrgDto, type UpdateOrgDto } from './orgs.dto.js';

const INVITE_DAYS = 7;
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const hashCode = (code: string): string => createHash('sha256').update(code).digest('hex');

/** Database rows never reach the client: a firm's own members see its data, others see it masked. */
export const toOrgView = (org: OrgEntity, myRole: MemberRole | null) => {
  const own = myRole !== null;
  return {
    id: org.id,
    uscc: org.uscc,
    name: org.name,
    county: org.county,
    countyName: countyName(org.county),
    orgTypes: org.orgTypes,
    orgTypeNames: org.orgTypes.map(orgTypeName),
    legalRepresentative: own ? org.legalRepresentative : maskName(org.legalRepresentative),
    contactName: own ? org.contactName : maskName(org.contactName),
    contactPhone: own ? org.contactPhone : maskPhone(org.contactPhone),
    demo: org.demo,
    myRole,
  } satisfies OrgView;
};

@Injectable()
export class OrgsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  async create(principal: Principal, dto: CreateOrgDto): Promise<OrgView> {
    await this.access.requireAccess(principal, 'org.register', { kind: 'service' });
    const taken = await this.dataSource.getRepository(OrgEntity).existsBy({ uscc: dto.uscc });
    if (taken) throw usccTaken();
    try {
      return await this.changes.recordChange(principal, 'org.registered', async (m) => {
        const org = await m
          .getRepository(OrgEntity)
          .save(
            m
              .getRepository(OrgEntity)
              .create({ ...dto, orgTypes: [...new Set(dto.orgTypes)], createdBy: principal.userId }),
          );
        await this.access.addMember(m, org.id, principal.userId, 'admin');
        return {
          result: toOrgView(org, 'admin'),
          change: {
            subject: { entity: 'org', id: org.id, orgId: org.id },
            after: dto,
            event: { orgId: org.id, name: org.name, county: org.county },
          },
        };
      });
    } catch (error) {
      // Two registrations of one code at once: the unique index decides, the loser is told why.
      if (await this.dataSource.getRepository(OrgEntity).existsBy({ uscc: dto.uscc })) throw usccTaken();
      throw error;
    }
  }

  /** The firm's name, credit code and county as they stand now: what a submission fixes on itself. */
  async firmOf(
    orgId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ name: string; uscc: string; county: CountyId }> {
    const { name, uscc, county } = await manager.getRepository(OrgEntity).findOneByOrFail({ id: orgId });
    return { name, uscc, county };
  }

  /** The firm as the whitelist (第八条) fixes it on an application: firmOf and the kinds it is registered as. */
  async profileOf(
    orgId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ name: string; uscc: string; county: CountyId; orgTypes: OrgType[] }> {
    const { name, uscc, county, orgTypes } = await manager.getRepository(OrgEntity).findOneByOrFail({ id: orgId });
    return { name, uscc, county, orgTypes };
  }

  /** The firm's id by its credit code (USCC), or null. */
  async idByUscc(uscc: string): Promise<number | null> {
    const org = await this.dataSource.getRepository(OrgEntity).findOne({ select: { id: true }, where: { uscc } });
    return org?.id ?? null;
  }

  /**
   * Locks the firm's row until the caller's transaction ends: what serialises decisions about
   * one firm across its applications (the per-enterprise cap of measures 二 and 六).
   */
  async lock(m: EntityManager, orgId: number, lock: { mode: 'pessimistic_write' } | undefined): Promise<void> {
    await m.getRepository(OrgEntity).findOne({ where: { id: orgId }, ...(lock ? { lock } : {}) });
  }

  /** Firms' names by id, for reports over many firms (the edition preview). */
  async namesOf(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const orgs = await this.dataSource
      .getRepository(OrgEntity)
      .find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  /**
   * Firms' records by id, for the referrals and the park evaluation (their views and the bank's
   * data summary): the registration as it stands now.
   */
  async recordsOf(
    ids: readonly number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, OrgRecord>> {
    if (ids.length === 0) return new Map();
    const orgs = await manager.getRepository(OrgEntity).find({ where: { id: In([...new Set(ids)]) } });
    return new Map(orgs.map((o) => [o.id, recordOf(o)]));
  }

  /** The firms registered with this type (第八条's parks: ecommerce-park), in id order. */
  async ofType(type: OrgType, manager: EntityManager = this.dataSource.manager): Promise<OrgRecord[]> {
    const orgs = await manager
      .getRepository(OrgEntity)
      .createQueryBuilder('o')
      // A JSON list of ids: its text holds each id in quotes on both engines; checked again below.
      .where('o.orgTypes LIKE :type', { type: `%"${type}"%` })
      .orderBy('o.id', 'ASC')
      .getMany();
    return orgs.filter((o) => o.orgTypes.includes(type)).map(recordOf);
  }

  async mine(principal: Principal): Promise<OrgView[]> {
    const memberships = await this.access.membershipsOf(principal.userId);
    if (memberships.length === 0) return [];
    const orgs = await this.dataSource
      .getRepository(OrgEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids: memberships.map((m) => m.orgId) })
      .orderBy('o.id', 'ASC')
      .getMany();
    const roles = new Map(memberships.map((m) => [m.orgId, m.role]));
    return orgs.map((o) => toOrgView(o, roles.get(o.id) ?? null));
  }

  async get(principal: Principal, orgId: number): Promise<OrgView> {
    const { memberRole } = await this.access.requireAccess(principal, 'org.read', { kind: 'org', orgId });
    return toOrgView(await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: orgId }), memberRole);
  }

  async update(principal: Principal, orgId: number, dto: UpdateOrgDto): Promise<OrgView> {
    return this.changes.recordChange(principal, 'org.updated', async (m) => {
      await this.access.requireAccess(principal, 'org.manage', { kind: 'org', orgId }, m);
      const repo = m.getRepository(OrgEntity);
      const before = await repo.findOneOrFail({ where: { id: orgId }, lock: this.tx.lock });
      const after = repo.merge(repo.create({ ...before }), { ...dto });
      await repo.save(after);
      return {
        result: toOrgView(after, 'admin'),
        change: {
          subject: { entity: 'org', id: orgId, orgId },
          before: pick(before, Object.keys(dto)),
          after: dto,
          event: { orgId, fields: Object.keys(dto) },
        },
      };
    });
  }

  /** A one-time code (8 characters, 7 days), shown once; only its hash is stored. */
  async invite(principal: Principal, orgId: number): Promise<Invite> {
    return this.changes.recordChange(principal, 'org.invite-created', async (m) => {
      await this.access.requireAccess(principal, 'org.manage', { kind: 'org', orgId }, m);
      const code = Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
      const expiresAt = new Date(this.clock.now().getTime() + INVITE_DAYS * 86_400_000);
      const invite = await m
        .getRepository(InviteEntity)
        .save(
          m
            .getRepository(InviteEntity)
            .create({ orgId, codeHash: hashCode(code), expiresAt, createdBy: principal.userId }),
        );
      return {
        result: { code, expiresAt: expiresAt.toISOString() } satisfies Invite,
        change: {
          subject: { entity: 'org', id: orgId, orgId },
          after: { inviteId: invite.id, expiresAt },
          event: { orgId, inviteId: invite.id, expiresAt: expiresAt.toISOString() },
        },
      };
    });
  }

  async join(principal: Principal, code: string): Promise<OrgView> {
    await this.access.requireAccess(principal, 'org.join', { kind: 'service' });
    return this.changes.recordChange(principal, 'org.member-joined', async (m) => {
      const invites = m.getRepository(InviteEntity);
      const invite = await invites.findOne({ where: { codeHash: hashCode(code) }, lock: this.tx.lock });
      const invalid = new AppError('INVALID_REQUEST', '邀请码无效或已过期，请向企业管理员索取新的邀请码', [
        { field: 'code', message: '邀请码无效或已过期' },
      ]);
      if (!invite || invite.usedAt || invite.expiresAt <= this.clock.now()) throw invalid;
      if (await this.access.isMember(m, invite.orgId, principal.userId))
        throw new AppError('CONFLICT', '您已是该企业的成员');
      // Conditional: of two people using one code at once, only one joins.
      const used = await invites.update(
        { id: invite.id, usedBy: IsNull() },
        { usedBy: principal.userId, usedAt: this.clock.now() },
      );
      if (!used.affected) throw invalid;
      await this.access.addMember(m, invite.orgId, principal.userId, 'member');
      return {
        result: toOrgView(await m.getRepository(OrgEntity).findOneByOrFail({ id: invite.orgId }), 'member'),
        change: {
          subject: { entity: 'membership', id: invite.orgId, orgId: invite.orgId },
          after: { userId: principal.userId, role: 'member' },
          event: { orgId: invite.orgId, userId: principal.userId, role: 'member' },
        },
      };
    });
  }
}

const usccTaken = (): AppError =>
  new AppError('CONFLICT', '该统一社会信用代码已被注册。如您属于该企业，请联系企业管理员在小程序中邀请您加入', [
    { field: 'uscc', message: '已被注册，请联系该企业的管理员邀请您加入' },
  ]);

const pick = (row: object, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, (row as Record<string, unknown>)[k]]));

/** A firm's registration as other modules read it. */
export type OrgRecord = Pick<
  OrgEntity,
  'id' | 'name' | 'uscc' | 'county' | 'orgTypes' | 'legalRepresentative' | 'contactName' | 'contactPhone'
>;

const recordOf = (o: OrgEntity): OrgRecord => ({
  id: o.id,
  name: o.name,
  uscc: o.uscc,
  county: o.county,
  orgTypes: o.orgTypes,
  legalRepresentative: o.legalRepresentative,
  contactName: o.contactName,
  contactPhone: o.contactPhone,
});
