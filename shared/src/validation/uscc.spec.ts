import { isValidUscc, usccCheckCharacter, usccProblem } from './uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Codes published on the business licences of well-known firms: evidence independent of our code.
  it.each(['914403001922038216', '9144030071526726XG', '91330100716105852F', '91110000802100433B'])(
    'accepts the published code %s',
    (code) => expect(isValidUscc(code)).toBe(true),
  );

  it('check value 31 is written 0', () => {
    // Brute-force a prefix whose weighted sum is a multiple of 31, so 31 − 0 = 31 → "0".
    const prefix = '91371500MA3C4Y4X';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const found = [...alphabet].map((c) => prefix + c).find((p) => usccCheckCharacter(p) === '0');
    expect(found).toBeDefined();
    expect(isValidUscc(`${found}0`)).toBe(true);
  });

  it.each([
    ['914403001922038217', 'check'],
    ['944403001922038216', 'check'],
    ['91440300192203821', 'length'],
    ['9144030019220382160', 'length'],
    ['91440300192203821I', 'alphabet'],
    ['91440300192203821Z', 'alphabet'],
    ['9144030071526726xg', 'alphabet'],
  ])('refuses %s (%s)', (code, problem) => {
    expect(usccProblem(code)).toBe(problem);
  });
});
