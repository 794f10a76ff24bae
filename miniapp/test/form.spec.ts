import { describe, expect, it } from '@jest/globals';
import { fieldsFor, inputsFromFacts, readInputs } from '../src/calculator/form';
import { readShared, shareQuery } from '../src/calculator/share';

describe('the calculator form, derived from the rules', () => {
  it('asks each program only for the facts its rules read, in the catalogue order', () => {
    expect(fieldsFor(2023, ['talent-hiring']).map((f) => f.name)).toEqual([
      'orgTypes',
      'registeredInCity',
      'trainedHireCount',
    ]);
    // The 20% cap reads the local contribution: asked although no condition names it.
    expect(fieldsFor(2023, ['leading-enterprise']).map((f) => f.name)).toContain('localContributionFen');
    const all = fieldsFor(2023, 'all').map((f) => f.name);
    expect(all).toContain('siteAreaM2');
    expect(all).not.toContain('uscc');
  });

  it('types money in yuan and shares in percent, sends fen and basis points', () => {
    const fields = fieldsFor(2023, 'all');
    const { facts, errors } = readInputs(
      { onlineRetailFen: '1,000.5', countyParcelShareBp: '80', siteAreaM2: '2,000', registeredInCity: true },
      fields,
    );
    expect(errors).toEqual({});
    expect(facts).toEqual({
      registeredInCity: true,
      onlineRetailFen: 100_050,
      siteAreaM2: 2000,
      countyParcelShareBp: 8000,
    });
  });

  it('names the field and the fix for what it cannot read, and leaves it out', () => {
    const { facts, errors } = readInputs({ onlineRetailFen: '1,00', liveRoomCount: '3.5' }, fieldsFor(2023, 'all'));
    expect(errors).toEqual({
      onlineRetailFen: '千位分隔符“,”只能每三位一个，例如 1,000.5；也可以不写',
      liveRoomCount: '请输入整数，例如 12',
    });
    expect(facts).toEqual({});
  });

  it('ignores what was typed for a program no longer chosen', () => {
    const { facts } = readInputs({ onlineRetailFen: '5', trainedHireCount: '12' }, fieldsFor(2023, ['talent-hiring']));
    expect(facts).toEqual({ trainedHireCount: 12 });
  });
});

describe('a shared result', () => {
  it('reopens the same check from its link', () => {
    const query = shareQuery({
      claimYear: 2023,
      programs: ['leading-enterprise'],
      facts: { orgTypes: ['ecommerce'], onlineRetailFen: 9_999_999_999 },
    });
    const params = Object.fromEntries(new URLSearchParams(query));
    const shared = readShared(params);
    expect(shared).toEqual({
      claimYear: 2023,
      programs: ['leading-enterprise'],
      facts: { orgTypes: ['ecommerce'], onlineRetailFen: 9_999_999_999 },
    });
    expect(inputsFromFacts(shared?.facts ?? {})).toEqual({ orgTypes: ['ecommerce'], onlineRetailFen: '99999999.99' });
  });

  it('refuses a link whose facts do not validate, whole', () => {
    expect(readShared({ y: '2023', p: 'all', f: JSON.stringify({ onlineRetailFen: -1 }) })).toBeNull();
    expect(readShared({ y: '2023', p: 'nope', f: '{}' })).toBeNull();
    expect(readShared({ y: '2023', p: 'all', f: '{not json' })).toBeNull();
  });
});
