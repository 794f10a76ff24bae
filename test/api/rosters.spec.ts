import { type ErrorBody, residentIdCheckCharacter, usccCheckCharacter } from '@huiqi/shared';
import { type Connected } from './support/connect.js';
import { ENGINES } from './support/databases.js';
import { firm, sharedApi, testUscc } from './support/shared-api.js';

interface Check {
  id: string;
  ok: boolean;
  text: string;
}
interface Row {
  id: number;
  name: string;
  residentId: string;
  counts: boolean;
  checks: Check[];
}
interface Roster {
  orgId: number;
  claimYear: number;
  factName: string;
  count: number;
  rows: Row[];
}
type Reply = Roster & ErrorBody;

const YEAR = 2026;

/** A valid resident ID number born on `birth` (YYYYMMDD) with sequence `seq`: the check character computed. */
const residentId = (seq: number, birth = '19950102'): string => {
  const body = `371502${birth}${String(seq).padStart(3, '0')}`;
  const check = residentIdCheckCharacter(body);
  if (!check) throw new Error(`not a resident ID body: ${body}`);
  return body + check;
};
/** The same number with a wrong check character. */
const badCheck = (id: string): string => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

/** 第九条: rosters, their ID checks, masking, the derived counts and their wiring into the facts. */
describe.each(ENGINES)('talent rosters (第九条) on %s', (engine) => {
  let api: Connected;
  let owner: string;
  let outsider: string;
  let city: string;
  let admin: string;
  let n = 60;
  let institutionUscc: string;

  const newFirm = async (orgTypes: string[]): Promise<{ id: number; uscc: string }> => {
    const body = firm(n++, { orgTypes } as never);
    const made = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body });
    return { id: made.body.id, uscc: body.uscc };
  };
  const hire = (overrides: Record<string, unknown> = {}) => ({
    name: '张小明',
    residentId: residentId(1),
    trainingKind: 'whitelisted-institution',
    institutionUscc,
    hireDate: '2026-03-01',
    socialInsuranceMonths: 6,
    ...overrides,
  });
  const streamer = (overrides: Record<string, unknown> = {}) => ({
    name: '李主播',
    residentId: residentId(2),
    followers: 100_000,
    contractFirmName: '聊城市某电商有限公司',
    contractFirmUscc: testUscc(1),
    contractMonths: 12,
    socialInsuranceMonths: 6,
    ...overrides,
  });
  const addHire = (orgId: number, body: unknown, token = owner) =>
    api.call<Reply>('POST', `/api/v1/orgs/${orgId}/rosters/hires?year=${YEAR}`, { token, body });
  const fieldsOf = (body: ErrorBody) => (body.details as { field: string; message: string }[]).map((d) => d.field);

  beforeAll(async () => {
    api = await sharedApi(engine);
    owner = await api.login('applicant', 'roster-owner');
    outsider = await api.login('applicant', 'roster-outsider');
    city = await api.login('city-reviewer');
    admin = await api.login('admin');
    // A training institution the city recommended for the year's whitelist (第八条).
    const institution = await newFirm(['training-institution']);
    institutionUscc = institution.uscc;
    const applied = await api.call<{ id: number }>('POST', `/api/v1/orgs/${institution.id}/whitelist-applications`, {
      token: owner,
      body: {
        year: YEAR,
        description: '聊城市电商人才培训机构，年培训电商从业人员2000人次，与本地企业共建实训基地。',
        categories: ['training-institution'],
        noViolations: true,
        noBadCredit: true,
      },
    });
    expect(applied.status).toBe(201);
    const recommended = await api.call('POST', `/api/v1/whitelist/applications/${applied.body.id}/review`, {
      token: city,
      body: { decision: 'recommend' },
    });
    expect(recommended.status).toBe(200);
  });

  it('derives trainedHireCount from the hires roster, row by row with the reasons, masked everywhere', async () => {
    const shop = await newFirm(['ecommerce']);
    const notListed = await newFirm(['training-institution']);
    await api.call('PUT', `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`, {
      token: owner,
      body: { facts: { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 30 } },
    });

    const first = await addHire(shop.id, hire());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orgId: shop.id, claimYear: YEAR, factName: 'trainedHireCount', count: 1 });
    const row = first.body.rows[0] as Row;
    expect(row.residentId).toBe(`371${'*'.repeat(11)}${residentId(1).slice(-4)}`);
    expect(row.counts).toBe(true);
    expect(row.checks.map((c) => c.id)).toEqual(['hired-in-year', 'trained', 'social-insurance']);

    // Each part of the clause, missed alone, keeps a row out, and says why.
    const short = await addHire(shop.id, hire({ residentId: residentId(3), socialInsuranceMonths: 5 }));
    const lastYear = await addHire(shop.id, hire({ residentId: residentId(4), hireDate: '2025-12-20' }));
    const unlisted = await addHire(shop.id, hire({ residentId: residentId(5), institutionUscc: notListed.uscc }));
    const college = await addHire(
      shop.id,
      hire({
        residentId: residentId(6),
        trainingKind: 'college',
        institutionUscc: undefined,
        collegeName: '聊城职业技术学院',
      }),
    );
    expect(college.status).toBe(201);
    const roster = college.body;
    expect(roster.count).toBe(2);
    const reasons = (id: number) =>
      roster.rows
        .find((r) => r.id === id)
        ?.checks.filter((c) => !c.ok)
        .map((c) => c.text);
    expect(reasons(short.body.rows.at(-1)?.id as number)).toEqual(['连续缴纳社会保险5个月，不足6个月']);
    expect(reasons(lastYear.body.rows.at(-1)?.id as number)).toEqual(['2025年12月20日入职，不是2026年度吸纳就业']);
    expect(reasons(unlisted.body.rows.at(-1)?.id as number)).toEqual([
      `培训机构（${notListed.uscc}）不在2026年度电商生态链企业“白名单”推荐名单的人才培训机构中`,
    ]);

    // The count is the firm's fact now, from the roster; typing it is refused, naming the roster.
    const facts = await api.call<{ facts: Record<string, unknown>; provenance: Record<string, string> }>(
      'GET',
      `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`,
      { token: owner },
    );
    expect(facts.body.facts['trainedHireCount']).toBe(2);
    expect(facts.body.provenance['trainedHireCount']).toBe('roster');
    const typed = await api.call<ErrorBody>('PUT', `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`, {
      token: owner,
      body: { facts: { trainedHireCount: 12 } },
    });
    expect(typed.status).toBe(400);
    expect(typed.body.details).toEqual([
      {
        field: 'facts.trainedHireCount',
        message: '该人数由电商人才就业名册自动计算，不能直接填写；请在“人才名册”中添加、修改或删除人员',
      },
    ]);
    // Other facts are still typed as before.
    expect(
      (
        await api.call('PUT', `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`, {
          token: owner,
          body: { facts: { registeredInCity: true } },
        })
      ).status,
    ).toBe(200);
    // The rules read it: 2 hires are short of 10.
    const eligibility = await api.call<{
      programs: { programId: string; status: string; conditions: { id: string; status: string }[] }[];
    }>('GET', `/api/v1/orgs/${shop.id}/eligibility?year=${YEAR}`, { token: owner });
    const talent = eligibility.body.programs.find((p) => p.programId === 'talent-hiring');
    expect(talent?.status).toBe('ineligible');
    expect(talent?.conditions.find((c) => c.id === 'trained-hires')?.status).toBe('unmet');
    // An application takes the roster's count and cannot be given another.
    const draft = await api.call<{ id: number; factsSnapshot: Record<string, unknown> }>(
      'POST',
      `/api/v1/orgs/${shop.id}/applications`,
      { token: owner, body: { programId: 'talent-hiring', claimYear: YEAR } },
    );
    expect(draft.body.factsSnapshot['trainedHireCount']).toBe(2);
    const patched = await api.call<ErrorBody>('PATCH', `/api/v1/applications/${draft.body.id}`, {
      token: owner,
      body: { facts: { trainedHireCount: 10 } },
    });
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['facts.trainedHireCount']);

    // Fixing a row moves the count; the number stays when not sent again.
    const fixed = await api.call<Reply>('PUT', `/api/v1/orgs/${shop.id}/rosters/hires/${short.body.rows.at(-1)?.id}`, {
      token: owner,
      body: { ...hire({ socialInsuranceMonths: 7 }), residentId: undefined },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.count).toBe(3);
    expect(fixed.body.rows.find((r) => r.id === short.body.rows.at(-1)?.id)?.residentId).toMatch(
      new RegExp(`${residentId(3).slice(-4)}$`),
    );

    // The whole number appears in no answer and no audit entry.
    const audit = await api.call('GET', `/api/v1/audit?entity=roster&orgId=${shop.id}`, { token: admin });
    expect(audit.status).toBe(200);
    const all = JSON.stringify(audit.body) + JSON.stringify(fixed.body) + JSON.stringify(facts.body);
    for (const seq of [1, 3, 4, 5, 6]) expect(all).not.toContain(residentId(seq));
    expect(all).toContain(`371${'*'.repeat(11)}`);
    const actions = (audit.body as { entries: { action: string }[] }).entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'roster.row-added')).toHaveLength(5);
    expect(actions).toContain('roster.row-updated');

    // Removing every row gives the fact back to the firm.
    for (const r of fixed.body.rows)
      expect((await api.call('DELETE', `/api/v1/orgs/${shop.id}/rosters/hires/${r.id}`, { token: owner })).status).toBe(
        200,
      );
    const after = await api.call<{ facts: Record<string, unknown> }>(
      'GET',
      `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`,
      {
        token: owner,
      },
    );
    expect(after.body.facts['trainedHireCount']).toBeUndefined();
    expect(
      (
        await api.call('PUT', `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`, {
          token: owner,
          body: { facts: { trainedHireCount: 3 } },
        })
      ).status,
    ).toBe(200);
  });

  it('a training institution recommended afterwards makes its trainees count: the firms’ facts follow', async () => {
    const shop = await newFirm(['ecommerce']);
    const later = await newFirm(['training-institution']);
    const added = await addHire(shop.id, hire({ residentId: residentId(51), institutionUscc: later.uscc }));
    expect(added.body.count).toBe(0);
    const factOf = async () =>
      (
        await api.call<{ facts: Record<string, unknown> }>('GET', `/api/v1/orgs/${shop.id}/facts?year=${YEAR}`, {
          token: owner,
        })
      ).body.facts['trainedHireCount'];
    expect(await factOf()).toBe(0);
    const applied = await api.call<{ id: number }>('POST', `/api/v1/orgs/${later.id}/whitelist-applications`, {
      token: owner,
      body: {
        year: YEAR,
        description: '聊城市电商人才培训机构，年培训电商从业人员1500人次，与本地院校共建实训基地。',
        categories: ['training-institution'],
        noViolations: true,
        noBadCredit: true,
      },
    });
    await api.call('POST', `/api/v1/whitelist/applications/${applied.body.id}/review`, {
      token: city,
      body: { decision: 'recommend' },
    });
    const deadline = Date.now() + 10_000;
    while ((await factOf()) !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await factOf()).toBe(1);
    const roster = await api.call<Roster>('GET', `/api/v1/orgs/${shop.id}/rosters/hires?year=${YEAR}`, {
      token: owner,
    });
    expect(roster.body.count).toBe(1);
  });

  it('checks resident ID numbers: length, characters, date of birth, check character; the same person once', async () => {
    const shop = await newFirm(['ecommerce']);
    const id = residentId(11);
    const cases: [string, string][] = [
      [badCheck(id), '身份证号码校验位不正确，请核对'],
      [residentId(12, '19950230'), '身份证号码中的出生日期（第7至14位）不是有效日期'],
      [residentId(13, '20300101'), '身份证号码中的出生日期（第7至14位）不是有效日期'],
      [id.slice(0, 17), '身份证号码应为18位'],
      [`${id.slice(0, 16)}AX`, '身份证号码前17位应为数字，最后一位为数字或X'],
    ];
    for (const [bad, message] of cases) {
      const refused = await addHire(shop.id, hire({ residentId: bad }));
      expect([refused.status, refused.body.details]).toEqual([400, [{ field: 'residentId', message }]]);
      expect(JSON.stringify(refused.body)).not.toContain(bad);
    }
    expect((await addHire(shop.id, hire({ residentId: id }))).status).toBe(201);
    // A lower-case x is the same number: the second is refused, masked.
    const withX = (() => {
      for (let seq = 20; seq < 999; seq++) {
        const candidate = residentId(seq);
        if (candidate.endsWith('X')) return candidate;
      }
      throw new Error('no X');
    })();
    expect((await addHire(shop.id, hire({ residentId: withX }))).status).toBe(201);
    const again = await addHire(shop.id, hire({ residentId: withX.toLowerCase() }));
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`${withX.slice(0, 3)}***********${withX.slice(-4)}`);
    expect(JSON.stringify(again.body)).not.toContain(withX);
    // Other fields, all at once; nothing written.
    const bad = await addHire(
      shop.id,
      hire({
        residentId: residentId(14),
        hireDate: '2026-02-30',
        institutionUscc: '91371500MA3TEXT01',
        collegeName: '聊城大学',
        socialInsuranceMonths: -1,
      }),
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['socialInsuranceMonths']);
    const bad2 = await addHire(
      shop.id,
      hire({
        residentId: residentId(14),
        hireDate: '2026-12-01',
        institutionUscc: '91371500MA3TEXT01',
        collegeName: '聊城大学',
      }),
    );
    expect(fieldsOf(bad2.body).sort()).toEqual(['collegeName', 'hireDate', 'institutionUscc']);
    const noCollege = await addHire(
      shop.id,
      hire({ residentId: residentId(14), trainingKind: 'college', institutionUscc: undefined }),
    );
    expect(noCollege.body.details).toEqual([
      { field: 'collegeName', message: '经院校“专业+实训”电商培训的，请填写院校名称' },
    ]);
    const roster = await api.call<Roster>('GET', `/api/v1/orgs/${shop.id}/rosters/hires?year=${YEAR}`, {
      token: owner,
    });
    expect(roster.body.rows).toHaveLength(2);
    // The same person may be in another firm's roster, or this firm's roster of another year.
    const other = await newFirm(['ecommerce']);
    expect((await addHire(other.id, hire({ residentId: id }))).status).toBe(201);
    expect(
      (
        await api.call('POST', `/api/v1/orgs/${shop.id}/rosters/hires?year=2025`, {
          token: owner,
          body: hire({ residentId: id, hireDate: '2025-04-01' }),
        })
      ).status,
    ).toBe(201);
  });

  it('derives qualifiedStreamerTraineeCount from the streamers roster', async () => {
    const school = await newFirm(['training-institution']);
    const add = (body: unknown) =>
      api.call<Reply>('POST', `/api/v1/orgs/${school.id}/rosters/streamers?year=${YEAR}`, { token: owner, body });
    expect((await add(streamer())).body.count).toBe(1);
    await add(streamer({ residentId: residentId(31), followers: 99_999 }));
    await add(streamer({ residentId: residentId(32), contractMonths: 11 }));
    // A firm registered in Jinan (370100), not in the city.
    const jinan = `91370100MA3TEXT01${usccCheckCharacter('91370100MA3TEXT01') ?? ''}`;
    await add(streamer({ residentId: residentId(33), contractFirmUscc: jinan }));
    const wrongCheck = jinan.slice(0, 17) + (jinan.endsWith('0') ? '1' : '0');
    const last = await add(streamer({ residentId: residentId(34), contractFirmUscc: wrongCheck }));
    // A credit code with a wrong check character is refused before anything is decided.
    expect(last.status).toBe(400);
    expect(fieldsOf(last.body)).toEqual(['contractFirmUscc']);
    const roster = await api.call<Roster>('GET', `/api/v1/orgs/${school.id}/rosters/streamers?year=${YEAR}`, {
      token: owner,
    });
    expect(roster.body.count).toBe(1);
    expect(roster.body.rows.map((r) => r.checks.filter((c) => !c.ok).map((c) => c.id))).toEqual([
      [],
      ['followers'],
      ['contract-term'],
      ['city-firm'],
    ]);
    const facts = await api.call<{ facts: Record<string, unknown> }>(
      'GET',
      `/api/v1/orgs/${school.id}/facts?year=${YEAR}`,
      {
        token: owner,
      },
    );
    expect(facts.body.facts['qualifiedStreamerTraineeCount']).toBe(1);

    // Revised: the 99,999-follower streamer reaches 100,000 and counts; removed, the first no longer does.
    const [first, short] = roster.body.rows;
    const row = (id: number | undefined) => `/api/v1/orgs/${school.id}/rosters/streamers/${String(id)}`;
    const revised = await api.call<Reply>('PUT', row(short?.id), {
      token: owner,
      body: streamer({ residentId: residentId(31), followers: 100_000 }),
    });
    expect(revised.status).toBe(200);
    expect(revised.body.count).toBe(2);
    // Revised onto a person already in the roster: refused, the ID masked.
    const twice = await api.call<Reply>('PUT', row(short?.id), { token: owner, body: streamer() });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(twice.body)).not.toContain(residentId(2));
    const removed = await api.call<Reply>('DELETE', row(first?.id), { token: owner });
    expect(removed.status).toBe(200);
    expect(removed.body.count).toBe(1);
    expect(removed.body.rows.map((r) => r.id)).not.toContain(first?.id);
  });

  it('access: only the firm’s members read and change its rosters', async () => {
    const shop = await newFirm(['ecommerce']);
    const made = await addHire(shop.id, hire({ residentId: residentId(41) }));
    const rowId = made.body.rows[0]?.id as number;
    expect(
      (await api.call('GET', `/api/v1/orgs/${shop.id}/rosters/hires?year=${YEAR}`, { token: outsider })).status,
    ).toBe(404);
    expect((await api.call('GET', `/api/v1/orgs/${shop.id}/rosters/hires?year=${YEAR}`, { token: city })).status).toBe(
      404,
    );
    expect((await addHire(shop.id, hire({ residentId: residentId(42) }), outsider)).status).toBe(404);
    expect(
      (await api.call('PUT', `/api/v1/orgs/${shop.id}/rosters/hires/${rowId}`, { token: outsider, body: hire() }))
        .status,
    ).toBe(404);
    expect(
      (await api.call('DELETE', `/api/v1/orgs/${shop.id}/rosters/hires/${rowId}`, { token: outsider })).status,
    ).toBe(404);
    // A row of one firm is not found through another firm's path.
    const other = await newFirm(['ecommerce']);
    expect((await api.call('DELETE', `/api/v1/orgs/${other.id}/rosters/hires/${rowId}`, { token: owner })).status).toBe(
      404,
    );
    expect(
      (await api.call('DELETE', `/api/v1/orgs/${shop.id}/rosters/streamers/${rowId}`, { token: owner })).status,
    ).toBe(404);
    const still = await api.call<Roster>('GET', `/api/v1/orgs/${shop.id}/rosters/hires?year=${YEAR}`, { token: owner });
    expect(still.body.rows.map((r) => r.id)).toEqual([rowId]);
  });
});
