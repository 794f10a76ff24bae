import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CommendationsDraft, type MonthlyFiguresImportResult } from '@huiqi/shared';
import { boot, type Booted } from './support/app.js';
import { ENGINES } from './support/databases.js';

const example = (name: string): Buffer => readFileSync(join(process.cwd(), 'docs', 'examples', name));

/**
 * The README's journey through 运行监测 and 通报表扬 with the example files it names: 临清市's year
 * imported by its county reviewer, every county's by the city, the province's averages set, and
 * the three lists computed from them by the shared rules.
 */
describe.each(ENGINES)('the example monthly figures of docs/examples on %s', (engine) => {
  let api: Booted;
  let linqing: string;
  let city: string;

  beforeAll(async () => {
    api = await boot(engine);
    linqing = await api.login('county-reviewer', 'examples-linqing', 'linqing');
    city = await api.login('city-reviewer', 'examples-city');
  });
  afterAll(() => api.close());

  const importFile = async (token: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([example(name)]), name);
    const res = await fetch(`${api.url}/api/v1/statistics/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as MonthlyFiguresImportResult };
  };

  it('import whole, and rank as the README says', async () => {
    const county = await importFile(linqing, 'monthly-figures-2023-linqing.csv');
    expect(county).toEqual({ status: 200, body: { rows: 12, created: 12, revised: 0, unchanged: 0 } });
    // The city's file repeats 临清市's months as they are.
    const all = await importFile(city, 'monthly-figures-2023.csv');
    expect(all).toEqual({ status: 200, body: { rows: 132, created: 120, revised: 0, unchanged: 12 } });
    const averages = await api.call('PUT', '/api/v1/statistics/averages/2023', {
      token: city,
      body: { onlineRetailGrowthBp: 1500, physicalGoodsOnlineShareBp: 2500 },
    });
    expect(averages.status).toBe(200);

    const draft = await api.call<CommendationsDraft>('GET', '/api/v1/commendations/draft?year=2023', { token: city });
    expect(draft.status).toBe(200);
    const counties = (id: keyof CommendationsDraft['result']['lists']) =>
      draft.body.result.lists[id].map((e) => e.county);
    // Growth above 15.00% and top 5; share above 25.00% and top 5; more than 500 new shops; top 3 relocated retail.
    expect(counties('retail-growth')).toEqual(['yanggu', 'linqing', 'dongchangfu', 'donge', 'guanxian']);
    expect(counties('online-share')).toEqual(['dongchangfu', 'etdz', 'hitech', 'linqing', 'chiping']);
    expect(counties('new-shops')).toEqual(['dongchangfu', 'linqing', 'shenxian', 'guanxian', 'chiping']);
    expect(counties('relocated-shops')).toEqual(['dongchangfu', 'linqing', 'chiping']);
  });
});
