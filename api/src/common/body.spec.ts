import { nestsDeeperThan, poisonedKey } from './body.js';

const deeper = (json: string, max: number) => nestsDeeperThan(Buffer.from(json), max);

describe('nesting is measured on the raw bytes, before JSON.parse', () => {
  it.each([
    ['a scalar', '12', 0],
    ['an empty object', '{}', 1],
    ['an eligibility request', '{"claimYear":2023,"facts":{"orgTypes":["ecommerce"]}}', 3],
    ['arrays in arrays', '[[[[]]]]', 4],
    ['siblings do not add up', '{"a":{"b":1},"c":{"d":[1]},"e":[[1]]}', 3],
  ])('%s is %i deep', (_label, json, depth) => {
    expect(deeper(json, depth)).toBe(false);
    if (depth > 0) expect(deeper(json, depth - 1)).toBe(true);
  });

  it('brackets inside strings do not count, escaped quotes included', () => {
    expect(deeper('{"name":"[[[[{{{{"}', 1)).toBe(false);
    expect(deeper('{"name":"say \\"[[[[\\" twice","x":"\\\\"}', 1)).toBe(false);
    // After an escaped backslash the string ends: the bracket that follows counts.
    expect(deeper('["\\\\",[[1]]]', 2)).toBe(true);
  });

  it('multi-byte UTF-8 text is skipped over', () => {
    expect(deeper('{"企业名称":"聊城【电商】公司 👨‍👩‍👧"}', 1)).toBe(false);
  });

  it('3,000 levels are found without recursion', () => {
    expect(deeper(`${'['.repeat(3000)}${']'.repeat(3000)}`, 8)).toBe(true);
    expect(deeper(`${'['.repeat(100_000)}`, 100_000)).toBe(false);
  });
});

describe('prototype-poisoning keys are found wherever they are', () => {
  it.each([
    ['{"__proto__":{"isAdmin":true}}', '__proto__'],
    ['{"facts":{"constructor":{"prototype":{}}}}', 'facts.constructor'],
    ['{"a":[1,{"b":{"prototype":1}}]}', 'a[1].b.prototype'],
    ['{"facts":{"\\u005f_proto__":1}}', 'facts.__proto__'],
  ])('%s → %s', (json, path) => {
    expect(poisonedKey(JSON.parse(json))?.path).toBe(path);
  });

  it('ordinary keys, including other Object.prototype names, are left to the validators', () => {
    expect(poisonedKey(JSON.parse('{"toString":1,"valueOf":{"hasOwnProperty":[]},"proto":1}'))).toBeNull();
    expect(poisonedKey(null)).toBeNull();
  });
});
