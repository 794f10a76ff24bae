import fc from 'fast-check';
import { type CapResult } from '../contracts/evaluation';
import { type FactName, type FactVector } from '../contracts/facts';
import { AtLeastCheck, type Check, ComputedAmount, type FactRef, FixedAmount, TrueCheck } from './checks';
import { CompiledProgram } from './compile';
import { PROPERTY_RUNS } from '../testing/property-runs';

// A catalogue of 200 facts, generated: the engine must not care how many facts exist, only which a
// program reads. Facts 5 and 37 (37 = 5 + 32) and 64 (= 0 + 64) are read together on purpose: a
// 32-bit mask indexed by catalogue position would take one for the other.
const CATALOGUE = 200;
const ref = (index: number): FactRef => ({ name: `fact${index}` as FactName, index, label: `事实${index}` });
const name = (index: number): FactName => ref(index).name;

const atLeast = (index: number, min: number): Check =>
  new AtLeastCheck(
    {
      id: `at-least-${index}`,
      clause: `条款${index}`,
      measure: 1,
      fact: ref(index),
      expected: `>= ${min}`,
      unknown: `请填写事实${index}`,
      explain: (status) => status,
    },
    min,
  );
const isTrue = (index: number): Check => new TrueCheck(`true-${index}`, `条款${index}`, 1, ref(index));
const capOn = (index: number) =>
  new ComputedAmount<CapResult>(
    ref(index),
    { id: `cap-${index}`, clause: `条款${index}`, amountFen: null, explanation: '未知' },
    `请填写事实${index}`,
    (value) => value,
    (value, amountFen) => ({ id: `cap-${index}`, clause: `条款${index}`, amountFen, explanation: String(value) }),
  );
const program = (programId: 'leading-enterprise' | 'talent-hiring', conditions: Check[], capFacts: number[]) =>
  new CompiledProgram({
    identity: { programId, measure: 1, title: '测试', poolId: 'pool', oneOff: false },
    conditions,
    award: new FixedAmount({ amountFen: 100_000, clause: '奖励', explanation: '10万元' }),
    caps: capFacts.map(capOn),
  });

/** A sparse program: a few facts spread over the whole catalogue. */
const SPARSE_CHECKS = [5, 37, 64, 150, 199];
const sparse = program(
  'leading-enterprise',
  [atLeast(37, 10), isTrue(150), isTrue(5), atLeast(199, 3), isTrue(64)],
  [120],
);
const SPARSE_READS = [5, 37, 64, 120, 150, 199];

/** A wide program: 40 facts of its own (more than a 32-bit mask holds) and a cap on fact 0. */
const WIDE_CHECKS = Array.from({ length: 40 }, (_, i) => 160 + i);
const wide = program('talent-hiring', WIDE_CHECKS.map(isTrue), [0]);
const WIDE_READS = [0, ...WIDE_CHECKS];

/** A vector of the whole catalogue with the given facts known (everything else unknown). */
const vectorOf = (known: ReadonlyMap<number, unknown>): FactVector =>
  Array.from({ length: CATALOGUE }, (_, i) => known.get(i));

/** A value that meets every check of these programs; `false`/0 would not. */
const good = (index: number): unknown => (SPARSE_CHECKS.includes(index) && index !== 37 && index !== 199 ? true : 50);
const goodFor = (reads: readonly number[], index: number): unknown =>
  reads === WIDE_READS ? (index === 0 ? 50 : true) : good(index);

describe('an engine without a fact limit: 200 facts in the catalogue', () => {
  it('asks for exactly the facts a program reads and does not know, in catalogue order', () => {
    expect(sparse.screen(vectorOf(new Map())).missingFacts).toEqual(SPARSE_READS.map(name));
    const known = new Map<number, unknown>([
      [5, true],
      [64, true],
      [120, 1_000],
      [199, 3],
    ]);
    const r = sparse.screen(vectorOf(known));
    expect(r.status).toBe('undetermined');
    // Fact 37 is missing, fact 5 is not: no collision modulo 32.
    expect(r.missingFacts).toEqual([name(37), name(150)]);
    const all = sparse.screen(vectorOf(new Map([...known, [37, 10], [150, true]])));
    expect([all.status, all.missingFacts, all.maxAmountFen]).toEqual(['eligible', [], 1_000]);
  });

  it('a program reading 41 facts lists every one it lacks, and forgets them for the next firm', () => {
    expect(wide.screen(vectorOf(new Map())).missingFacts).toEqual(WIDE_READS.map(name));
    const someKnown = new Map<number, unknown>(
      WIDE_READS.filter((i) => i % 3 !== 0).map((i) => [i, goodFor(WIDE_READS, i)]),
    );
    expect(wide.screen(vectorOf(someKnown)).missingFacts).toEqual(WIDE_READS.filter((i) => i % 3 === 0).map(name));
    const allKnown = new Map<number, unknown>(WIDE_READS.map((i) => [i, goodFor(WIDE_READS, i)]));
    expect(wide.screen(vectorOf(allKnown))).toMatchObject({ status: 'eligible', missingFacts: [], maxAmountFen: 50 });
    const unmet = wide.screen(vectorOf(new Map([...allKnown, [199, false]])));
    expect([unmet.status, unmet.missingFacts]).toEqual(['ineligible', []]);
  });

  it.each([
    ['sparse', sparse, SPARSE_READS],
    ['wide', wide, WIDE_READS],
  ] as const)('%s: screening and the traced evaluation agree for any facts known (property)', (_label, p, reads) => {
    const firm = fc.array(fc.tuple(fc.constantFrom(...reads), fc.boolean()), { maxLength: reads.length });
    fc.assert(
      fc.property(firm, (given) => {
        // Each chosen fact is known, meeting its check or not.
        const known = new Map(
          given.map(([i, meets]) => [i, meets ? goodFor(reads, i) : i === 0 || i === 120 ? 7 : false]),
        );
        const facts = vectorOf(known);
        const screened = p.screen(facts);
        const traced = p.evaluate(facts);
        expect(screened.missingFacts).toEqual(reads.filter((i) => !known.has(i)).map(name));
        expect([traced.status, traced.maxAmountFen, traced.missingFacts]).toEqual([
          screened.status,
          screened.maxAmountFen,
          screened.missingFacts,
        ]);
        const unknownConditions = traced.conditions.filter((c) => c.status === 'unknown').flatMap((c) => c.facts);
        for (const fact of unknownConditions) expect(screened.missingFacts).toContain(fact);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
