import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../../api/src/modules/notifications/notifications.service.js';
import { LOAN_CONSENT } from '@huiqi/shared';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';

type Referral = {
  id: number;
  kind: string;
  orgId: number;
  status: string;
  statusLabel: string;
  amountFen: number | null;
  annualExportFen: number | null;
  consentVersion: string | null;
  nextStatuses: string[];
  withdrawable: boolean;
  exportable: boolean;
  note: string | null;
  steps: { status: string; label: string; note: string | null }[];
};
type Refusal = { code: string; message: string; details: { field: string; message: string }[] };

const loan = (overrides: Record<string, unknown> = {}) => ({
  amountYuan: '500000',
  purpose: '备货周转，采购618大促库存',
  consent: true,
  consentVersion: LOAN_CONSENT.version,
  ...overrides,
});

const crossBorder = (overrides: Record<string, unknown> = {}) => ({
  exportMode: 'cross-border-retail',
  annualExportYuan: '1234567.89',
  markets: '东南亚、中东',
  needs: '希望了解一类出口企业认定条件，以及海外仓布局支持',
  ...overrides,
});

const fieldsOf = (body: Refusal) => body.details.map((d) => d.field);

describe.each(ENGINES)('referrals (第十一条 齐鲁电商贷, 第七条 跨境电商) on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let member: string;
  let outsider: string;
  let city: string;
  let county: string;
  let orgId: number;
  let otherOrgId: number;

  beforeAll(async () => {
    api = await boot(engine);
    owner = await api.login('applicant', 'ref-owner');
    member = await api.login('applicant', 'ref-member');
    outsider = await api.login('applicant', 'ref-outsider');
    city = await api.login('city-reviewer', 'ref-city');
    county = await api.login('county-reviewer', 'ref-county', 'linqing');
    orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(1) })).body.id;
    otherOrgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: outsider, body: firm(2) })).body.id;
    const invite = await api.call<{ code: string }>('POST', `/api/v1/orgs/${orgId}/invites`, { token: owner });
    await api.call('POST', '/api/v1/orgs/join', { token: member, body: { code: invite.body.code } });
    await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2025`, {
      token: owner,
      body: { facts: { onlineRetailFen: 12_345_678_900, taxCompliant: true, goodCredit: true } },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  const requestLoan = (token: string, body: unknown, org = orgId) =>
    api.call<Referral & Refusal>('POST', `/api/v1/orgs/${org}/referrals/loan`, { token, body });
  const setStatus = (token: string, id: number, body: unknown) =>
    api.call<Referral & Refusal>('POST', `/api/v1/referrals/${id}/status`, { token, body });
  const withdraw = (token: string, id: number) =>
    api.call<Referral & Refusal>('POST', `/api/v1/referrals/${id}/withdraw`, { token });
  const exportOf = (token: string, id: number) =>
    fetch(`${api.url}/api/v1/referrals/${id}/export`, { headers: { authorization: `Bearer ${token}` } });
  const count = async (sql: string): Promise<number> =>
    Number(((await api.app.app.get(DataSource).query(sql)) as { n: unknown }[])[0]?.n);

  it('第十一条 单户贷款额度为10万元至1000万元: amounts outside, or not in yuan, are refused naming the field and the range', async () => {
    for (const amountYuan of ['99999.99', '10000000.01', '0']) {
      const refused = await requestLoan(owner, loan({ amountYuan }));
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([
        {
          field: 'amountYuan',
          message: expect.stringContaining(
            '贷款金额须在10万元至1000万元之间（第十一条：单户贷款额度为10万元至1000万元）',
          ) as string,
        },
      ]);
    }
    const notYuan = await requestLoan(owner, loan({ amountYuan: 500000 }));
    expect(notYuan.status).toBe(400);
    expect(notYuan.body.details[0]?.message).toMatch(/^贷款金额必须是以元为单位的金额文本/);
    const tooFine = await requestLoan(owner, loan({ amountYuan: '500000.123' }));
    expect(tooFine.body.details[0]?.message).toMatch(/最多两位小数/);
    expect(await count('SELECT COUNT(*) AS n FROM referrals')).toBe(0);
  });

  it('refuses a request without consent, or with an outdated consent, in Chinese', async () => {
    const none = await requestLoan(owner, loan({ consent: false }));
    expect(none.status).toBe(400);
    expect(none.body.details).toEqual([
      {
        field: 'consent',
        message:
          '须勾选同意向“齐鲁电商贷”合作银行及担保公司提供本企业数据摘要后才能申请转介；不同意的，平台不向银行推荐',
      },
    ]);
    const old = await requestLoan(owner, loan({ consentVersion: '2025-0' }));
    expect(fieldsOf(old.body)).toEqual(['consentVersion']);
    const missing = await requestLoan(owner, { amountYuan: '500000', purpose: '周转' });
    expect(fieldsOf(missing.body).sort()).toEqual(['consent', 'consentVersion']);
    expect(await count('SELECT COUNT(*) AS n FROM referrals')).toBe(0);
  });

  it('the firm administrator asks; a member may not; an outsider is answered as if the firm did not exist', async () => {
    expect((await requestLoan(member, loan())).status).toBe(403);
    expect((await requestLoan(outsider, loan())).status).toBe(404);
    expect((await requestLoan(city, loan())).status).toBe(404);
    const made = await requestLoan(owner, loan({ amountYuan: '100000' }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: 'loan',
      status: 'accepted',
      statusLabel: '已受理',
      amountFen: 10_000_000,
      consentVersion: LOAN_CONSENT.version,
      withdrawable: true,
      exportable: false,
      nextStatuses: [],
    });
    // One open request of a kind at a time.
    const again = await requestLoan(owner, loan());
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已有一项受理中的齐鲁电商贷转介申请');
    // A member reads the firm's own; another firm's applicant does not see it.
    expect((await api.call('GET', `/api/v1/referrals/${made.body.id}`, { token: member })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/referrals/${made.body.id}`, { token: outsider })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/referrals/${made.body.id}`, { token: county })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/orgs/${orgId}/referrals`, { token: outsider })).status).toBe(404);
    const theirs = await api.call<{ referrals: Referral[] }>('GET', `/api/v1/orgs/${otherOrgId}/referrals`, {
      token: outsider,
    });
    expect(theirs.body.referrals).toEqual([]);
    // The city's list; not for county reviewers or firms.
    const listed = await api.call<{ referrals: Referral[] }>('GET', '/api/v1/referrals?kind=loan', { token: city });
    expect(listed.body.referrals.map((r) => r.id)).toEqual([made.body.id]);
    expect(listed.body.referrals[0]).toMatchObject({ exportable: true, nextStatuses: ['referred', 'declined'] });
    expect((await api.call('GET', '/api/v1/referrals', { token: county })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/referrals', { token: owner })).status).toBe(403);
  });

  it('the city exports the data summary with consent, audited; a firm may not; withdrawing consent blocks it', async () => {
    const [referral] = (
      await api.call<{ referrals: Referral[] }>('GET', `/api/v1/orgs/${orgId}/referrals`, { token: owner })
    ).body.referrals;
    const id = referral?.id as number;
    expect((await exportOf(owner, id)).status).toBe(403);
    expect((await exportOf(outsider, id)).status).toBe(404);

    const file = await exportOf(city, id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const rows = new Map<string, string>();
    book.worksheets[0]?.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(rows.get('企业名称')).toBe(firm(1).name);
    expect(rows.get('统一社会信用代码')).toBe(firm(1).uscc);
    expect(rows.get('所在县（市、区）')).toBe('临清市');
    expect(rows.get('申请贷款金额')).toBe('10万元');
    expect(rows.get('经营数据年度')).toBe('2025年度');
    expect(rows.get('当年网络零售额')).toBe('123,456,789元');
    expect(rows.get('依法纳税')).toBe('是');
    expect(rows.get('处于正常经营状态')).toBe('未填报');
    expect(rows.get('企业同意书版本')).toBe(LOAN_CONSENT.version);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'referral.exported'")).toBe(1);

    const withdrawn = await withdraw(owner, id);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', consentVersion: null, withdrawable: false });
    const blocked = await exportOf(city, id);
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as Refusal).message).toBe('企业已撤回申请和数据提供同意，不能导出企业数据摘要');
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'referral.exported'")).toBe(1);
    // Withdrawn is final.
    expect((await setStatus(city, id, { status: 'referred' })).status).toBe(409);
  });

  it('status moves 已受理 → 已推荐至银行 → 已放款; 未获批 needs a note; the firm cannot withdraw once referred', async () => {
    const made = await requestLoan(owner, loan({ amountYuan: '10000000' }));
    expect(made.body.amountFen).toBe(1_000_000_000);
    const id = made.body.id;
    expect((await setStatus(owner, id, { status: 'referred' })).status).toBe(403);
    expect((await setStatus(county, id, { status: 'referred' })).status).toBe(404);
    const skipped = await setStatus(city, id, { status: 'granted' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.message).toBe('转介申请当前为“已受理”，不能改为“已放款”；可改为：已推荐至银行、未获批');
    const referred = await setStatus(city, id, { status: 'referred' });
    expect(referred.body).toMatchObject({ status: 'referred', statusLabel: '已推荐至银行', withdrawable: false });
    const late = await withdraw(owner, id);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('转介申请当前为“已推荐至银行”，只有尚未推荐的申请可以撤回');
    const noNote = await setStatus(city, id, { status: 'declined' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.details).toEqual([{ field: 'note', message: '未获批须写明原因，企业将看到这段说明' }]);
    const badStatus = await setStatus(city, id, { status: 'approved' });
    expect(fieldsOf(badStatus.body)).toEqual(['status']);
    const declined = await setStatus(city, id, { status: 'declined', note: '银行评估：近一年纳税记录不足' });
    expect(declined.body).toMatchObject({
      status: 'declined',
      statusLabel: '未获批',
      note: '银行评估：近一年纳税记录不足',
    });
    expect(declined.body.steps.map((s) => s.label)).toEqual(['已受理', '已推荐至银行', '未获批']);
    expect((await setStatus(city, id, { status: 'granted' })).body.message).toContain('该申请已办结');

    const next = await requestLoan(owner, loan());
    await setStatus(city, next.body.id, { status: 'referred' });
    const granted = await setStatus(city, next.body.id, { status: 'granted' });
    expect(granted.body).toMatchObject({ status: 'granted', statusLabel: '已放款', nextStatuses: [] });
    expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE event_type = 'referral.status-changed'")).toBe(4);
    // The firm hears of each move in its inbox (消息), 未获批 with the reason.
    const service = api.app.app.get(NotificationsService);
    for (let i = 0; i < 50 && (await service.dispatchOnce()) > 0; i++);
    const inbox = await api.call<{ notifications: { kind: string; title: string; body: string }[] }>(
      'GET',
      '/api/v1/me/notifications?limit=100',
      { token: member },
    );
    const referralNotes = inbox.body.notifications.filter((x) => x.kind === 'referral');
    expect(referralNotes.map((x) => x.title)).toEqual([
      '转介进度：已放款',
      '转介进度：已推荐至银行',
      '转介进度：未获批',
      '转介进度：已推荐至银行',
    ]);
    expect(referralNotes[2]?.body).toBe('您的“齐鲁电商贷”转介申请未获批，原因：银行评估：近一年纳税记录不足。');
  });

  it('第七条 cross-border: the export situation in yuan → fen, tracked the same way, no bank export', async () => {
    const refused = await api.call<Refusal>('POST', `/api/v1/orgs/${orgId}/referrals/cross-border`, {
      token: owner,
      body: crossBorder({ exportMode: 'smuggling', annualExportYuan: '-1', markets: '', extra: 1 }),
    });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body).sort()).toEqual(['annualExportYuan', 'exportMode', 'extra', 'markets']);
    const made = await api.call<Referral>('POST', `/api/v1/orgs/${orgId}/referrals/cross-border`, {
      token: owner,
      body: crossBorder(),
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'cross-border', annualExportFen: 123_456_789, amountFen: null });
    const referred = await setStatus(city, made.body.id, { status: 'referred' });
    expect(referred.body.statusLabel).toBe('已推荐至主管部门');
    const granted = await setStatus(city, made.body.id, { status: 'granted' });
    expect(granted.body.statusLabel).toBe('已纳入一类出口企业');
    const noExport = await exportOf(city, made.body.id);
    expect(noExport.status).toBe(409);
    expect(((await noExport.json()) as Refusal).message).toBe('只有“齐鲁电商贷”转介可以导出企业数据摘要');
  });
});
