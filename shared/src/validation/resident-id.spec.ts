import fc from 'fast-check';
import { maskResidentId, RESIDENT_ID_MESSAGES, residentIdCheckCharacter, residentIdProblem } from './resident-id';
import { PROPERTY_RUNS } from '../testing/property-runs';

describe('公民身份号码 (GB 11643-1999)', () => {
  // The standard's own worked example (GB 11643-1999, appendix A): 11010519491231002X.
  it("accepts the standard's example and computes its check character", () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
  });

  it.each([
    ['1101051949123100', 'length'],
    ['11010519491231002XX', 'length'],
    ['1101051949123100X2', 'characters'],
    ['11010519491331002X', 'birth-date'],
    ['11010519490230002X', 'birth-date'],
    ['11010518991231002X', 'birth-date'],
    ['110105194912310021', 'check'],
  ] as const)('%s: %s', (id, problem) => {
    expect(residentIdProblem(id)).toBe(problem);
    expect(RESIDENT_ID_MESSAGES[problem]).toMatch(/身份证号码/);
  });

  it('refuses a date of birth after today', () => {
    const body = '37150220301201001';
    const id = body + (residentIdCheckCharacter(body) as string);
    expect(residentIdProblem(id)).toBeNull();
    expect(residentIdProblem(id, '2026-11-30')).toBe('birth-date');
    expect(residentIdProblem(id, '2030-12-01')).toBeNull();
  });

  it('any single changed digit is caught by the check character', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (birth, sequence, position, shift) => {
          const body = `371502${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
          const id = body + (residentIdCheckCharacter(body) as string);
          expect(residentIdProblem(id)).toBeNull();
          const digits = [...id];
          digits[position] = String((Number(digits[position]) + shift) % 10);
          const changed = digits.join('');
          // A changed digit either makes the date of birth impossible or fails the check.
          expect(residentIdProblem(changed)).not.toBeNull();
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002x')).toBe('110***********002X');
    expect(maskResidentId('123')).toBe('***');
  });
});
