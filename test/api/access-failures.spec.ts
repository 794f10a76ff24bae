import { type ErrorBody } from '@huiqi/shared';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';

/**
 * An access check that cannot reach the database has not decided anything: the caller gets the
 * server's failure (5xx, in the house shape), never the 404 that means "not yours or not there".
 */
describe.each(ENGINES)('access checks when the database fails, on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let reviewer: string;
  let orgId: number;
  let applicationId: number;
  let fileId: number;

  /** Moves a table out of the way (and back): every query on it fails as a broken database would. */
  const rename = (from: string, to: string) =>
    api.app.dataSource.query(
      engine === 'sqlite' ? `ALTER TABLE "${from}" RENAME TO "${to}"` : `RENAME TABLE \`${from}\` TO \`${to}\``,
    );

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    owner = await api.login('applicant', 'failing-owner');
    reviewer = await api.login('city-reviewer', 'failing-city');
    orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(40) })).body.id;
    await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, {
      token: owner,
      body: { facts: { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 } },
    });
    applicationId = (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token: owner,
        body: { programId: 'talent-hiring', claimYear: 2026 },
      })
    ).body.id;
    await fillRequired(api, owner, orgId, applicationId);
    expect((await api.call('POST', `/api/v1/applications/${applicationId}/submit`, { token: owner })).status).toBe(200);
    const slots = await api.call<{ materials: { current: { fileId: number } | null }[] }>(
      'GET',
      `/api/v1/applications/${applicationId}/materials`,
      { token: owner },
    );
    fileId = slots.body.materials.find((m) => m.current)?.current?.fileId as number;
  });
  afterAll(() => api.close());

  const routes = (): [string, string, string, unknown?][] => [
    ['owner', 'GET', `/api/v1/orgs/${orgId}`],
    ['owner', 'GET', `/api/v1/orgs/${orgId}/facts?year=2026`],
    ['owner', 'GET', `/api/v1/orgs/${orgId}/files`],
    ['owner', 'GET', `/api/v1/applications/${applicationId}`],
    ['owner', 'POST', `/api/v1/applications/${applicationId}/withdraw`],
    ['owner', 'GET', `/api/v1/applications/${applicationId}/materials`],
    ['owner', 'GET', `/api/v1/applications/${applicationId}/history`],
    ['owner', 'GET', `/api/v1/files/${fileId}`],
    ['reviewer', 'GET', `/api/v1/applications/${applicationId}/materials`],
    ['reviewer', 'GET', `/api/v1/applications/${applicationId}/history`],
    ['reviewer', 'GET', `/api/v1/files/${fileId}`],
  ];

  it('every route that reads answers 200 while the memberships can be read', async () => {
    for (const [who, method, path] of routes().filter(([, method]) => method === 'GET')) {
      const res = await api.call(method, path, { token: who === 'owner' ? owner : reviewer });
      expect([who, path, res.status]).toEqual([who, path, 200]);
    }
  });

  it('with the memberships table gone, each access check answers 500 in the house shape, never 404', async () => {
    await rename('memberships', 'memberships_away');
    try {
      for (const [who, method, path] of routes()) {
        const res = await api.call<ErrorBody>(method, path, { token: who === 'owner' ? owner : reviewer });
        expect([who, method, path, res.status, res.body.code]).toEqual([who, method, path, 500, 'INTERNAL']);
        expect(res.body).toEqual({
          code: 'INTERNAL',
          message: '服务暂时出错，请稍后再试',
          details: [],
          requestId: expect.any(String),
        });
        // Nothing of the database's own words reaches the caller.
        expect(res.text).not.toContain('memberships');
      }
    } finally {
      await rename('memberships_away', 'memberships');
    }
    // The failed withdrawal changed nothing.
    const app = await api.call<{ status: string }>('GET', `/api/v1/applications/${applicationId}`, { token: owner });
    expect(app.body.status).toBe('submitted');
  });
});
