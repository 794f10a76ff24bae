import { type ErrorBody } from '@huiqi/shared';
import { type Connected } from './support/connect.js';
import { firm, sharedApi } from './support/shared-api.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';

interface AppReply {
  id: number;
  status: string;
  maxAmountFen: number | null;
}
const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
const LEADING_FACTS = {
  orgTypes: ['ecommerce'],
  onlineRetailFen: 35_678_901_234,
  localContributionFen: 60_000_000,
  normalOperation: true,
  taxCompliant: true,
};

/** The rules of applying: windows, one active application, one-off awards, the state machine. */
describe.each(ENGINES)('applications on %s', (engine) => {
  let api: Connected;
  let token: string;
  let orgId: number;
  let n = 10;

  const newFirm = async (facts: Record<string, unknown>, years = [2026]): Promise<number> => {
    const id = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(n++) })).body.id;
    for (const year of years)
      await api.call('PUT', `/api/v1/orgs/${id}/facts?year=${year}`, { token, body: { facts } });
    return id;
  };
  const create = (org: number, programId: string, claimYear: number) =>
    api.call<AppReply & ErrorBody>('POST', `/api/v1/orgs/${org}/applications`, {
      token,
      body: { programId, claimYear },
    });
  const act = (id: number, action: 'submit' | 'withdraw') =>
    api.call<AppReply & ErrorBody>('POST', `/api/v1/applications/${id}/${action}`, { token });
  /** Audit entries about one firm: the API is shared with other suites, so never the whole log. */
  const auditCount = async (org: number): Promise<number> => {
    const admin = await api.login('admin', 'apps-admin');
    return (await api.call<{ entries: unknown[] }>('GET', `/api/v1/audit?orgId=${org}&limit=500`, { token: admin }))
      .body.entries.length;
  };

  beforeAll(async () => {
    api = await sharedApi(engine);
    token = await api.login('applicant', 'applier');
    orgId = await newFirm(TALENT_FACTS, [2023, 2026, 2027]);
  });

  it('an edition without an application window (the built-in 2023) opens no round: submission says so', async () => {
    const draft = await create(orgId, 'talent-hiring', 2023);
    expect(draft.status).toBe(201);
    const res = await act(draft.body.id, 'submit');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('OUTSIDE_WINDOW');
    expect(res.body.message).toBe('2023年度的申报批次尚未公布，暂不能提交申报；可先保存草稿，批次公布后再提交');
    expect(res.body.details).toEqual({ opens: null, closes: null, today: '2026-06-15' });
    await act(draft.body.id, 'withdraw');
  });

  it('outside the application window, submission is refused with the window’s dates', async () => {
    const draft = await create(orgId, 'talent-hiring', 2027);
    expect(draft.status).toBe(201);
    const res = await act(draft.body.id, 'submit');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('OUTSIDE_WINDOW');
    expect(res.body.message).toContain('2027年1月1日至2027年12月31日');
    await act(draft.body.id, 'withdraw');
  });

  it('one active application per firm, program and year; withdrawing frees the program', async () => {
    const first = await create(orgId, 'leading-enterprise', 2026);
    expect(first.status).toBe(201);
    const second = await create(orgId, 'leading-enterprise', 2026);
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(`编号${first.body.id}`);
    expect((await act(first.body.id, 'withdraw')).body.status).toBe('withdrawn');
    expect((await create(orgId, 'leading-enterprise', 2026)).status).toBe(201);
  });

  it('a one-off award (九) is paid once per firm: no second application in another year', async () => {
    const app = await create(orgId, 'talent-hiring', 2026);
    expect(app.status).toBe(201);
    await fillRequired(api, token, orgId, app.body.id);
    const submitted = await act(app.body.id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', maxAmountFen: 10_000_000 });
    const nextYear = await create(orgId, 'talent-hiring', 2027);
    expect(nextYear.status).toBe(409);
    expect(nextYear.body.message).toContain('一次性奖励');
  });

  it('an award paid every year (二) can be applied for again the next year', async () => {
    // A firm of its own, whose 2026 application is submitted: only the year differs from the one-off case above.
    const org = await newFirm(LEADING_FACTS, [2026, 2027]);
    const thisYear = await create(org, 'leading-enterprise', 2026);
    expect(thisYear.status).toBe(201);
    await fillRequired(api, token, org, thisYear.body.id);
    expect((await act(thisYear.body.id, 'submit')).body.status).toBe('submitted');
    const nextYear = await create(org, 'leading-enterprise', 2027);
    expect(nextYear.status).toBe(201);
    expect(nextYear.body.status).toBe('draft');
    // The same year stays refused: the 2027 draft is a new claim, not a second one for 2026.
    expect((await create(org, 'leading-enterprise', 2026)).status).toBe(409);
  });

  it('the state machine: a submitted application cannot be edited or submitted again; withdrawn is final', async () => {
    const org = await newFirm(TALENT_FACTS);
    const app = await create(org, 'talent-hiring', 2026);
    await fillRequired(api, token, org, app.body.id);
    expect((await act(app.body.id, 'submit')).status).toBe(200);
    const edit = await api.call<ErrorBody>('PATCH', `/api/v1/applications/${app.body.id}`, {
      token,
      body: { facts: { trainedHireCount: 50 } },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('INVALID_TRANSITION');
    expect((await act(app.body.id, 'submit')).status).toBe(409);
    expect((await act(app.body.id, 'withdraw')).status).toBe(200);
    const again = await act(app.body.id, 'withdraw');
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已撤回');
  });

  it('an ineligible application is refused with the conditions to fix, and nothing about it changes', async () => {
    const org = await newFirm({ ...TALENT_FACTS, trainedHireCount: 9 });
    const app = await create(org, 'talent-hiring', 2026);
    const before = await auditCount(org);
    expect(before).toBeGreaterThanOrEqual(3); // registered, facts, created: the filter finds this firm
    const res = await act(app.body.id, 'submit');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_ELIGIBLE');
    expect(res.body.details).toMatchObject({
      status: 'ineligible',
      conditions: [
        {
          condition: 'trained-hires',
          status: 'unmet',
          explanation:
            '当年吸纳就业、经电商生态链企业“白名单”培训机构培训或经院校“专业+实训”电商培训、并连续缴纳6个月以上社会保险的人数需达到10人，目前为9人，还差1人',
        },
      ],
    });
    const after = await api.call<AppReply>('GET', `/api/v1/applications/${app.body.id}`, { token });
    expect(after.body.status).toBe('draft');
    expect(await auditCount(org)).toBe(before);
  });

  it('under concurrency, ten simultaneous creations of the same application make exactly one', async () => {
    const org = await newFirm(TALENT_FACTS);
    const replies = await Promise.all(Array.from({ length: 10 }, () => create(org, 'talent-hiring', 2026)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(9);
    const list = await api.call<{ applications: unknown[] }>('GET', `/api/v1/orgs/${org}/applications`, { token });
    expect(list.body.applications).toHaveLength(1);
  });

  it('a draft can take the firm’s current facts again', async () => {
    const org = await newFirm({ ...TALENT_FACTS, trainedHireCount: 9 });
    const app = await create(org, 'talent-hiring', 2026);
    await api.call('PUT', `/api/v1/orgs/${org}/facts?year=2026`, { token, body: { facts: { trainedHireCount: 11 } } });
    const refreshed = await api.call<{ factsSnapshot: Record<string, unknown> }>(
      'PATCH',
      `/api/v1/applications/${app.body.id}`,
      {
        token,
        body: { refreshFromOrg: true },
      },
    );
    expect(refreshed.body.factsSnapshot['trainedHireCount']).toBe(11);
    await fillRequired(api, token, org, app.body.id);
    expect((await act(app.body.id, 'submit')).status).toBe(200);
  });

  it('a year with no edition cannot be applied for', async () => {
    const res = await create(orgId, 'talent-hiring', 2030);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NO_EDITION');
  });
});
