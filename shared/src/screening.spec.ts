import fc from 'fast-check';
import { PROGRAM_IDS } from './contracts/catalogue';
import { PolicyError } from './contracts/errors';
import { type Facts } from './contracts/facts';
import { evaluate, evaluateValidated, screen, screenValidated } from './evaluate';
import { anyValidFacts, nearEligibleFacts } from './testing/arbitraries';
import { BASELINE } from './testing/fixtures';
import { PROPERTY_RUNS } from './testing/property-runs';

const everyBaseline: Facts = Object.assign({}, ...Object.values(BASELINE)) as Facts;

describe('screen(): the same decisions without traces', () => {
  it.each([
    ['each program at its thresholds', everyBaseline],
    ['no facts', {}],
    ['a firm missing its local contribution', { ...BASELINE['leading-enterprise'], localContributionFen: undefined }],
  ])('agrees with evaluate() for %s', (_label, facts) => {
    const request = { claimYear: 2023, facts: JSON.parse(JSON.stringify(facts)) as Facts };
    const traced = evaluate(request);
    const screened = screen(request);
    expect(screened.edition).toEqual(traced.edition);
    expect(screened.programs).toEqual(
      traced.programs.map(({ programId, measure, status, maxAmountFen, poolId, oneOff, missingFacts }) => ({
        programId,
        measure,
        status,
        maxAmountFen,
        poolId,
        oneOff,
        missingFacts,
      })),
    );
  });

  it('agrees with evaluate() for any facts of the catalogue (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyValidFacts, nearEligibleFacts), (f) => {
        const traced = evaluate({ claimYear: 2023, facts: f }).programs;
        const screened = screen({ claimYear: 2023, facts: f }).programs;
        expect(screened.map((p) => [p.status, p.maxAmountFen, p.missingFacts])).toEqual(
          traced.map((p) => [p.status, p.maxAmountFen, p.missingFacts]),
        );
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('validates like evaluate()', () => {
    expect(() => screen({ claimYear: 2023, facts: { typo: 1 } })).toThrow(PolicyError);
    expect(() => screen({ claimYear: 2024, facts: {} })).toThrow('2024年度没有施行中的政策版本');
  });
});

describe('evaluateValidated() / screenValidated(): for facts validated when they were stored', () => {
  it('give the same answers as the validating entry points', () => {
    const request = { claimYear: 2023, facts: everyBaseline, programs: [...PROGRAM_IDS] };
    expect(JSON.stringify(evaluateValidated(request))).toBe(JSON.stringify(evaluate(request)));
    expect(screenValidated(request)).toEqual(screen(request));
  });
});

describe('the trace renders its Chinese prose when read, and the wire JSON is the contract', () => {
  const response = evaluate({
    claimYear: 2023,
    facts: { ...everyBaseline, orgTypes: ['ecommerce', 'livestream-base'], onlineRetailFen: 8_765_440_000 },
  });
  const wire = JSON.parse(JSON.stringify(response)) as typeof response;

  it('serialises every program, condition, cap and award with its explanation, in the contract key order', () => {
    const program = wire.programs[0];
    expect(Object.keys(program ?? {})).toEqual([
      'programId',
      'measure',
      'title',
      'status',
      'maxAmountFen',
      'poolId',
      'oneOff',
      'award',
      'conditions',
      'caps',
      'missingFacts',
      'summary',
    ]);
    for (const p of wire.programs) {
      expect(p.summary).toMatch(/[\u4e00-\u9fff]/);
      for (const c of p.conditions) {
        expect(Object.keys(c)).toEqual([
          'id',
          'clause',
          'measure',
          'status',
          'expected',
          'actual',
          'facts',
          'explanation',
        ]);
        expect(c.explanation).toMatch(/[\u4e00-\u9fff]/);
      }
      for (const cap of p.caps) expect(Object.keys(cap)).toEqual(['id', 'clause', 'amountFen', 'explanation']);
      expect(Object.keys(p.award)).toEqual(['amountFen', 'clause', 'explanation']);
    }
  });

  it('reading a property gives the same text as the wire', () => {
    response.programs.forEach((p, i) => {
      const w = wire.programs[i];
      expect(p.summary).toBe(w?.summary);
      expect(p.award.explanation).toBe(w?.award.explanation);
      p.conditions.forEach((c, j) => expect(c.explanation).toBe(w?.conditions[j]?.explanation));
      p.caps.forEach((c, j) => expect(c.explanation).toBe(w?.caps[j]?.explanation));
    });
    expect(response.programs[0]?.summary).toBe('不符合：当年网络零售额需达到1亿元，目前还差1,234.56万元');
  });

  it('shares constant parts between firms but never lets one firm change another’s answer', () => {
    const a = evaluate({ claimYear: 2023, facts: {} }).programs[0];
    const b = evaluate({ claimYear: 2023, facts: {} }).programs[0];
    expect(a?.conditions[0]).toBe(b?.conditions[0]);
    expect(Object.isFrozen(a?.conditions[0])).toBe(true);
    expect(a?.conditions).not.toBe(b?.conditions);
  });
});
