import { Injectable } from '@nestjs/common';
import {
  COUNTIES,
  type CountyId,
  countyName,
  type FieldError,
  normalizeShop,
  platformName,
  RELOCATED_SHOP_STATUS_LABELS,
  RELOCATED_SHOPS_TARGET,
  type RelocatedShopCount,
  type RelocatedShopList,
  type RelocatedShopPage,
  type RelocatedShopQuery,
  type RelocatedShopRequest,
  type RelocatedShopsSummary,
  type RelocatedShopView,
  RELOCATION_EARLIEST,
  relocatedShopProblems,
  shopKeyOf,
  shopKindOf,
} from '@huiqi/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { type RelocatedShopEvent } from '../audit/change-events.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { RelocatedShopEntity } from './relocated-shop.entity.js';

export const RELOCATED_SHOPS_PAGE_SIZE = 20;

const invalid = (details: FieldError[]): AppError =>
  new AppError('INVALID_REQUEST', `请求有误，请修改以下字段：${details.map((d) => d.field).join('、')}`, details);

/** A decision the registration's status does not allow (someone decided first, or it was never refused). */
const statusConflict = (message: string): AppError => new AppError('CONFLICT', message, [{ field: 'status', message }]);

const eventOf = (shop: RelocatedShopEntity): RelocatedShopEvent => ({
  shopId: shop.id,
  orgId: shop.orgId,
  county: shop.county,
  relocatedOn: shop.relocatedOn,
});

/** What the audit log keeps of a registration (no personal data in it). */
const auditOf = (shop: RelocatedShopEntity) => ({
  platform: shop.platform,
  shop: shop.shop,
  county: shop.county,
  relocatedOn: shop.relocatedOn,
  status: shop.status,
  refusalReason: shop.refusalReason,
});

/**
 * The register of shops moved back into the city (迁入店铺), measure 五: "推动市内生产经营的企业将设在
 * 市外的网络店铺回迁 … 力争到2023年底,回迁市内店铺超过180家". A firm's member registers a shop of the
 * firm; the reviewer of the shop's county verifies (核实) it or refuses it with a reason; a refused
 * one may be corrected and resubmitted. Verified shops are what the figures count.
 */
@Injectable()
export class RelocatedShopsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly changes: ChangeRecorder,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly orgs: OrgsService,
  ) {}

  async register(principal: Principal, orgId: number, request: RelocatedShopRequest): Promise<RelocatedShopView> {
    await this.access.requireAccess(principal, 'relocated-shop.register', { kind: 'org', orgId });
    const fields = await this.checked(orgId, request);
    await this.refuseTaken(fields.shopKey, orgId, null);
    let saved: RelocatedShopEntity;
    try {
      saved = await this.changes.recordChange(principal, 'relocated-shop.registered', async (m) => {
        const repo = m.getRepository(RelocatedShopEntity);
        const now = this.clock.now();
        const shop = await repo.save(
          repo.create({
            ...fields,
            orgId,
            status: 'pending',
            refusalReason: null,
            registeredBy: principal.userId,
            reviewedBy: null,
            reviewedAt: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
        return {
          result: shop,
          change: {
            subject: { entity: 'relocated-shop', id: shop.id, orgId },
            after: auditOf(shop),
            event: eventOf(shop),
          },
        };
      });
    } catch (error) {
      // Two registrations of one shop at once: the unique index let one through; the other is told why.
      await this.refuseTaken(fields.shopKey, orgId, null);
      throw error;
    }
    return this.view(saved);
  }

  async mine(principal: Principal, orgId: number): Promise<RelocatedShopList> {
    await this.access.requireAccess(principal, 'relocated-shop.register', { kind: 'org', orgId });
    const shops = await this.dataSource
      .getRepository(RelocatedShopEntity)
      .find({ where: { orgId }, order: { id: 'DESC' } });
    return { shops: await this.views(shops) };
  }

  async get(principal: Principal, id: number): Promise<RelocatedShopView> {
    const shop = await this.dataSource.getRepository(RelocatedShopEntity).findOneBy({ id });
    if (!shop) throw notFound('迁入店铺');
    await this.access.requireAccess(principal, 'relocated-shop.read', this.resourceOf(shop));
    return this.view(shop);
  }

  /**
   * The reviewers' list: city reviewers and administrators every county (or the one asked), a
   * county reviewer their own. Pending first (what waits for a decision), then newest.
   */
  async list(principal: Principal, query: RelocatedShopQuery): Promise<RelocatedShopPage> {
    await this.access.requireAccess(principal, 'relocated-shop.list', { kind: 'service' });
    let county: CountyId | undefined = query.county;
    if (principal.role === 'county-reviewer') {
      const own = principal.county as CountyId;
      if (county !== undefined && county !== own)
        throw new AppError('FORBIDDEN', `县级审核员只能查看本县（市、区）（${countyName(own)}）的迁入店铺`);
      county = own;
    }
    const page = query.page ?? 1;
    const [rows, total] = await this.dataSource.getRepository(RelocatedShopEntity).findAndCount({
      where: { ...(county ? { county } : {}), ...(query.status ? { status: query.status } : {}) },
      // 'pending' sorts before 'refused' and 'verified'.
      order: { status: 'ASC', id: 'DESC' },
      skip: (page - 1) * RELOCATED_SHOPS_PAGE_SIZE,
      take: RELOCATED_SHOPS_PAGE_SIZE,
    });
    return { shops: await this.views(rows), total, page, pageSize: RELOCATED_SHOPS_PAGE_SIZE };
  }

  /** 核实: the shop's county's reviewer confirms a pending registration; from now on it counts. */
  verify(principal: Principal, id: number): Promise<RelocatedShopView> {
    return this.decide(principal, id, 'relocated-shop.verified', null);
  }

  /** Refuses a pending registration with the reason the firm reads. */
  refuse(principal: Principal, id: number, reason: string): Promise<RelocatedShopView> {
    return this.decide(principal, id, 'relocated-shop.refused', reason);
  }

  /** The county's decision on a pending registration: verified (no reason) or refused with one. */
  private async decide(
    principal: Principal,
    id: number,
    action: 'relocated-shop.verified' | 'relocated-shop.refused',
    reason: string | null,
  ): Promise<RelocatedShopView> {
    const shop = await this.changes.recordChange(principal, action, async (m) => {
      const shop = await this.lockForReview(m, principal, id);
      const before = auditOf(shop);
      Object.assign(shop, {
        status: reason === null ? 'verified' : 'refused',
        refusalReason: reason,
        reviewedBy: principal.userId,
        reviewedAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      const saved = await m.getRepository(RelocatedShopEntity).save(shop);
      return {
        result: saved,
        change: {
          subject: { entity: 'relocated-shop', id: saved.id, orgId: saved.orgId },
          before,
          after: auditOf(saved),
          event: reason === null ? eventOf(saved) : { ...eventOf(saved), reason },
        },
      };
    });
    return this.view(shop);
  }

  /** The firm corrects a refused registration and sends it back to the county (待核实 again). */
  async resubmit(principal: Principal, id: number, request: RelocatedShopRequest): Promise<RelocatedShopView> {
    const found = await this.dataSource.getRepository(RelocatedShopEntity).findOneBy({ id });
    if (!found) throw notFound('迁入店铺');
    await this.access.requireAccess(principal, 'relocated-shop.register', { kind: 'org', orgId: found.orgId });
    const fields = await this.checked(found.orgId, request);
    await this.refuseTaken(fields.shopKey, found.orgId, id);
    let shop: RelocatedShopEntity;
    try {
      shop = await this.changes.recordChange(principal, 'relocated-shop.resubmitted', async (m) => {
        const shop = await m
          .getRepository(RelocatedShopEntity)
          .findOneOrFail({ where: { id }, ...(this.tx.lock ? { lock: this.tx.lock } : {}) });
        if (shop.status !== 'refused')
          throw statusConflict(
            `该登记${RELOCATED_SHOP_STATUS_LABELS[shop.status]}，只有未通过核实的登记可以修改后重新提交`,
          );
        const before = auditOf(shop);
        Object.assign(shop, {
          ...fields,
          status: 'pending',
          refusalReason: null,
          reviewedBy: null,
          reviewedAt: null,
          updatedAt: this.clock.now(),
        });
        const saved = await m.getRepository(RelocatedShopEntity).save(shop);
        return {
          result: saved,
          change: {
            subject: { entity: 'relocated-shop', id: saved.id, orgId: saved.orgId },
            before,
            after: auditOf(saved),
            event: eventOf(saved),
          },
        };
      });
    } catch (error) {
      // The corrected shop registered by someone else meanwhile: told as a conflict on the shop.
      await this.refuseTaken(fields.shopKey, found.orgId, id);
      throw error;
    }
    return this.view(shop);
  }

  /**
   * Verified shops relocated in the year, by county and month of relocation (1–12), for the
   * figures (measure 五 and the targets dashboard). Only counties and months with shops appear.
   */
  async verifiedCounts(year: number): Promise<RelocatedShopCount[]> {
    const rows: { county: CountyId; month: string; n: number | string }[] = await this.dataSource
      .getRepository(RelocatedShopEntity)
      .createQueryBuilder('s')
      .select('s.county', 'county')
      .addSelect('SUBSTR(s.relocated_on, 6, 2)', 'month')
      .addSelect('COUNT(*)', 'n')
      .where('s.status = :status', { status: 'verified' })
      .andWhere('s.relocated_on BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .groupBy('s.county')
      .addGroupBy('SUBSTR(s.relocated_on, 6, 2)')
      .getRawMany();
    return rows
      .map((r) => ({ county: r.county, month: Number(r.month), count: Number(r.n) }))
      .sort((a, b) => a.county.localeCompare(b.county) || a.month - b.month);
  }

  /** The city's verified relocated shops of the year, by county and month, against the target of 五. */
  async summary(principal: Principal, year: number): Promise<RelocatedShopsSummary> {
    await this.access.requireAccess(principal, 'relocated-shop.summary', { kind: 'service' });
    const counts = await this.verifiedCounts(year);
    const months = Array.from({ length: 12 }, () => 0);
    const counties = COUNTIES.map((c) => ({
      county: c.id,
      countyName: c.name,
      total: 0,
      months: Array.from({ length: 12 }, () => 0),
    }));
    for (const { county, month, count } of counts) {
      const row = counties.find((c) => c.county === county);
      if (!row || month < 1 || month > 12) continue;
      row.months[month - 1] = (row.months[month - 1] ?? 0) + count;
      row.total += count;
      months[month - 1] = (months[month - 1] ?? 0) + count;
    }
    const repo = this.dataSource.getRepository(RelocatedShopEntity);
    const cumulative = await repo
      .createQueryBuilder('s')
      .where('s.status = :status', { status: 'verified' })
      .andWhere('s.relocated_on BETWEEN :from AND :to', { from: RELOCATION_EARLIEST, to: `${year}-12-31` })
      .getCount();
    const pending = await repo
      .createQueryBuilder('s')
      .where('s.status = :status', { status: 'pending' })
      .andWhere('s.relocated_on BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .getCount();
    return {
      year,
      total: months.reduce((a, b) => a + b, 0),
      months,
      counties,
      cumulative,
      pending,
      // 超过180家: more than 180, so 181 meets it.
      target: { ...RELOCATED_SHOPS_TARGET, met: cumulative > RELOCATED_SHOPS_TARGET.shops },
    };
  }

  /** The request checked (every problem at once, each naming its field) and as it is stored. */
  private async checked(orgId: number, request: RelocatedShopRequest) {
    const problems = relocatedShopProblems(request, this.clock.today());
    if (problems.length > 0) throw invalid(problems);
    const shop = normalizeShop(request.shop);
    return {
      platform: request.platform,
      shop,
      shopKind: shopKindOf(shop),
      shopKey: shopKeyOf(request.platform, shop),
      county: request.county ?? (await this.orgs.firmOf(orgId)).county,
      relocatedOn: request.relocatedOn,
    };
  }

  /** CONFLICT naming the shop when another registration (not `except`) holds its key. */
  private async refuseTaken(shopKey: string, orgId: number, except: number | null): Promise<void> {
    const holder = await this.dataSource.getRepository(RelocatedShopEntity).findOneBy({ shopKey });
    if (!holder || holder.id === except) return;
    const message =
      holder.orgId === orgId
        ? `本企业已登记过该店铺（登记编号${holder.id}，${RELOCATED_SHOP_STATUS_LABELS[holder.status]}），同一店铺全市只能登记一次`
        : '该店铺已由其他企业登记，同一店铺全市只能登记一次；如有异议请联系店铺所在县（市、区）商务主管部门';
    throw new AppError('CONFLICT', message, [{ field: 'shop', message }]);
  }

  /** Loads a registration with its lock for a county's decision: access first, then the status. */
  private async lockForReview(m: EntityManager, principal: Principal, id: number): Promise<RelocatedShopEntity> {
    const shop = await m
      .getRepository(RelocatedShopEntity)
      .findOne({ where: { id }, ...(this.tx.lock ? { lock: this.tx.lock } : {}) });
    if (!shop) throw notFound('迁入店铺');
    await this.access.requireAccess(principal, 'relocated-shop.verify', this.resourceOf(shop), m);
    if (shop.status !== 'pending')
      throw statusConflict(`该登记${RELOCATED_SHOP_STATUS_LABELS[shop.status]}，只有待核实的登记可以核实或不通过`);
    return shop;
  }

  private resourceOf(shop: RelocatedShopEntity) {
    return { kind: 'relocated-shop', orgId: shop.orgId, county: shop.county } as const;
  }

  private async view(shop: RelocatedShopEntity): Promise<RelocatedShopView> {
    const [view] = await this.views([shop]);
    return view as RelocatedShopView;
  }

  /** Registrations as the wire shows them, with their firm's name and credit code as they stand now. */
  private async views(shops: readonly RelocatedShopEntity[]): Promise<RelocatedShopView[]> {
    const firms = new Map<number, { name: string; uscc: string }>();
    for (const orgId of new Set(shops.map((s) => s.orgId))) firms.set(orgId, await this.orgs.firmOf(orgId));
    return shops.map((s) => ({
      id: s.id,
      orgId: s.orgId,
      firmName: firms.get(s.orgId)?.name ?? '',
      firmUscc: firms.get(s.orgId)?.uscc ?? '',
      platform: s.platform,
      platformName: platformName(s.platform),
      shop: s.shop,
      shopKind: s.shopKind,
      county: s.county,
      countyName: countyName(s.county),
      relocatedOn: s.relocatedOn,
      status: s.status,
      statusLabel: RELOCATED_SHOP_STATUS_LABELS[s.status],
      refusalReason: s.refusalReason,
      reviewedAt: s.reviewedAt ? s.reviewedAt.toISOString() : null,
      registeredAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    }));
  }
}
