import fc from 'fast-check';
import { evaluate } from './evaluate';
import { anyValidFacts, nearEligibleFacts } from './testing/arbitraries';
import { BASELINE } from './testing/fixtures';
import { PROPERTY_RUNS } from './testing/property-runs';

/** Any valid facts of the catalogue, and facts near one program's thresholds (testing/arbitraries). */
const anyFacts = fc.oneof(anyValidFacts, nearEligibleFacts);

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
      { numRuns: PROPERTY_RUNS },
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
      { numRuns: PROPERTY_RUNS },
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
      { numRuns: PROPERTY_RUNS },
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
      { numRuns: PROPERTY_RUNS },
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
      { numRuns: PROPERTY_RUNS },
    );
  });
});
