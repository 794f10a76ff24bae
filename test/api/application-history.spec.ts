import {
  type ApiClient,
  type ApplicationHistory,
  type ApplicationHistoryEntry,
  APPLICATION_HISTORY_LIMIT,
  memoryTokens,
  type PutFactsRequest,
} from '@huiqi/shared';
import { AuditEntity } from '../../api/src/modules/audit/audit.entity.js';
import { ChangeRecorder } from '../../api/src/modules/audit/change-recorder.js';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { boot, type Booted, firm, publishDemoEdition, refusalOf, TEST_NOW } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequiredWith, pdf } from './support/files.js';

const TALENT_FACTS: PutFactsRequest['facts'] = {
  orgTypes: ['ecommerce'],
  registeredInCity: true,
  trainedHireCount: 12,
};
const REVIEWER = { username: 'li-shenhe', displayName: '李审核员', password: 'long-enough-1' };
const REASON = '营业执照照片模糊，请重新扫描上传';

/** What an entry says, without its id: the test's expectations read as the page will. */
const told = (e: ApplicationHistoryEntry) => [
  e.at,
  e.label,
  e.actorLabel,
  e.statusChange ? `${e.statusChange.fromLabel ?? '—'}→${e.statusChange.toLabel}` : null,
  e.material?.name ?? null,
  e.reason,
];

/**
 * An application's history, as its firm and its reviewers read it: every step of the workflow,
 * in order, labelled in Chinese, each actor a role and never a person.
 */
describe.each(ENGINES)('the application history on %s', (engine) => {
  let api: Booted;
  let owner: ApiClient;
  let reviewer: ApiClient;
  let applicationId: number;
  let orgId: number;
  let n = 70;
  /** The clock, one minute on before each step, and the ISO time of that step. */
  const tick = (): string => {
    api.clock.advance(60_000);
    return api.clock.now().toISOString();
  };

  const newFirm = async (client: ApiClient): Promise<number> => {
    const org = await client.createOrg({ body: firm(n++) });
    await client.putFacts({ params: { orgId: org.id }, query: { year: 2026 }, body: { facts: TALENT_FACTS } });
    return org.id;
  };

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    owner = api.client(memoryTokens());
    await owner.demoLogin({ body: { role: 'applicant', openid: 'history-owner' } });
    await createStaff(api.app.dataSource, { ...REVIEWER, role: 'city-reviewer' }, TEST_NOW);
    reviewer = api.client(memoryTokens());
    await reviewer.staffLogin({ body: { username: REVIEWER.username, password: REVIEWER.password } });
    orgId = await newFirm(owner);
  });
  afterAll(() => api.close());

  it('tells create → edit → uploads → submit → a material sent back → replaced → withdraw, in order', async () => {
    const at: string[] = [];
    at.push(tick());
    applicationId = (
      await owner.createApplication({ params: { orgId }, body: { programId: 'talent-hiring', claimYear: 2026 } })
    ).id;
    at.push(tick());
    await owner.updateApplication({ params: { id: applicationId }, body: { facts: { trainedHireCount: 15 } } });
    at.push(tick());
    await fillRequiredWith(owner, orgId, applicationId);
    const { materials } = await owner.listMaterials({ params: { id: applicationId } });
    const required = materials.filter((m) => m.required);
    expect(required.length).toBeGreaterThan(1);
    at.push(tick());
    await owner.submitApplication({ params: { id: applicationId } });
    at.push(tick());
    await reviewer.reviewMaterial({
      params: { id: applicationId, materialId: 'business-licence' },
      body: { decision: 'reject', reason: `  ${REASON}\n` },
    });
    at.push(tick());
    const { file } = await owner.uploadFile({
      query: { orgId },
      body: { file: { name: '营业执照（清晰）.pdf', type: 'application/pdf', content: pdf('licence-again') } },
    });
    await owner.attachMaterial({
      params: { id: applicationId, materialId: 'business-licence' },
      body: { fileId: file.id },
    });
    at.push(tick());
    await owner.withdrawApplication({ params: { id: applicationId } });

    const history = await owner.getApplicationHistory({ params: { id: applicationId } });
    expect(history.applicationId).toBe(applicationId);
    expect(history.truncated).toBe(false);
    expect(history.entries.map(told)).toEqual([
      [at[0], '创建申报', '申报人', '—→草稿', null, null],
      [at[1], '修改申报', '申报人', null, null, null],
      ...required.map((m) => [at[2], '上传材料', '申报人', null, m.name, null]),
      [at[3], '提交申报', '申报人', '草稿→待县级初审', null, null],
      [at[4], '材料被退回', '市级审核人员', null, '营业执照', REASON],
      [at[5], '替换材料', '申报人', null, '营业执照', null],
      [at[6], '撤回申报', '申报人', '待县级初审→已撤回', null, null],
    ]);
    // The codes behind the labels, and the statuses as codes for the client.
    expect(history.entries.map((e) => [e.action, e.actor])).toEqual([
      ['created', 'applicant'],
      ['updated', 'applicant'],
      ...required.map(() => ['material-uploaded', 'applicant']),
      ['submitted', 'applicant'],
      ['material-rejected', 'city-reviewer'],
      ['material-replaced', 'applicant'],
      ['withdrawn', 'applicant'],
    ]);
    expect(history.entries[0]?.statusChange).toEqual({ from: null, fromLabel: null, to: 'draft', toLabel: '草稿' });
    expect(history.entries.at(-1)?.statusChange).toEqual({
      from: 'submitted',
      fromLabel: '待县级初审',
      to: 'withdrawn',
      toLabel: '已撤回',
    });
    const ids = history.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads the same for the reviewer, who appears by function (市级审核人员) and never by name, username or id', async () => {
    const mine = await owner.getApplicationHistory({ params: { id: applicationId } });
    const theirs = await reviewer.getApplicationHistory({ params: { id: applicationId } });
    expect(theirs).toEqual(mine);
    expect(mine.entries.find((e) => e.action === 'material-rejected')).toMatchObject({
      actor: 'city-reviewer',
      actorLabel: '市级审核人员',
    });
    const text = JSON.stringify(mine);
    // The reviewer's account exists under these: the answer must not carry any of them.
    const me = await reviewer.getMe();
    expect(me.displayName).toBe(REVIEWER.displayName);
    expect(text).not.toContain(REVIEWER.username);
    expect(text).not.toContain(REVIEWER.displayName);
    expect(text).not.toMatch(/actorId|userId|username|displayName|requestId/);
    for (const entry of mine.entries)
      expect(Object.keys(entry).sort()).toEqual(
        [
          'action',
          'actor',
          'actorLabel',
          'amountFen',
          'at',
          'id',
          'label',
          'material',
          'reason',
          'returned',
          'statusChange',
        ].sort(),
      );
  });

  it("answers 404 to another firm's member and to reviewers out of scope, exactly as for a missing id", async () => {
    const stranger = api.client(memoryTokens());
    await stranger.demoLogin({ body: { role: 'applicant', openid: 'history-stranger' } });
    await newFirm(stranger);
    const gaotang = api.client(memoryTokens());
    await gaotang.demoLogin({ body: { role: 'county-reviewer', county: 'gaotang', openid: 'history-gaotang' } });
    const finance = api.client(memoryTokens());
    await finance.demoLogin({ body: { role: 'finance', openid: 'history-finance' } });
    const missing = await refusalOf(stranger.getApplicationHistory({ params: { id: 987654 } }));
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    for (const client of [stranger, gaotang, finance]) {
      const refused = await refusalOf(client.getApplicationHistory({ params: { id: applicationId } }));
      expect({ status: refused.status, code: refused.code, message: refused.message }).toEqual({
        status: missing.status,
        code: missing.code,
        message: missing.message,
      });
    }
    // A draft is the firm's own business: no reviewer reads its history.
    const draft = await owner.createApplication({
      params: { orgId },
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    const hidden = await refusalOf(reviewer.getApplicationHistory({ params: { id: draft.id } }));
    expect(hidden).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const own = await owner.getApplicationHistory({ params: { id: draft.id } });
    expect(own.entries.map((e) => e.action)).toEqual(['created']);
  });

  it('answers 401 without a sign-in', async () => {
    const res = await api.call<{ code: string }>('GET', `/api/v1/applications/${applicationId}/history`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it(`keeps the newest ${APPLICATION_HISTORY_LIMIT} entries of a long history, oldest first, and says so`, async () => {
    const draft = await owner.createApplication({
      params: { orgId },
      body: { programId: 'leading-enterprise', claimYear: 2026 },
    });
    const short = await owner.getApplicationHistory({ params: { id: draft.id } });
    expect(short).toMatchObject({ truncated: false, entries: [{ action: 'created' }] });
    // The limit is the reader's: the entries are written by the change path itself, only faster than through HTTP.
    const changes = api.app.app.get(ChangeRecorder);
    const edit = (id: number) =>
      changes.recordChange('system', 'application.updated', async () => ({
        result: undefined,
        change: {
          subject: { entity: 'application', id, orgId },
          before: { status: 'draft' },
          after: { status: 'draft' },
          event: {
            applicationId: id,
            orgId,
            programId: 'leading-enterprise',
            claimYear: 2026,
            facts: [],
            refreshedFromOrg: false,
          },
        },
      }));
    for (let i = 0; i < APPLICATION_HISTORY_LIMIT; i++) await edit(draft.id);
    // Another record's entries are not this application's, however many there are.
    await edit(applicationId);
    const saved = await api.app.dataSource.getRepository(AuditEntity).find({
      where: { entity: 'application', entityId: String(draft.id), action: 'application.updated' },
      order: { id: 'ASC' },
    });
    expect(saved).toHaveLength(APPLICATION_HISTORY_LIMIT);
    const long: ApplicationHistory = await owner.getApplicationHistory({ params: { id: draft.id } });
    expect(long.truncated).toBe(true);
    expect(long.entries).toHaveLength(APPLICATION_HISTORY_LIMIT);
    // The creation, the oldest, is what was left out; the newest edit is last.
    expect(long.entries.every((e) => e.action === 'updated')).toBe(true);
    expect(long.entries.at(-1)?.id).toBe(saved[APPLICATION_HISTORY_LIMIT - 1]?.id);
    expect(long.entries[0]?.id).toBe(saved[0]?.id);
  });
});
