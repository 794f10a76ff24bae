import { readFileSync, writeFileSync } from 'node:fs';
import {
  type Edition,
  type EditionPreview as Preview,
  type Facts,
  loadEdition,
  type PreviewChange,
  type ProgramScreening,
  screenValidated,
} from '@huiqi/shared';
import { LessThanOrEqual } from 'typeorm';
import { EditionsService } from '../../api/src/modules/editions/editions.service.js';
import { EXAMPLES_PER_EFFECT } from '../../api/src/modules/editions/preview.js';
import { FactEntity } from '../../api/src/modules/facts/fact.entity.js';
import { OrgEntity } from '../../api/src/modules/orgs/org.entity.js';
import { seedFirms } from '../../bench/seed-firms.mjs';
import { boot, type Booted } from './support/app.js';
import { ENGINES } from './support/databases.js';

/** The 2023 numbers for 2027 with lower, higher and new thresholds and a smaller pool (as bench/preview.mjs). */
const DRAFT_PATCH = {
  title: '预览测试：2027年版草稿',
  claimYear: 2027,
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  programs: {
    'leading-enterprise': {
      parameters: { minOnlineRetailFen: { value: 5_000_000_000 }, subsidyPerUnitFen: { value: 500 } },
    },
    'livestream-enterprise': { parameters: { minStatisticalOnlineRetailFen: { value: 3_000_000_000 } } },
    'talent-hiring': { parameters: { minTrainedHires: { value: 12 } } },
  },
  pools: { 'pool-talent': { capFen: 1_000_000 } },
};

type Verdict = { status: ProgramScreening['status']; maxAmountFen: number | null };

/**
 * The preview as it was computed before it streamed (api/src at 02aca7a, kept here verbatim but
 * for names): every fact row loaded, grouped by firm in memory, every change listed.
 */
const allInMemory = async (api: Booted, base: Edition, draft: Edition) => {
  const rows = await api.app.dataSource
    .getRepository(FactEntity)
    .find({ where: { claimYear: LessThanOrEqual(draft.claimYear) }, order: { claimYear: 'ASC' } });
  const latest = new Map<number, { year: number; facts: Record<string, unknown> }>();
  for (const f of rows) {
    const current = latest.get(f.orgId);
    if (!current || f.claimYear > current.year)
      latest.set(f.orgId, { year: f.claimYear, facts: { [f.name]: f.value } });
    else if (f.claimYear === current.year) current.facts[f.name] = f.value;
  }
  const byOrg = new Map([...latest].map(([orgId, { facts }]) => [orgId, facts as Facts]));
  const names = new Map(
    (await api.app.dataSource.getRepository(OrgEntity).find({ select: { id: true, name: true } })).map((o) => [
      o.id,
      o.name,
    ]),
  );
  const pick = (p: ProgramScreening): Verdict => ({ status: p.status, maxAmountFen: p.maxAmountFen });
  const effectOf = (before: Verdict | null, after: Verdict | null): PreviewChange['effect'] | null => {
    const was = before?.status ?? 'ineligible';
    const is = after?.status ?? 'ineligible';
    if (was === is && (before?.maxAmountFen ?? null) === (after?.maxAmountFen ?? null)) return null;
    if (is === 'undetermined' || was === 'undetermined') return 'undetermined';
    if (was !== 'eligible' && is === 'eligible') return 'gains';
    if (was === 'eligible' && is !== 'eligible') return 'loses';
    return (after?.maxAmountFen ?? 0) > (before?.maxAmountFen ?? 0) ? 'more' : 'less';
  };
  const changes: PreviewChange[] = [];
  const eligible = new Map<string, { before: number; after: number }>();
  const demand = new Map<string, { before: number; after: number }>();
  const add = (map: typeof demand, key: string, side: 'before' | 'after', n: number) => {
    const d = map.get(key) ?? { before: 0, after: 0 };
    d[side] += n;
    map.set(key, d);
  };
  for (const [orgId, orgFacts] of byOrg) {
    const evaluateWith = (edition: Edition) =>
      screenValidated({ claimYear: edition.claimYear, facts: orgFacts }, { editions: [edition] }).programs;
    const before = new Map(evaluateWith(base).map((p) => [p.programId, p]));
    const after = new Map(evaluateWith(draft).map((p) => [p.programId, p]));
    for (const programId of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(programId) ?? null;
      const a = after.get(programId) ?? null;
      add(eligible, programId, 'before', b?.status === 'eligible' ? 1 : 0);
      add(eligible, programId, 'after', a?.status === 'eligible' ? 1 : 0);
      if (b?.status === 'eligible') add(demand, b.poolId, 'before', b.maxAmountFen ?? 0);
      if (a?.status === 'eligible') add(demand, a.poolId, 'after', a.maxAmountFen ?? 0);
      const effect = effectOf(b && pick(b), a && pick(a));
      if (effect)
        changes.push({
          orgId,
          orgName: names.get(orgId) ?? String(orgId),
          programId,
          before: b && pick(b),
          after: a && pick(a),
          effect,
        });
    }
  }
  const poolIds = new Set([...Object.keys(base.pools), ...Object.keys(draft.pools)]);
  const pools = [...poolIds].map((poolId) => {
    const d = demand.get(poolId) ?? { before: 0, after: 0 };
    const capAfter = draft.pools[poolId]?.capFen ?? null;
    return {
      poolId,
      title: draft.pools[poolId]?.title ?? base.pools[poolId]?.title ?? poolId,
      capFenBefore: base.pools[poolId]?.capFen ?? null,
      capFenAfter: capAfter,
      demandFenBefore: d.before,
      demandFenAfter: d.after,
      oversubscribedAfter: capAfter !== null && d.after > capAfter,
    };
  });
  return { firms: byOrg.size, changes, eligible, pools };
};

/** Resident memory of this process (the API runs in it), in bytes: now, and the peak since the last reset. */
const memory = (field: 'VmRSS' | 'VmHWM'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;

// Seeding thousands of firms, and screening them, takes seconds on a quiet machine and several
// times that on a busy one: these are not timing assertions, only room to finish.
const SEEDING_MS = 120_000;

describe.each(ENGINES)('the edition preview on %s', (engine) => {
  let api: Booted;
  let admin: string;

  beforeAll(async () => {
    api = await boot(engine);
    admin = await api.login('admin', 'preview-admin');
    await api.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: 'preview-2027' } });
    const patched = await api.call('PATCH', '/api/v1/editions/preview-2027', {
      token: admin,
      body: { document: DRAFT_PATCH },
    });
    expect(patched.status).toBe(200);
    await seed(2_000, 20260601);
  }, SEEDING_MS);
  afterAll(() => api.close());

  const seed = (firms: number, seedNumber: number) =>
    seedFirms({
      query: (sql, params) => api.app.dataSource.query(sql, params),
      engine,
      firms,
      seed: seedNumber,
    });

  const preview = async (): Promise<Preview> => {
    const res = await api.call<Preview>('GET', '/api/v1/editions/preview-2027/preview', { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('on 2,000 firms, answers what loading every row in memory answered; examples bounded, counts whole', async () => {
    const answer = await preview();
    const base = (await api.app.app.get(EditionsService).publishedEditions()).find((e) => e.id === '2023') as Edition;
    const draftView = await api.call<{ document: unknown }>('GET', '/api/v1/editions/preview-2027', { token: admin });
    const reference = await allInMemory(api, base, loadEdition(draftView.body.document));

    expect(answer).toMatchObject({ draftId: 'preview-2027', baseId: '2023', claimYear: 2027, firms: 2_000 });
    expect(reference.firms).toBe(2_000);
    expect(answer.pools).toEqual(reference.pools);
    expect(answer.changesTotal).toBe(reference.changes.length);
    // The examples: the old list in firm order (it was in the order firms' first rows came, by
    // year), keeping the first EXAMPLES_PER_EFFECT of each program and effect.
    const seen = new Map<string, number>();
    const examples = [...reference.changes]
      .sort((a, b) => a.orgId - b.orgId)
      .filter((c) => {
        const key = `${c.programId}:${c.effect}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        return (seen.get(key) ?? 0) <= EXAMPLES_PER_EFFECT;
      });
    expect(answer.changes).toEqual(examples);
    expect(answer.programs).toEqual(
      [...reference.eligible].map(([programId, counts]) => {
        const effects = reference.changes.filter((c) => c.programId === programId);
        const n = (effect: PreviewChange['effect']) => effects.filter((c) => c.effect === effect).length;
        return {
          programId,
          eligibleBefore: counts.before,
          eligibleAfter: counts.after,
          gains: n('gains'),
          loses: n('loses'),
          more: n('more'),
          less: n('less'),
          undetermined: n('undetermined'),
        };
      }),
    );
    // The draft moves many firms: some lists were cut, and each effect happened.
    expect(examples.length).toBeLessThan(reference.changes.length);
    for (const effect of ['gains', 'loses', 'more', 'less'] as const)
      expect([effect, reference.changes.some((c) => c.effect === effect)]).toEqual([effect, true]);
  });

  describe('with 18,000 firms more', () => {
    beforeAll(() => seed(18_000, 20260602), SEEDING_MS);

    it(
      'on 20,000 firms, the process grows by less than 100 MB while it answers (bench: 100,000 firms)',
      async () => {
        const before = memory('VmRSS');
        // Resets the peak (VmHWM) to the current size: what follows is the preview's own peak.
        writeFileSync('/proc/self/clear_refs', '5');
        const answer = await preview();
        const growthMb = (memory('VmHWM') - before) / 1024 / 1024;
        expect(answer.firms).toBe(20_000);
        expect(growthMb).toBeLessThan(100);
      },
      SEEDING_MS,
    );
  });
});
