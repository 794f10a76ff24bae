import fc from 'fast-check';
import { COUNTIES, ORG_TYPES, PLATFORMS, PROGRAM_IDS, UNIFIED_OPERATIONS } from './contracts/catalogue';
import { type Facts } from './contracts/facts';
import { evaluate } from './evaluate';
import { BASELINE } from './testing/fixtures';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const fen = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000_000 }),
  fc.constantFrom(0, 1, 9_999_999_999, 10_000_000_000, 2_000_000_000, Number.MAX_SAFE_INTEGER),
);
const count = fc.integer({ min: 0, max: 5000 });
const date = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Any valid facts, each fact present or unknown, with values around the thresholds. */
const factsArb: fc.Arbitrary<Facts> = fc
  .record({
    county: maybe(fc.constantFrom(...COUNTIES.map((c) => c.id))),
    orgTypes: maybe(fc.uniqueArray(fc.constantFrom(...ORG_TYPES.map((o) => o.id)), { maxLength: 3 })),
    registeredInCity: maybe(fc.boolean()),
    registrationDate: maybe(date),
    independentLegalPerson: maybe(fc.boolean()),
    normalOperation: maybe(fc.boolean()),
    taxCompliant: maybe(fc.boolean()),
    goodCredit: maybe(fc.boolean()),
    onlineRetailFen: maybe(fen),
    statisticalOnlineRetailFen: maybe(fen),
    localContributionFen: maybe(fen),
    convertedFromOutOfCityBranch: maybe(fc.boolean()),
    conversionDate: maybe(date),
    includedInStatistics: maybe(fc.boolean()),
    livestreamBaseAuthorizations: maybe(
      fc.uniqueArray(fc.constantFrom(...PLATFORMS.map((p) => p.id)), { maxLength: 3 }),
    ),
    siteAreaM2: maybe(count),
    liveRoomCount: maybe(count),
    activeStreamerCount: maybe(count),
    trainedHireCount: maybe(count),
    qualificationsComplete: maybe(fc.boolean()),
    qualifiedStreamerTraineeCount: maybe(count),
    nationalExpressCompanyCount: maybe(count),
    unifiedOperations: maybe(fc.uniqueArray(fc.constantFrom(...UNIFIED_OPERATIONS.map((o) => o.id)))),
    realtimePriceComparison: maybe(fc.boolean()),
    matchmakingService: maybe(fc.boolean()),
    countyParcelShareBp: maybe(fc.integer({ min: 0, max: 10_000 })),
    nationalExpressBrand: maybe(fc.boolean()),
    newFirstLevelDistributionCenter: maybe(fc.boolean()),
    firstOperatingYear: maybe(fc.integer({ min: 2018, max: 2026 })),
  })
  .map((facts) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(facts)) if (v !== undefined) out[k] = v;
    return out as Facts;
  });

/** Facts that start from one program's eligible baseline, then vary: more decisions reach eligible. */
const nearEligibleArb: fc.Arbitrary<Facts> = fc
  .tuple(fc.constantFrom(...PROGRAM_IDS), factsArb, fc.integer({ min: 0, max: 3 }))
  .map(([id, random, keep]) => {
    const base = BASELINE[id] as Record<string, unknown>;
    const keys = Object.keys(random).slice(0, keep);
    return { ...base, ...Object.fromEntries(keys.map((k) => [k, (random as Record<string, unknown>)[k]])) } as Facts;
  });

const anyFacts = fc.oneof(factsArb, nearEligibleArb);

describe('properties of evaluate()', () => {
  it('maxAmountFen is a non-negative integer, never above any cap or the award, for eligible and undetermined programs', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        for (const p of evaluate({ claimYear: 2023, facts }).programs) {
          if (p.status === 'ineligible') {
            expect(p.maxAmountFen).toBeNull();
            continue;
          }
          const max = p.maxAmountFen as number;
          expect(Number.isSafeInteger(max) && max >= 0).toBe(true);
          for (const cap of p.caps) if (cap.amountFen !== null) expect(max).toBeLessThanOrEqual(cap.amountFen);
          if (p.award.amountFen !== null) expect(max).toBeLessThanOrEqual(p.award.amountFen);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('status is three-valued from the conditions: any unmet → ineligible, else any unknown → undetermined', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        for (const p of evaluate({ claimYear: 2023, facts }).programs) {
          const statuses = p.conditions.map((c) => c.status);
          const expected = statuses.includes('unmet')
            ? 'ineligible'
            : statuses.includes('unknown')
              ? 'undetermined'
              : 'eligible';
          expect(p.status).toBe(expected);
          for (const c of p.conditions)
            if (c.status === 'unknown') for (const f of c.facts) expect(p.missingFacts).toContain(f);
          for (const f of p.missingFacts) expect(facts[f]).toBeUndefined();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('summaries tell the whole truth: no 最高可获0元, no bare 符合条件 beside a review, an unknown cap input asked for', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        for (const p of evaluate({ claimYear: 2023, facts }).programs) {
          expect(p.summary).not.toContain('最高可获0元');
          expect(p.summary).not.toMatch(/不符合：(不满足|不符合)/);
          if (p.status === 'ineligible') continue;
          if (p.conditions.some((c) => c.status === 'review'))
            expect(p.summary).toContain('由审核人员根据申报材料认定');
          else if (p.status === 'eligible' && p.maxAmountFen !== 0) expect(p.summary).toMatch(/^符合条件，最高可获/);
          if (p.maxAmountFen !== 0)
            for (const cap of p.caps) if (cap.amountFen === null) expect(p.summary).toContain('请填写');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic: the same request gives the same JSON, and does not change its input', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        const before = JSON.stringify(facts);
        const a = JSON.stringify(evaluate({ claimYear: 2023, facts }));
        const b = JSON.stringify(evaluate(JSON.parse(JSON.stringify({ claimYear: 2023, facts }))));
        expect(a).toBe(b);
        expect(JSON.stringify(facts)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('二: more online retail never lowers the leading-enterprise maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000_000_000, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (retail, extra) => {
          const max = (onlineRetailFen: number) =>
            evaluate({
              claimYear: 2023,
              facts: { ...BASELINE['leading-enterprise'], onlineRetailFen },
              programs: ['leading-enterprise'],
            }).programs[0]?.maxAmountFen as number;
          expect(max(retail + extra)).toBeGreaterThanOrEqual(max(retail));
        },
      ),
    );
  });
});
