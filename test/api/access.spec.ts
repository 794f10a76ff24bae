import { type Connected } from './support/connect.js';
import { firm, sharedApi } from './support/shared-api.js';
import { ENGINES } from './support/databases.js';

/**
 * Access is checked on the record: a member of firm B never reads, changes or even learns the
 * existence of firm A's firm, facts, applications (404, exactly as for an id that does not exist).
 */
describe.each(ENGINES)('access on the record on %s', (engine) => {
  let api: Connected;
  let alice: string; // administrator of firm A
  let bob: string; // administrator of firm B
  let orgA: number;
  let appA: number;
  const MISSING = 987654;

  beforeAll(async () => {
    api = await sharedApi(engine);
    alice = await api.login('applicant', 'alice');
    bob = await api.login('applicant', 'bob');
    orgA = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: alice, body: firm(1) })).body.id;
    await api.call('POST', '/api/v1/orgs', { token: bob, body: firm(2) });
    await api.call('PUT', `/api/v1/orgs/${orgA}/facts?year=2026`, {
      token: alice,
      body: { facts: { orgTypes: ['ecommerce'], trainedHireCount: 12, registeredInCity: true } },
    });
    appA = (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgA}/applications`, {
        token: alice,
        body: { programId: 'talent-hiring', claimYear: 2026 },
      })
    ).body.id;
  });

  const routes = (org: number, app: number): [string, string, unknown?][] => [
    ['GET', `/api/v1/orgs/${org}`],
    ['PATCH', `/api/v1/orgs/${org}`, { name: '被篡改的名称' }],
    ['POST', `/api/v1/orgs/${org}/invites`],
    ['GET', `/api/v1/orgs/${org}/facts?year=2026`],
    ['PUT', `/api/v1/orgs/${org}/facts?year=2026`, { facts: { trainedHireCount: 1 } }],
    ['GET', `/api/v1/orgs/${org}/facts/history?year=2026`],
    ['GET', `/api/v1/orgs/${org}/eligibility?year=2026`],
    ['GET', `/api/v1/orgs/${org}/applications`],
    ['POST', `/api/v1/orgs/${org}/applications`, { programId: 'leading-enterprise', claimYear: 2026 }],
    ['GET', `/api/v1/applications/${app}`],
    ['GET', `/api/v1/applications/${app}/history`],
    ['PATCH', `/api/v1/applications/${app}`, { facts: { trainedHireCount: 99 } }],
    ['POST', `/api/v1/applications/${app}/submit`],
    ['POST', `/api/v1/applications/${app}/withdraw`],
  ];

  it.each(routes(0, 0).map((r, i) => [r[0], r[1].replace('/0', '/:id'), i] as const))(
    "%s %s on another firm's record answers 404, the same as a record that does not exist",
    async (_method, _path, i) => {
      const [method, path, body] = routes(orgA, appA)[i] as [string, string, unknown?];
      const [, missingPath] = routes(MISSING, MISSING)[i] as [string, string];
      const theirs = await api.call<{ code: string; message: string }>(method, path, { token: bob, body });
      const none = await api.call<{ code: string; message: string }>(method, missingPath, { token: bob, body });
      expect(theirs.status).toBe(404);
      expect(theirs.body.code).toBe('NOT_FOUND');
      expect({ status: none.status, code: none.body.code, message: none.body.message }).toEqual({
        status: theirs.status,
        code: theirs.body.code,
        message: theirs.body.message,
      });
    },
  );

  it('nothing of firm A changed through those attempts', async () => {
    const org = await api.call<{ name: string }>('GET', `/api/v1/orgs/${orgA}`, { token: alice });
    expect(org.body.name).toBe('测试电商企业1号有限公司');
    const facts = await api.call<{ facts: Record<string, unknown> }>('GET', `/api/v1/orgs/${orgA}/facts?year=2026`, {
      token: alice,
    });
    expect(facts.body.facts['trainedHireCount']).toBe(12);
    const app = await api.call<{ status: string; factsSnapshot: Record<string, unknown> }>(
      'GET',
      `/api/v1/applications/${appA}`,
      { token: alice },
    );
    expect(app.body.status).toBe('draft');
    expect(app.body.factsSnapshot['trainedHireCount']).toBe(12);
    const apps = await api.call<{ applications: unknown[] }>('GET', `/api/v1/orgs/${orgA}/applications`, {
      token: alice,
    });
    expect(apps.body.applications).toHaveLength(1);
  });

  it("lists only the caller's own firms", async () => {
    const mine = await api.call<{ orgs: { id: number }[] }>('GET', '/api/v1/orgs', { token: bob });
    expect(mine.body.orgs.map((o) => o.id)).not.toContain(orgA);
    expect(mine.body.orgs).toHaveLength(1);
  });

  it('staff are not members: a reviewer cannot open a firm through the applicant routes', async () => {
    const reviewer = await api.login('city-reviewer', 'access-city');
    expect((await api.call('GET', `/api/v1/orgs/${orgA}`, { token: reviewer })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/applications/${appA}`, { token: reviewer })).status).toBe(404);
  });

  it('an invited colleague reads the firm as a member, sees personal data unmasked, but cannot administer it', async () => {
    const invite = await api.call<{ code: string }>('POST', `/api/v1/orgs/${orgA}/invites`, { token: alice });
    expect(invite.status).toBe(201);
    expect(invite.body.code).toMatch(/^[A-Z0-9]{8}$/);
    const carol = await api.login('applicant', 'carol');
    const joined = await api.call<{ id: number; myRole: string }>('POST', '/api/v1/orgs/join', {
      token: carol,
      body: { code: invite.body.code },
    });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ id: orgA, myRole: 'member' });
    const seen = await api.call<{ contactPhone: string }>('GET', `/api/v1/orgs/${orgA}`, { token: carol });
    expect(seen.body.contactPhone).toBe('13912345678');
    expect((await api.call('PATCH', `/api/v1/orgs/${orgA}`, { token: carol, body: { name: '改名' } })).status).toBe(
      403,
    );
    expect((await api.call('GET', `/api/v1/applications/${appA}`, { token: carol })).status).toBe(200);
    // A one-time code: a second use is refused.
    const dave = await api.login('applicant', 'dave');
    const again = await api.call<{ code: string }>('POST', '/api/v1/orgs/join', {
      token: dave,
      body: { code: invite.body.code },
    });
    expect(again.status).toBe(400);
    expect((await api.call('GET', `/api/v1/orgs/${orgA}`, { token: dave })).status).toBe(404);
  });

  it('a firm already registered cannot be claimed by someone else, who is told to ask its administrator', async () => {
    const eve = await api.login('applicant', 'eve');
    const res = await api.call<{ code: string; message: string; details: { field: string }[] }>(
      'POST',
      '/api/v1/orgs',
      {
        token: eve,
        body: firm(1, { name: '冒名企业' }),
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('联系企业管理员');
    expect(res.body.details[0]?.field).toBe('uscc');
  });
});
