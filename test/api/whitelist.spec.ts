import { type ErrorBody } from '@huiqi/shared';
import { type Connected } from './support/connect.js';
import { ENGINES } from './support/databases.js';
import { pdf, upload } from './support/files.js';
import { firm, sharedApi } from './support/shared-api.js';

interface View {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  categories: string[];
  categoryNames: string[];
  files: { id: number; name: string }[];
  status: string;
  statusLabel: string;
  reason: string | null;
  decidedAt: string | null;
}
type Reply = View & ErrorBody;

const DESCRIPTION = '聊城市本地MCN机构，签约主播120名，年孵化直播间300个，服务本地企业200余家。';
const YEAR = 2031;

const application = (overrides: Record<string, unknown> = {}) => ({
  year: YEAR,
  description: DESCRIPTION,
  categories: ['mcn'],
  noViolations: true,
  noBadCredit: true,
  ...overrides,
});

/** 第八条: apply, the city's review, the public list, and who may do what. */
describe.each(ENGINES)('the whitelist (第八条) on %s', (engine) => {
  let api: Connected;
  let owner: string;
  let outsider: string;
  let city: string;
  let county: string;
  let admin: string;
  let n = 40;

  const newFirm = async (orgTypes: string[], token = owner): Promise<number> =>
    (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(n++, { orgTypes } as never) })).body.id;
  const apply = (orgId: number, body: unknown, token = owner) =>
    api.call<Reply>('POST', `/api/v1/orgs/${orgId}/whitelist-applications`, { token, body });
  const review = (id: number, body: unknown, token = city) =>
    api.call<Reply>('POST', `/api/v1/whitelist/applications/${id}/review`, { token, body });
  const fieldsOf = (body: ErrorBody) => (body.details as { field: string; message: string }[]).map((d) => d.field);

  beforeAll(async () => {
    api = await sharedApi(engine);
    owner = await api.login('applicant', 'wl-owner');
    outsider = await api.login('applicant', 'wl-outsider');
    city = await api.login('city-reviewer');
    county = await api.login('county-reviewer', undefined, 'linqing');
    admin = await api.login('admin');
  });

  it('a firm applies with a supporting file, the city recommends it, it shows on the public list; all audited', async () => {
    const orgId = await newFirm(['mcn', 'content-production']);
    const file = await upload(api.url, owner, orgId, pdf('wl'), '信用报告.pdf', 'application/pdf');
    expect(file.status).toBe(201);
    const fileId = file.body.file?.id as number;
    const made = await apply(orgId, application({ categories: ['mcn', 'content-production'], fileIds: [fileId] }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      orgId,
      year: YEAR,
      categories: ['mcn', 'content-production'],
      categoryNames: ['MCN机构', '内容制作企业'],
      files: [{ id: fileId, name: '信用报告.pdf' }],
      status: 'submitted',
      statusLabel: '待市级审核',
    });
    // Not on the public list while waiting.
    const before = await api.call<{ entries: { orgName: string }[] }>('GET', `/api/v1/whitelist?year=${YEAR}`);
    expect(before.body.entries.map((e) => e.orgName)).not.toContain(made.body.orgName);
    // The city's queue shows it, waiting first.
    const queue = await api.call<{ applications: View[] }>(
      'GET',
      `/api/v1/whitelist/applications?year=${YEAR}&status=submitted`,
      { token: city },
    );
    expect(queue.body.applications.map((a) => a.id)).toContain(made.body.id);

    // The city opens the supporting file through the application; nobody else, and no other file.
    const link = await api.call<{ path: string }>(
      'POST',
      `/api/v1/whitelist/applications/${made.body.id}/files/${fileId}/link`,
      { token: city },
    );
    expect(link.status).toBe(200);
    const content = await fetch(`${api.url}${link.body.path}`);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(pdf('wl'))).toBe(true);
    expect((await api.call('POST', `/api/v1/files/${fileId}/link`, { token: city })).status).toBe(404);
    for (const token of [outsider, county])
      expect(
        (await api.call('POST', `/api/v1/whitelist/applications/${made.body.id}/files/${fileId}/link`, { token }))
          .status,
      ).toBe(404);
    const unnamed = await upload(api.url, owner, orgId, pdf('unnamed'), '未提交的文件.pdf', 'application/pdf');
    expect(
      (
        await api.call('POST', `/api/v1/whitelist/applications/${made.body.id}/files/${unnamed.body.file?.id}/link`, {
          token: city,
        })
      ).status,
    ).toBe(404);

    const decided = await review(made.body.id, { decision: 'recommend' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'recommended', statusLabel: '已推荐', reason: null });
    expect(decided.body.decidedAt).not.toBeNull();
    // The firm sees the outcome.
    const mine = await api.call<{ applications: View[] }>('GET', `/api/v1/orgs/${orgId}/whitelist-applications`, {
      token: owner,
    });
    expect(mine.body.applications).toEqual([decided.body]);
    // Anyone, signed in or not, reads the year's list: name, kinds, county, year.
    const list = await api.call<{ year: number; entries: Record<string, unknown>[] }>(
      'GET',
      `/api/v1/whitelist?year=${YEAR}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.entries).toContainEqual({
      orgName: made.body.orgName,
      categories: ['mcn', 'content-production'],
      categoryNames: ['MCN机构', '内容制作企业'],
      county: 'linqing',
      countyName: '临清市',
      year: YEAR,
    });
    expect(
      (await api.call<{ entries: unknown[] }>('GET', `/api/v1/whitelist?year=${YEAR + 1}`)).body.entries,
    ).not.toContainEqual(expect.objectContaining({ orgName: made.body.orgName }));
    // Reviewed once only.
    const again = await review(made.body.id, { decision: 'refuse', reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已推荐');
    // And the firm cannot apply again for the same year.
    const twice = await apply(orgId, application({ categories: ['mcn'] }));
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已被推荐');

    const audit = await api.call<{ entries: { action: string; actorRole: string }[] }>(
      'GET',
      `/api/v1/audit?entity=whitelist&orgId=${orgId}`,
      { token: admin },
    );
    expect(audit.body.entries.map((e) => [e.action, e.actorRole])).toEqual([
      ['whitelist.recommended', 'city-reviewer'],
      ['whitelist.applied', 'applicant'],
    ]);
  });

  it('a refusal needs a reason the firm reads; the firm may then apply again', async () => {
    const orgId = await newFirm(['training-institution']);
    const made = await apply(orgId, application({ categories: ['training-institution'] }));
    expect(made.status).toBe(201);
    const noReason = await review(made.body.id, { decision: 'refuse' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([{ field: 'reason', message: '不予推荐时请填写理由，企业会看到这段说明' }]);
    const reasonWithRecommend = await review(made.body.id, { decision: 'recommend', reason: '很好' });
    expect(reasonWithRecommend.status).toBe(400);
    expect(fieldsOf(reasonWithRecommend.body)).toEqual(['reason']);
    const badDecision = await review(made.body.id, { decision: 'maybe' });
    expect(badDecision.status).toBe(400);
    expect(fieldsOf(badDecision.body)).toEqual(['decision']);

    const refused = await review(made.body.id, { decision: 'refuse', reason: '  请补充近三年培训学员就业情况  ' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      statusLabel: '未推荐',
      reason: '请补充近三年培训学员就业情况',
    });
    const seen = await api.call<View>('GET', `/api/v1/whitelist/applications/${made.body.id}`, { token: owner });
    expect(seen.body.reason).toBe('请补充近三年培训学员就业情况');
    const list = await api.call<{ entries: { orgName: string }[] }>('GET', `/api/v1/whitelist?year=${YEAR}`);
    expect(list.body.entries.map((e) => e.orgName)).not.toContain(made.body.orgName);

    const again = await apply(
      orgId,
      application({ categories: ['training-institution'], description: `${DESCRIPTION}（补充）` }),
    );
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: made.body.id, status: 'submitted', reason: null, decidedAt: null });
    // A second application while one waits is refused.
    const waiting = await apply(orgId, application({ categories: ['training-institution'] }));
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toContain('等待市级审核');
  });

  it('refuses bad input, every field named, in Chinese, and writes nothing', async () => {
    const orgId = await newFirm(['supply-chain']);
    const other = await newFirm(['supply-chain']);
    const foreign = await upload(api.url, owner, other, pdf('other'), '他人的文件.pdf', 'application/pdf');
    const foreignId = foreign.body.file?.id as number;

    const undeclared = await apply(
      orgId,
      application({ categories: ['supply-chain'], noViolations: false, noBadCredit: false }),
    );
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.details).toEqual([
      { field: 'noViolations', message: '第八条要求无违法违规记录，请确认并勾选声明' },
      { field: 'noBadCredit', message: '第八条要求无不良信用记录，请确认并勾选声明' },
    ]);
    const shapes = await apply(orgId, {
      year: 'next',
      description: '太短',
      categories: ['ecommerce', 'supply-chain', 'supply-chain'],
      noViolations: 'yes',
      noBadCredit: true,
    });
    expect(shapes.status).toBe(400);
    expect(fieldsOf(shapes.body).sort()).toEqual(['categories', 'description', 'noViolations', 'year'].sort());
    const messages = (shapes.body.details as { message: string }[]).map((d) => d.message).join(' ');
    expect(messages).toMatch(/[\u4e00-\u9fa5]/);
    expect(messages).toContain('第八条所列');
    const empty = await apply(orgId, application({ categories: [] }));
    expect(empty.body.details).toEqual([{ field: 'categories', message: '请至少选择一个申请类别' }]);

    // Kinds the firm is not registered as, and files not in its own library: named by index.
    const mismatch = await apply(
      orgId,
      application({ categories: ['supply-chain', 'mcn'], fileIds: [foreignId, 99_999_999] }),
    );
    expect(mismatch.status).toBe(400);
    expect(fieldsOf(mismatch.body)).toEqual(['categories[1]', 'fileIds[0]', 'fileIds[1]']);
    expect((mismatch.body.details as { message: string }[])[0]?.message).toContain('MCN机构');

    // An e-commerce firm is not a kind the clause names.
    const shop = await newFirm(['ecommerce']);
    const notNamed = await apply(shop, application({ categories: ['ecommerce'] }));
    expect(notNamed.status).toBe(400);
    expect(fieldsOf(notNamed.body)).toEqual(['categories']);

    const mine = await api.call<{ applications: View[] }>('GET', `/api/v1/orgs/${orgId}/whitelist-applications`, {
      token: owner,
    });
    expect(mine.body.applications).toEqual([]);
    const audit = await api.call<{ entries: unknown[] }>('GET', `/api/v1/audit?entity=whitelist&orgId=${orgId}`, {
      token: admin,
    });
    expect(audit.body.entries).toEqual([]);
  });

  it('access: outsiders see nothing, only the city reviews, never its own firm', async () => {
    const orgId = await newFirm(['agency-operation']);
    const made = await apply(orgId, application({ categories: ['agency-operation'] }));
    expect(made.status).toBe(201);
    const id = made.body.id;

    expect((await apply(orgId, application({ categories: ['agency-operation'] }), outsider)).status).toBe(404);
    expect((await api.call('GET', `/api/v1/orgs/${orgId}/whitelist-applications`, { token: outsider })).status).toBe(
      404,
    );
    expect((await api.call('GET', `/api/v1/whitelist/applications/${id}`, { token: outsider })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/whitelist/applications/${id}`, { token: county })).status).toBe(404);
    expect((await api.call('GET', '/api/v1/whitelist/applications', { token: owner })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/whitelist/applications', { token: county })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/whitelist/applications', { token: admin })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/whitelist/applications/${id}`, { token: admin })).status).toBe(200);

    expect((await review(id, { decision: 'recommend' }, owner)).status).toBe(403);
    expect((await review(id, { decision: 'recommend' }, outsider)).status).toBe(404);
    expect((await review(id, { decision: 'recommend' }, county)).status).toBe(404);
    const byAdmin = await review(id, { decision: 'recommend' }, admin);
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.message).toBe('只有市级审核员可以推荐白名单企业');
    expect((await review(99_999_999, { decision: 'recommend' })).status).toBe(404);
    expect((await api.call('GET', '/api/v1/whitelist?year=abc')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/whitelist/applications?status=done', { token: city })).status).toBe(400);
    // Still waiting: nothing was decided by the refused calls.
    const still = await api.call<View>('GET', `/api/v1/whitelist/applications/${id}`, { token: city });
    expect(still.body.status).toBe('submitted');
  });
});
