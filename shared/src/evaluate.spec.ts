import { PROGRAM_IDS } from './contracts/catalogue';
import { PolicyError } from './contracts/errors';
import edition2023 from './editions/data/edition-2023.json';
import { loadEdition } from './editions/load';
import { evaluate } from './evaluate';
import { BASELINE, run, withFacts } from './testing/fixtures';

const EXPECTED_MAX: Record<(typeof PROGRAM_IDS)[number], number> = {
  'leading-enterprise': 4_000_000,
  'branch-conversion': 5_000_000,
  'livestream-enterprise': 20_000_000,
  'livestream-base': 50_000_000,
  'talent-hiring': 10_000_000,
  'streamer-training': 10_000_000,
  'county-logistics-center': 20_000_000,
  'express-info-platform': 20_000_000,
  'distribution-center': 50_000_000,
};

describe('every paying program', () => {
  describe.each(PROGRAM_IDS)('%s', (programId) => {
    it('is eligible at its thresholds, for its award', () => {
      const r = run(programId, BASELINE[programId]);
      expect(r.status).toBe('eligible');
      expect(r.maxAmountFen).toBe(EXPECTED_MAX[programId]);
      expect(r.missingFacts).toEqual([]);
      for (const c of r.conditions) expect(['met', 'review']).toContain(c.status);
    });

    it.each(Object.keys(BASELINE[programId]).filter((f) => f !== 'localContributionFen'))(
      'without %s it is undetermined and asks for exactly that fact',
      (fact) => {
        const r = run(programId, withFacts(programId, { [fact]: undefined }));
        expect(r.status).toBe('undetermined');
        expect(r.missingFacts).toEqual([fact]);
        expect(Number.isInteger(r.maxAmountFen)).toBe(true);
        const unknown = r.conditions.filter((c) => c.status === 'unknown');
        expect(unknown.length).toBeGreaterThan(0);
        for (const c of unknown) {
          expect(c.actual).toBeNull();
          expect(c.explanation).toMatch(/^请/);
        }
      },
    );

    it('with no facts at all it is undetermined, never eligible or ineligible', () => {
      const r = run(programId, {});
      expect(r.status).toBe('undetermined');
      const asked = new Set(r.conditions.flatMap((c) => (c.status === 'unknown' ? c.facts : [])));
      expect(new Set(r.missingFacts.filter((f) => f !== 'localContributionFen'))).toEqual(asked);
    });

    it('every condition and cap names its measure and clause, and explains itself in Chinese', () => {
      const r = run(programId, BASELINE[programId]);
      for (const c of r.conditions) {
        expect(c.measure).toBe(r.measure);
        expect(c.clause.length).toBeGreaterThan(3);
        expect(c.explanation).toMatch(/[\u4e00-\u9fff]/);
      }
      for (const c of r.caps) expect(c.explanation).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});

describe('evaluate()', () => {
  it('answers every paying program of the edition, in the order of the measures', () => {
    const r = evaluate({ claimYear: 2023, facts: {} });
    expect(r.programs.map((p) => p.programId)).toEqual(PROGRAM_IDS);
    expect(r.edition).toEqual({
      id: '2023',
      title: '聊城市关于促进电子商务高质量发展的若干措施（2023年版）',
      validFrom: '2023-01-01',
      validTo: '2023-12-31',
    });
  });

  it('narrows to the programs asked for', () => {
    const r = evaluate({ claimYear: 2023, facts: {}, programs: ['talent-hiring', 'leading-enterprise'] });
    expect(r.programs.map((p) => p.programId)).toEqual(['leading-enterprise', 'talent-hiring']);
  });

  it('treats a fact set to null as unknown', () => {
    const r = evaluate({ claimYear: 2023, facts: { ...BASELINE['talent-hiring'], trainedHireCount: null } });
    expect(r.programs.find((p) => p.programId === 'talent-hiring')?.missingFacts).toEqual(['trainedHireCount']);
  });

  it.each([2022, 2024, 2026])('a claim year with no edition (%i) is refused with NO_EDITION, not evaluated', (year) => {
    const attempt = () => evaluate({ claimYear: year, facts: {} });
    expect(attempt).toThrow(PolicyError);
    expect(attempt).toThrow(`${year}年度没有施行中的政策版本`);
    try {
      attempt();
    } catch (e) {
      expect((e as PolicyError).code).toBe('NO_EDITION');
    }
  });

  describe('parameters are edition data: a new edition changes the answer without a code change', () => {
    const edition2026 = loadEdition({
      ...edition2023,
      id: '2026',
      title: '2026年版（测试）',
      claimYear: 2026,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      applicationWindow: { opens: '2026-03-01', closes: '2026-06-30' },
      programs: {
        ...edition2023.programs,
        'leading-enterprise': {
          ...edition2023.programs['leading-enterprise'],
          parameters: {
            ...edition2023.programs['leading-enterprise'].parameters,
            minOnlineRetailFen: { value: 5_000_000_000, clause: '对当年实现网络零售额1亿元以上企业' },
          },
        },
      },
    });
    const editions = [loadEdition(edition2023), edition2026];
    const facts = { ...BASELINE['leading-enterprise'], onlineRetailFen: 6_000_000_000 };

    it('2026 uses its own threshold', () => {
      const r = evaluate({ claimYear: 2026, facts, programs: ['leading-enterprise'] }, { editions });
      expect(r.programs[0]?.status).toBe('eligible');
      expect(r.edition.id).toBe('2026');
    });

    it('2023 keeps the 2023 threshold', () => {
      const r = evaluate({ claimYear: 2023, facts, programs: ['leading-enterprise'] }, { editions });
      expect(r.programs[0]?.status).toBe('ineligible');
    });

    it('policy periods follow the edition (三: 政策施行期内)', () => {
      const r = evaluate(
        { claimYear: 2026, facts: { ...BASELINE['branch-conversion'], conversionDate: '2023-06-01' } },
        { editions },
      );
      expect(r.programs.find((p) => p.programId === 'branch-conversion')?.status).toBe('ineligible');
    });

    it('an edition without a program does not answer it', () => {
      const programs: Record<string, unknown> = { ...edition2023.programs };
      delete programs['branch-conversion'];
      const slim = loadEdition({ ...edition2023, programs });
      const r = evaluate({ claimYear: 2023, facts: {} }, { editions: [slim] });
      expect(r.programs.map((p) => p.programId)).not.toContain('branch-conversion');
      expect(r.programs).toHaveLength(8);
    });
  });
});
