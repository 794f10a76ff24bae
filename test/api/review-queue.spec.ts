import { type ApplicationStatus, type ReviewQueue } from '@huiqi/shared';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };
const DAY_MS = 24 * 60 * 60 * 1000;

interface Refusal {
  code: string;
  details: { field: string; message: string }[];
}

/**
 * The reviewers' queue (`GET /api/v1/review/queue`) on both engines: the counts per stage agree
 * with what paging through the list finds, in the caller's scope; the deadline order both ways;
 * a bad order refused naming the field.
 */
describe.each(ENGINES)('review queue on %s', (engine) => {
  let api: Booted;
  let n = 60; // two digits: the test USCC holds two
  /** Submitted applications by county, in the order submitted (a day apart in turns, so deadlines differ). */
  const submitted: { linqing: number[]; gaotang: number[] } = { linqing: [], gaotang: [] };

  const submit = async (county: 'linqing' | 'gaotang'): Promise<number> => {
    const owner = await api.login('applicant', `queue-owner-${n}`);
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', {
      token: owner,
      body: { ...firm(n++), county },
    });
    expect(org.status).toBe(201);
    await api.call('PUT', `/api/v1/orgs/${org.body.id}/facts?year=2026`, {
      token: owner,
      body: { facts: TALENT_FACTS },
    });
    const draft = await api.call<{ id: number }>('POST', `/api/v1/orgs/${org.body.id}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    await fillRequired(api, owner, org.body.id, draft.body.id);
    const res = await api.call('POST', `/api/v1/applications/${draft.body.id}/submit`, { token: owner });
    expect(res.status).toBe(200);
    submitted[county].push(draft.body.id);
    return draft.body.id;
  };

  const queue = async (token: string, query: string): Promise<ReviewQueue> => {
    const res = await api.call<ReviewQueue>('GET', `/api/v1/review/queue${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Every item of the queue under `query`, page by page. */
  const everything = async (token: string, query: Record<string, string>): Promise<ReviewQueue['items']> => {
    const items: ReviewQueue['items'] = [];
    for (let page = 1; ; page++) {
      const body = await queue(token, `?${new URLSearchParams({ ...query, page: String(page) })}`);
      expect(body.items.length).toBeLessThanOrEqual(body.pageSize);
      items.push(...body.items);
      if (body.items.length === 0 || items.length >= body.total) {
        expect(items).toHaveLength(body.total);
        return items;
      }
    }
  };

  const tally = (items: ReviewQueue['items']): Map<ApplicationStatus, number> => {
    const counts = new Map<ApplicationStatus, number>();
    for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    // 23 in Linqing (more than a page) and 4 in Gaotang, a day apart every few, so their deadlines differ.
    for (let i = 0; i < 23; i++) {
      await submit('linqing');
      if (i % 5 === 4) api.clock.advance(DAY_MS);
    }
    for (let i = 0; i < 4; i++) await submit('gaotang');
    // Two of each county on to the city's review.
    const linqing = await api.login('county-reviewer', 'queue-linqing', 'linqing');
    const gaotang = await api.login('county-reviewer', 'queue-gaotang', 'gaotang');
    for (const id of submitted.linqing.slice(0, 2)) {
      expect((await api.call('POST', `/api/v1/applications/${id}/approve`, { token: linqing, body: {} })).status).toBe(
        200,
      );
    }
    for (const id of submitted.gaotang.slice(0, 2)) {
      expect((await api.call('POST', `/api/v1/applications/${id}/approve`, { token: gaotang, body: {} })).status).toBe(
        200,
      );
    }
  }, 240_000);
  afterAll(() => api.close());

  it('counts each stage as paging through the list finds it, whatever stage is asked', async () => {
    const admin = await api.login('admin', 'queue-admin');
    const all = await everything(admin, {});
    expect(all).toHaveLength(27);
    const found = tally(all);
    const { counts } = await queue(admin, '');
    // Every stage the admin acts in, zero or not.
    expect(counts.map((c) => c.stage)).toEqual(
      expect.arrayContaining(['submitted', 'city-review', 'finance-review', 'notice', 'approved']),
    );
    for (const count of counts) {
      expect(count.count).toBe(found.get(count.stage) ?? 0);
      // Each stage paged on its own finds as many.
      if (count.count > 0) expect(await everything(admin, { stage: count.stage })).toHaveLength(count.count);
    }
    expect(counts.find((c) => c.stage === 'submitted')).toEqual({ stage: 'submitted', label: '待县级初审', count: 23 });
    expect(counts.find((c) => c.stage === 'city-review')?.count).toBe(4);

    // The counts follow the other filters, and not the stage.
    const gaotang = await queue(admin, '?stage=city-review&county=gaotang');
    expect(gaotang.total).toBe(2);
    expect(gaotang.counts.find((c) => c.stage === 'submitted')?.count).toBe(2);
    expect(gaotang.counts.find((c) => c.stage === 'city-review')?.count).toBe(2);
  });

  it('counts a county reviewer’s own county only, whatever county is asked', async () => {
    const linqing = await api.login('county-reviewer', 'queue-linqing', 'linqing');
    const mine = await queue(linqing, '');
    expect(mine.counts).toEqual([{ stage: 'submitted', label: '待县级初审', count: 21 }]);
    const items = await everything(linqing, {});
    expect(items).toHaveLength(21);
    expect(new Set(items.map((i) => i.county))).toEqual(new Set(['linqing']));
    const other = await queue(linqing, '?county=gaotang');
    expect(other.total).toBe(0);
    expect(other.counts).toEqual([{ stage: 'submitted', label: '待县级初审', count: 0 }]);

    const city = await api.login('city-reviewer', 'queue-city');
    const cityCounts = (await queue(city, '')).counts;
    expect(cityCounts.map((c) => c.stage)).not.toContain('submitted');
    expect(cityCounts.find((c) => c.stage === 'city-review')?.count).toBe(4);
  });

  it('sorts by the deadline, earliest first by default and latest first with -deadline', async () => {
    const admin = await api.login('admin', 'queue-admin');
    const dues = (items: ReviewQueue['items']): string[] => items.map((i) => i.stage.due ?? '');
    const earliest = dues(await everything(admin, { stage: 'submitted' }));
    const latest = dues(await everything(admin, { stage: 'submitted', sort: '-deadline' }));
    expect(new Set(earliest).size).toBeGreaterThan(2);
    expect(earliest).toEqual([...earliest].sort());
    expect(latest).toEqual([...earliest].sort().reverse());
    expect(dues(await everything(admin, { stage: 'submitted', sort: 'deadline' }))).toEqual(earliest);
    // The first page of each order starts at its own end.
    const first = await queue(admin, '?stage=submitted&sort=-deadline');
    expect(first.items[0]?.stage.due).toBe(latest[0]);
    expect(first.items[0]?.stage.due).not.toBe(earliest[0]);
  });

  it('refuses an order it does not know, naming the field', async () => {
    const admin = await api.login('admin', 'queue-admin');
    const res = await api.call<Refusal>('GET', '/api/v1/review/queue?sort=amount', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toContain('sort');
    expect(res.body.details.find((d) => d.field === 'sort')?.message).toContain('deadline');
  });
});
