/* eslint-disable @typescript-eslint/no-explicit-any -- mutating untyped edition documents */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRAM_IDS } from '../contracts/catalogue';
import { evaluate } from '../evaluate';
import { BASELINE } from '../testing/fixtures';
import edition2023 from './data/edition-2023.json';
import { loadEdition } from './load';
import { editionRefusal } from '../testing/editions';
import { builtInEditions, editionFor } from './registry';

const POLICY_TEXT = readFileSync(
  join(__dirname, '../../../docs/policy/liaocheng-ecommerce-measures-draft.txt'),
  'utf8',
);

const refusedFields = (mutate: (e: Record<string, any>) => void): string[] =>
  editionRefusal(mutate).map((d) => d.field);

describe('edition 2023 (the text as data)', () => {
  it('loads and is in force for claim year 2023, from 2023-01-01 to 2023-12-31', () => {
    const e = editionFor(2023);
    expect([e.validFrom, e.validTo, e.demo]).toEqual(['2023-01-01', '2023-12-31', false]);
    expect(Object.keys(e.programs)).toEqual(PROGRAM_IDS);
  });

  it('has no application window of its own: 当年 figures exist after the year, and the city opens the round', () => {
    expect(editionFor(2023).applicationWindow).toBeUndefined();
    expect('applicationWindow' in edition2023).toBe(false);
  });

  it('carries every pool of the text', () => {
    expect(Object.fromEntries(Object.entries(editionFor(2023).pools).map(([id, p]) => [id, p.capFen]))).toEqual({
      'pool-leading': 200_000_000,
      'pool-branch': 100_000_000,
      'pool-livestream': 200_000_000,
      'pool-talent': 100_000_000,
      'pool-logistics': 200_000_000,
    });
  });

  it('every clause in the edition is a verbatim substring of docs/policy', () => {
    const clauses: string[] = [];
    const walk = (value: unknown, key: string): void => {
      if (typeof value === 'string' && /clause/i.test(key)) clauses.push(value);
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, /^clauses$/.test(key) ? 'clause' : k);
    };
    walk(edition2023, '');
    expect(clauses.length).toBeGreaterThan(50);
    for (const clause of clauses) expect(POLICY_TEXT).toContain(clause);
  });

  it('every clause a trace cites is a verbatim substring of docs/policy', () => {
    const facts = Object.assign({}, ...Object.values(BASELINE));
    for (const variant of [facts, {}]) {
      for (const p of evaluate({ claimYear: 2023, facts: variant }).programs) {
        for (const c of [...p.conditions, ...p.caps, p.award]) expect(POLICY_TEXT).toContain(c.clause);
      }
    }
  });

  it('is immutable once loaded: a new edition is new data', () => {
    const e = editionFor(2023);
    expect(Object.isFrozen(e.programs['leading-enterprise']?.parameters.minOnlineRetailFen)).toBe(true);
    expect(() => {
      (e.pools['pool-leading'] as { capFen: number }).capFen = 1;
    }).toThrow(TypeError);
    expect(builtInEditions()[0]).toBe(e);
  });
});

describe('a malformed edition is refused on load, naming the field', () => {
  it.each([
    [
      'a missing parameter',
      (e: any) => delete e.programs['leading-enterprise'].parameters.minOnlineRetailFen,
      ['programs.leading-enterprise.parameters.minOnlineRetailFen'],
    ],
    [
      'negative money',
      (e: any) => (e.programs['branch-conversion'].parameters.awardFen.value = -1),
      ['programs.branch-conversion.parameters.awardFen.value'],
    ],
    ['fractional money', (e: any) => (e.pools['pool-leading'].capFen = 100.5), ['pools.pool-leading.capFen']],
    [
      'basis points above 10000',
      (e: any) => (e.programs['livestream-base'].parameters.localContributionCapBp.value = 12_000),
      ['programs.livestream-base.parameters.localContributionCapBp.value'],
    ],
    [
      'an empty clause',
      (e: any) => (e.programs['talent-hiring'].parameters.minTrainedHires.clause = ''),
      ['programs.talent-hiring.parameters.minTrainedHires.clause'],
    ],
    [
      'a missing condition clause',
      (e: any) => delete e.programs['distribution-center'].clauses.qualified,
      ['programs.distribution-center.clauses.qualified'],
    ],
    ['an unknown program', (e: any) => (e.programs['free-money'] = {}), ['programs.free-money']],
    [
      'an unknown parameter',
      (e: any) => (e.programs['talent-hiring'].parameters.bonus = { value: 1, clause: 'x' }),
      ['programs.talent-hiring.parameters.bonus'],
    ],
    [
      'a pool that does not exist',
      (e: any) => (e.programs['talent-hiring'].poolId = 'pool-nowhere'),
      ['programs.talent-hiring.poolId'],
    ],
    ['an impossible date', (e: any) => (e.validTo = '2023-02-30'), ['validTo']],
    ['validity ending before it starts', (e: any) => (e.validFrom = '2024-01-01'), ['validTo']],
    [
      'a window closing before it opens',
      (e: any) => (e.applicationWindow = { opens: '2023-06-01', closes: '2023-05-01' }),
      ['applicationWindow.closes'],
    ],
    [
      'an unknown org type',
      (e: any) => (e.programs['talent-hiring'].parameters.eligibleOrgTypes.value = ['bank']),
      ['programs.talent-hiring.parameters.eligibleOrgTypes.value'],
    ],
    ['a window that is not { opens, closes }', (e: any) => (e.applicationWindow = '2024-01-01'), ['applicationWindow']],
    [
      'a window without its closing date',
      (e: any) => (e.applicationWindow = { opens: '2024-01-01' }),
      ['applicationWindow.closes'],
    ],
    ['an unknown top-level field', (e: any) => (e.note = 'x'), ['note']],
    ['a title that reverses its own text (U+202E)', (e: any) => (e.title = '聊城\u202efdp.exe'), ['title']],
    ['a title of zero-width spaces', (e: any) => (e.title = '\u200b\u200b'), ['title']],
    [
      'a control character in a material name',
      (e: any) => (e.programs['talent-hiring'].materials[0].name = '名\u0000称'),
      ['programs.talent-hiring.materials[0].name'],
    ],
    ['a claim year that is not a year', (e: any) => (e.claimYear = '2023'), ['claimYear']],
    [
      'missing commendation parameters',
      (e: any) => delete e.commendations.parameters.relocatedShopsTopN,
      ['commendations.parameters.relocatedShopsTopN'],
    ],
  ])('%s', (_label, mutate, fields) => {
    expect(refusedFields(mutate)).toEqual(fields);
  });

  it('reports every problem at once', () => {
    expect(
      refusedFields((e) => {
        e.id = '';
        e.demo = 'no';
        e.pools['pool-branch'].capFen = -5;
      }),
    ).toEqual(['id', 'demo', 'pools.pool-branch.capFen']);
  });

  it('refuses something that is not an object', () => {
    expect(() => loadEdition(null)).toThrow('政策版本数据有误');
  });
});

describe('二 (对当年实现网络零售额1亿元以上企业) in an edition stored before its reading was corrected', () => {
  // Such a document restricted the applicant's kind and had the licence prove it.
  const stored = structuredClone(edition2023) as unknown as Record<string, any>;
  const leading = stored.programs['leading-enterprise'];
  leading.parameters.eligibleOrgTypes = { value: ['ecommerce'], clause: '加大对电商龙头企业的支持力度' };
  leading.materials.find((m: { id: string }) => m.id === 'business-licence').proves = ['org-type'];

  it('still loads, without the retired parameter and proof, and leaves the stored document as it was', () => {
    const before = JSON.stringify(stored);
    const edition = loadEdition(stored);
    expect(Object.keys(edition.programs['leading-enterprise']?.parameters ?? {})).not.toContain('eligibleOrgTypes');
    expect(edition.programs['leading-enterprise']?.materials.find((m) => m.id === 'business-licence')?.proves).toEqual(
      [],
    );
    expect(JSON.stringify(stored)).toBe(before);
  });

  it('answers like the corrected edition: a supply-chain firm with 2亿元 is eligible', () => {
    const facts = { ...BASELINE['leading-enterprise'], orgTypes: ['supply-chain'], onlineRetailFen: 20_000_000_000 };
    const request = { claimYear: 2023, facts, programs: ['leading-enterprise'] };
    expect(evaluate(request, { editions: [loadEdition(stored)] })).toEqual(evaluate(request));
    expect(evaluate(request).programs[0]?.status).toBe('eligible');
  });
});
