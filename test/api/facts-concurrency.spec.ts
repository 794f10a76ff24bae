import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';

/**
 * New firms entering their first facts at the same moment. On MariaDB the fact rows they lock do
 * not exist yet (gap locks, one gap of the index), and two such transactions used to deadlock each
 * other's inserts: one answered 500. The firm's own row is what serialises a change of its facts now.
 */
describe.each(ENGINES)('first facts of many new firms at once, on %s', (engine) => {
  let api: Booted;
  beforeAll(async () => {
    api = await boot(engine);
  });
  afterAll(() => api.close());

  it('are all stored, each firm its own, none refused', async () => {
    const firms = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const token = await api.login('applicant', `facts-race-${i}`);
        const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(20 + i) });
        expect(org.status).toBe(201);
        return { token, orgId: org.body.id, hires: 10 + i };
      }),
    );
    const puts = await Promise.all(
      firms.map((f) =>
        api.call('PUT', `/api/v1/orgs/${f.orgId}/facts?year=2026`, {
          token: f.token,
          body: { facts: { trainedHireCount: f.hires, registeredInCity: true } },
        }),
      ),
    );
    expect(puts.map((p) => p.status)).toEqual(firms.map(() => 200));
    for (const f of firms) {
      const read = await api.call<{ facts: { trainedHireCount?: number } }>(
        'GET',
        `/api/v1/orgs/${f.orgId}/facts?year=2026`,
        { token: f.token },
      );
      expect(read.body.facts.trainedHireCount).toBe(f.hires);
    }
  });
});
