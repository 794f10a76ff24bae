import { Injectable } from '@nestjs/common';
import {
  countyName,
  EXPORT_MODE_LABELS,
  type Facts,
  factLabel,
  type FactName,
  formatDateZh,
  formatFen,
  LOAN_CONSENT,
  orgTypeName,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_TRANSITIONS,
  type ReferralKind,
  type ReferralList,
  type ReferralQuery,
  type ReferralStatusRequest,
  type ReferralSummaryRow,
  type ReferralView,
  yuanToFen,
} from '@huiqi/shared';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type Principal } from '../../common/tokens.js';
import { Transactions } from '../../database/transactions.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { FactsService } from '../facts/facts.service.js';
import { type OrgRecord, OrgsService } from '../orgs/orgs.service.js';
import { type CreateCrossBorderReferralDto, type CreateLoanReferralDto } from './referrals.dto.js';
import { ReferralEntity } from './referral.entity.js';

/**
 * The registered facts a bank weighs, in the order the summary lists them (the consent names
 * the same): whether the firm is registered here and since when, a legal person in normal
 * operation paying its taxes with a clean record, and its online sales, 纳统 sales and local
 * contribution. The award figures of other measures (rooms, streamers, parcels) are left out.
 */
export const BANK_FACTS: readonly FactName[] = [
  'registeredInCity',
  'registrationDate',
  'independentLegalPerson',
  'normalOperation',
  'taxCompliant',
  'goodCredit',
  'onlineRetailFen',
  'statisticalOnlineRetailFen',
  'localContributionFen',
  'includedInStatistics',
];

const factText = (name: FactName, value: unknown): string => {
  if (value === undefined || value === null) return '未填报';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && name.endsWith('Fen')) return formatFen(value);
  if (typeof value === 'string' && name.endsWith('Date')) return formatDateZh(value);
  return String(value);
};

/** What an xlsx cell may hold of text a person typed (no XML-invalid characters). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const sheetText = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/**
 * Referrals (转介): 齐鲁电商贷 (第十一条) and 一类出口企业 (第七条). The firm's administrator asks
 * and may withdraw until the city refers it; the city tracks the status and, for a loan the firm
 * consented to, exports the firm's data summary for the partner bank (audited).
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly facts: FactsService,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
  ) {}

  async requestLoan(principal: Principal, orgId: number, dto: CreateLoanReferralDto): Promise<ReferralView> {
    const amount = yuanToFen(dto.amountYuan);
    // The DTO checked it; a parse that fails here is a bug, not the firm's input.
    if (!amount.ok) throw new Error('amountYuan passed validation but does not parse');
    return this.request(principal, orgId, 'loan', {
      amountFen: amount.fen,
      purpose: dto.purpose,
      consentVersion: LOAN_CONSENT.version,
      consentedAt: this.clock.now(),
    });
  }

  async requestCrossBorder(
    principal: Principal,
    orgId: number,
    dto: CreateCrossBorderReferralDto,
  ): Promise<ReferralView> {
    const exported = yuanToFen(dto.annualExportYuan);
    if (!exported.ok) throw new Error('annualExportYuan passed validation but does not parse');
    return this.request(principal, orgId, 'cross-border', {
      exportMode: dto.exportMode,
      annualExportFen: exported.fen,
      markets: dto.markets,
      needs: dto.needs,
    });
  }

  private async request(
    principal: Principal,
    orgId: number,
    kind: ReferralKind,
    fields: Partial<ReferralEntity>,
  ): Promise<ReferralView> {
    const saved = await this.changes.recordChange(principal, 'referral.requested', async (m) => {
      await this.access.requireAccess(principal, 'referral.request', { kind: 'org', orgId }, m);
      const repo = m.getRepository(ReferralEntity);
      // The firm's row locked: two requests at once cannot both pass the open-request check.
      await this.orgs.lock(m, orgId, this.tx.lock);
      const open = await repo.findOneBy({ orgId, kind, status: 'accepted' });
      if (open)
        throw new AppError(
          'CONFLICT',
          `本企业已有一项受理中的${REFERRAL_KIND_LABELS[kind]}转介申请，请等待办理或先撤回`,
          [{ field: 'kind', message: `已有受理中的申请（编号${open.id}）` }],
        );
      const now = this.clock.now();
      const referral = await repo.save(
        repo.create({
          orgId,
          kind,
          status: 'accepted',
          amountFen: null,
          purpose: null,
          consentVersion: null,
          consentedAt: null,
          consentWithdrawnAt: null,
          exportMode: null,
          annualExportFen: null,
          markets: null,
          needs: null,
          note: null,
          ...fields,
          steps: [{ status: 'accepted', at: now.toISOString(), note: null }],
          requestedBy: principal.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return {
        result: referral,
        change: {
          subject: { entity: 'referral', id: referral.id, orgId },
          before: null,
          after: referral,
          event: { referralId: referral.id, orgId, kind, amountFen: referral.amountFen },
        },
      };
    });
    return this.view(principal, saved);
  }

  /** The firm's own referrals, newest first. */
  async ofOrg(principal: Principal, orgId: number): Promise<ReferralList> {
    await this.access.requireAccess(principal, 'org.read', { kind: 'org', orgId });
    const rows = await this.dataSource.getRepository(ReferralEntity).find({ where: { orgId }, order: { id: 'DESC' } });
    return { referrals: await this.views(principal, rows) };
  }

  /** Every referral, for the city's 转介跟踪, newest first. */
  async list(principal: Principal, query: ReferralQuery): Promise<ReferralList> {
    await this.access.requireAccess(principal, 'referral.list', { kind: 'service' });
    const rows = await this.dataSource.getRepository(ReferralEntity).find({
      where: { ...(query.kind ? { kind: query.kind } : {}), ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
    });
    return { referrals: await this.views(principal, rows) };
  }

  async get(principal: Principal, id: number): Promise<ReferralView> {
    const referral = await this.dataSource.getRepository(ReferralEntity).findOneBy({ id });
    if (!referral) throw notFound('转介申请');
    await this.access.requireAccess(principal, 'referral.read', { kind: 'referral', orgId: referral.orgId });
    return this.view(principal, referral);
  }

  /** The firm withdraws while the city has not referred it yet; its consent ends with it. */
  async withdraw(principal: Principal, id: number): Promise<ReferralView> {
    const saved = await this.changes.recordChange(principal, 'referral.withdrawn', async (m) => {
      const before = await this.locked(m, id);
      await this.access.requireAccess(principal, 'referral.withdraw', { kind: 'referral', orgId: before.orgId }, m);
      if (before.status !== 'accepted')
        throw new AppError(
          'CONFLICT',
          `转介申请当前为“${REFERRAL_STATUS_LABELS[before.kind][before.status]}”，只有尚未推荐的申请可以撤回`,
          [{ field: 'status', message: `当前为${REFERRAL_STATUS_LABELS[before.kind][before.status]}` }],
        );
      const now = this.clock.now();
      const after = await m.getRepository(ReferralEntity).save({
        ...before,
        status: 'withdrawn' as const,
        consentWithdrawnAt: before.consentVersion ? now : null,
        steps: [...before.steps, { status: 'withdrawn' as const, at: now.toISOString(), note: null }],
        updatedAt: now,
      });
      return {
        result: after,
        change: {
          subject: { entity: 'referral', id, orgId: before.orgId },
          before: { status: before.status },
          after: { status: after.status, consentWithdrawnAt: after.consentWithdrawnAt },
          event: { referralId: id, orgId: before.orgId, kind: before.kind },
        },
      };
    });
    return this.view(principal, saved);
  }

  /** The city moves a referral on: accepted → referred → granted, or declined (with the reason) before that. */
  async setStatus(principal: Principal, id: number, request: ReferralStatusRequest): Promise<ReferralView> {
    const saved = await this.changes.recordChange(principal, 'referral.status-changed', async (m) => {
      const before = await this.locked(m, id);
      await this.access.requireAccess(principal, 'referral.track', { kind: 'referral', orgId: before.orgId }, m);
      const labels = REFERRAL_STATUS_LABELS[before.kind];
      const allowed = REFERRAL_TRANSITIONS[before.status];
      if (!allowed.includes(request.status))
        throw new AppError(
          'CONFLICT',
          `转介申请当前为“${labels[before.status]}”，不能改为“${labels[request.status]}”` +
            (allowed.length > 0 ? `；可改为：${allowed.map((s) => labels[s]).join('、')}` : '；该申请已办结'),
          [{ field: 'status', message: `当前为${labels[before.status]}` }],
        );
      const note = request.note && request.note.length > 0 ? request.note : null;
      if (request.status === 'declined' && note === null)
        throw new AppError('INVALID_REQUEST', '请求有误，请修改以下字段：note', [
          { field: 'note', message: '未获批须写明原因，企业将看到这段说明' },
        ]);
      const now = this.clock.now();
      const after = await m.getRepository(ReferralEntity).save({
        ...before,
        status: request.status,
        note: note ?? before.note,
        steps: [...before.steps, { status: request.status, at: now.toISOString(), note }],
        updatedAt: now,
      });
      return {
        result: after,
        change: {
          subject: { entity: 'referral', id, orgId: before.orgId },
          before: { status: before.status },
          after: { status: after.status, note },
          event: {
            referralId: id,
            orgId: before.orgId,
            kind: before.kind,
            from: before.status,
            to: request.status,
            note,
          },
        },
      };
    });
    return this.view(principal, saved);
  }

  /**
   * The firm's data summary for the partner bank, as an xlsx file: only a loan referral, only
   * with the firm's consent in force (not withdrawn); the export itself is audited, naming the
   * consent's version it relied on.
   */
  async export(principal: Principal, id: number): Promise<{ body: Buffer; name: string }> {
    const { referral, org, facts, year } = await this.changes.recordChange(
      principal,
      'referral.exported',
      async (m) => {
        const referral = await this.locked(m, id);
        await this.access.requireAccess(principal, 'referral.track', { kind: 'referral', orgId: referral.orgId }, m);
        const problem = exportProblem(referral);
        if (problem) throw new AppError('CONFLICT', problem, [{ field: 'consent', message: problem }]);
        const org = (await this.orgs.recordsOf([referral.orgId], m)).get(referral.orgId);
        if (!org) throw notFound('企业');
        const latest = await this.facts.latestWithYear(referral.orgId, m);
        return {
          result: { referral, org, facts: latest?.facts ?? null, year: latest?.year ?? null },
          change: {
            subject: { entity: 'referral', id, orgId: referral.orgId },
            before: null,
            after: {
              exported: 'data-summary',
              consentVersion: referral.consentVersion,
              factsYear: latest?.year ?? null,
            },
            event: { referralId: id, orgId: referral.orgId, consentVersion: referral.consentVersion ?? '' },
          },
        };
      },
    );
    const rows = summaryRows(referral, org, facts, year);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '电商惠企通';
    const sheet = workbook.addWorksheet('企业数据摘要');
    sheet.columns = [
      { header: '项目', width: 28 },
      { header: '内容', width: 60 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow([sheetText(row.label), sheetText(row.value)]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return { body, name: `齐鲁电商贷-企业数据摘要-${org.name}-${referral.id}.xlsx` };
  }

  private async locked(m: EntityManager, id: number): Promise<ReferralEntity> {
    const referral = await m.getRepository(ReferralEntity).findOne({ where: { id }, lock: this.tx.lock });
    if (!referral) throw notFound('转介申请');
    return referral;
  }

  private async view(principal: Principal, referral: ReferralEntity): Promise<ReferralView> {
    const [view] = await this.views(principal, [referral]);
    return view as ReferralView;
  }

  private async views(principal: Principal, rows: readonly ReferralEntity[]): Promise<ReferralView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.orgId);
    const orgs = await this.orgs.recordsOf(ids);
    const cityDesk = principal.role === 'city-reviewer' || principal.role === 'admin';
    return rows.map((r) => {
      const org = orgs.get(r.orgId);
      const labels = REFERRAL_STATUS_LABELS[r.kind];
      const consentInForce = r.consentVersion !== null && r.consentWithdrawnAt === null;
      return {
        id: r.id,
        kind: r.kind,
        kindLabel: REFERRAL_KIND_LABELS[r.kind],
        orgId: r.orgId,
        orgName: org?.name ?? '',
        county: org?.county ?? 'dongchangfu',
        countyName: org ? countyName(org.county) : '',
        status: r.status,
        statusLabel: labels[r.status],
        amountFen: r.amountFen,
        purpose: r.purpose,
        consentVersion: consentInForce ? r.consentVersion : null,
        consentedAt: consentInForce && r.consentedAt ? r.consentedAt.toISOString() : null,
        exportMode: r.exportMode,
        exportModeLabel: r.exportMode ? EXPORT_MODE_LABELS[r.exportMode] : null,
        annualExportFen: r.annualExportFen,
        markets: r.markets,
        needs: r.needs,
        note: r.note,
        nextStatuses: cityDesk ? [...REFERRAL_TRANSITIONS[r.status]] : [],
        withdrawable: r.status === 'accepted',
        exportable: cityDesk && exportProblem(r) === null,
        steps: r.steps.map((s) => ({ status: s.status, label: labels[s.status], at: s.at, note: s.note })),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }
}

/** Why the data summary may not leave for the bank, or null when it may. */
const exportProblem = (r: ReferralEntity): string | null => {
  if (r.kind !== 'loan') return '只有“齐鲁电商贷”转介可以导出企业数据摘要';
  if (r.consentWithdrawnAt !== null || r.status === 'withdrawn')
    return '企业已撤回申请和数据提供同意，不能导出企业数据摘要';
  if (r.consentVersion === null) return '企业未同意向合作银行提供数据，不能导出企业数据摘要';
  if (r.status === 'declined') return '该转介未获批，已办结，不再导出企业数据摘要';
  return null;
};

/** The summary's lines: the firm, the request, the consent, and the bank facts of its latest year. */
const summaryRows = (
  referral: ReferralEntity,
  org: OrgRecord,
  facts: Facts | null,
  year: number | null,
): ReferralSummaryRow[] => [
  { label: '企业名称', value: org.name },
  { label: '统一社会信用代码', value: org.uscc },
  { label: '所在县（市、区）', value: countyName(org.county) },
  { label: '主体类型', value: org.orgTypes.map((t) => orgTypeName(t)).join('、') },
  { label: '法定代表人', value: org.legalRepresentative },
  { label: '联系人', value: org.contactName },
  { label: '联系电话', value: org.contactPhone },
  { label: '申请贷款金额', value: referral.amountFen === null ? '' : formatFen(referral.amountFen) },
  { label: '贷款用途', value: referral.purpose ?? '' },
  { label: '转介编号', value: String(referral.id) },
  { label: '转介进度', value: REFERRAL_STATUS_LABELS[referral.kind][referral.status] },
  { label: '企业同意书版本', value: referral.consentVersion ?? '' },
  { label: '企业同意时间', value: referral.consentedAt?.toISOString() ?? '' },
  { label: '经营数据年度', value: year === null ? '未填报' : `${year}年度` },
  ...BANK_FACTS.map((name) => ({
    label: factLabel(name),
    value: factText(name, facts ? (facts as Record<string, unknown>)[name] : undefined),
  })),
];
