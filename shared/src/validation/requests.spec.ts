import { COUNTIES, ORG_TYPES, PLATFORMS, UNIFIED_OPERATIONS } from '../contracts/catalogue';
import { type FieldError, PolicyError } from '../contracts/errors';
import { evaluate } from '../evaluate';
import { parseCommendationsRequest, parseEvaluationRequest } from './requests';

const refusal = (fn: () => unknown): { code: string; details: FieldError[] } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
};

const factRefusal = (facts: Record<string, unknown>) =>
  refusal(() => parseEvaluationRequest({ claimYear: 2023, facts }));

describe('evaluation request validation (the contract: 400 naming each offending field)', () => {
  it.each([
    ['onlineRetailFen', -1, '不小于0的整数'],
    ['onlineRetailFen', 1.5, '单位为分'],
    ['onlineRetailFen', '100', '单位为分'],
    ['onlineRetailFen', 2 ** 53, '单位为分'],
    ['localContributionFen', Number.NaN, '单位为分'],
    ['siteAreaM2', -5, '不小于0的整数'],
    ['liveRoomCount', 30.5, '不小于0的整数'],
    ['countyParcelShareBp', 10_001, '0到10000'],
    ['countyParcelShareBp', -1, '0到10000'],
    ['normalOperation', 'true', 'true 或 false'],
    ['normalOperation', 1, 'true 或 false'],
    ['registrationDate', '2023-02-30', '真实存在的日期'],
    ['registrationDate', '2023-02-29', '真实存在的日期'],
    ['registrationDate', '2023-13-01', '真实存在的日期'],
    ['registrationDate', '2023-6-1', '格式YYYY-MM-DD'],
    ['conversionDate', '2023/06/01', '格式YYYY-MM-DD'],
    ['firstOperatingYear', 23, '1900到9999之间的整数年份'],
    ['firstOperatingYear', 2023.5, '1900到9999之间的整数年份'],
    ['firstOperatingYear', 1899, '1900到9999之间的整数年份'],
    ['firstOperatingYear', 10_000, '1900到9999之间的整数年份'],
    ['firstOperatingYear', '2023', '1900到9999之间的整数年份'],
    ['county', 'beijing', '不是聊城市的县'],
    ['county', '临清市', '可选：dongchangfu'],
    ['orgTypes', 'ecommerce', '必须是列表'],
    ['orgTypes', ['e-commerce'], '不是有效取值'],
    ['livestreamBaseAuthorizations', ['wechat'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other:'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other:视频\u202e号'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other:\u200b'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other:视频\n号'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other: 视频号'], 'other:平台名称'],
    ['livestreamBaseAuthorizations', ['other:' + '视'.repeat(41)], 'other:平台名称'],
    ['unifiedOperations', ['packing'], 'warehousing'],
    ['uscc', '91370000163044841E', '校验位不正确'],
    ['uscc', '9137000016304484', '应为18位'],
    ['uscc', '91370000I63044841F', '不含I、O、S、V、Z'],
    ['uscc', '91370000163044841f', '只能包含数字和大写字母'],
    ['uscc', 9137000016, '18位'],
  ])('facts.%s = %j is refused: %s', (fact, value, message) => {
    const { code, details } = factRefusal({ [fact]: value });
    expect(code).toBe('INVALID_REQUEST');
    expect(details).toHaveLength(1);
    expect(details[0]?.field).toMatch(new RegExp(`^facts\\.${fact}`));
    expect(details[0]?.message).toContain(message);
  });

  it.each([
    ['registrationDate', '2024-02-29'],
    ['uscc', '914403001922038216'],
    ['uscc', '9144030071526726XG'],
    ['livestreamBaseAuthorizations', ['other:视频号', 'douyin']],
    ['livestreamBaseAuthorizations', ['other:' + '𠀀'.repeat(40)]],
    ['county', 'resort'],
    ['onlineRetailFen', 0],
    ['onlineRetailFen', Number.MAX_SAFE_INTEGER],
    ['countyParcelShareBp', 10_000],
    ['firstOperatingYear', 1900],
    ['firstOperatingYear', 1999],
    ['firstOperatingYear', 9999],
  ])('facts.%s = %j is accepted', (fact, value) => {
    expect(() => parseEvaluationRequest({ claimYear: 2023, facts: { [fact]: value } })).not.toThrow();
  });

  it.each([
    ['orgTypes', ['bank'], ORG_TYPES],
    ['livestreamBaseAuthorizations', ['wechat'], PLATFORMS],
    ['unifiedOperations', ['packing'], UNIFIED_OPERATIONS],
    ['county', 'beijing', COUNTIES],
  ] as const)('a bad %s offers every choice of the catalogue, in its order', (fact, value, rows) => {
    const message = factRefusal({ [fact]: value }).details[0]?.message ?? '';
    expect(message).toContain(`可选：${rows.map((r) => r.id).join('、')}`);
  });

  it('an unknown fact name is refused, so a typo never silently becomes "unknown"', () => {
    const { details } = factRefusal({ onlineRetailFenn: 100 });
    expect(details).toEqual([
      { field: 'facts.onlineRetailFenn', message: expect.stringContaining('不认识的事实字段') },
    ]);
  });

  it('a duplicate in a list is refused at its index', () => {
    expect(factRefusal({ orgTypes: ['ecommerce', 'ecommerce'] }).details[0]?.field).toBe('facts.orgTypes[1]');
  });

  it('reports every offending field at once, in order', () => {
    const { details } = refusal(() =>
      parseEvaluationRequest({
        claimYear: '2023',
        facts: { onlineRetailFen: -1, county: 'x', typo: true },
        programs: ['leading', 'talent-hiring'],
        extra: 1,
      }),
    );
    expect(details.map((d) => d.field)).toEqual([
      'extra',
      'claimYear',
      'facts.onlineRetailFen',
      'facts.county',
      'facts.typo',
      'programs[0]',
    ]);
  });

  it.each([
    [null, '(request)'],
    [[], '(request)'],
    ['{}', '(request)'],
    [{ facts: {} }, 'claimYear'],
    [{ claimYear: 2023 }, 'facts'],
    [{ claimYear: 2023, facts: [] }, 'facts'],
    [{ claimYear: 2023.5, facts: {} }, 'claimYear'],
    [{ claimYear: 2023, facts: {}, programs: 'leading-enterprise' }, 'programs'],
  ])('malformed request %j names %s', (request, field) => {
    expect(refusal(() => parseEvaluationRequest(request)).details.map((d) => d.field)).toEqual([field]);
  });

  it.each([1900, 1999, 2101, 9999])(
    'a claim year is any real calendar year: %i is no malformed request but a year with no edition',
    (claimYear) => {
      expect(refusal(() => evaluate({ claimYear, facts: {} }))).toEqual({
        code: 'NO_EDITION',
        details: [{ field: 'claimYear', message: `${claimYear}年度没有施行中的政策版本` }],
      });
    },
  );

  it.each([1899, 10_000, 0, -2023])(
    'claim year %i is no calendar year of a firm: refused, saying which are',
    (claimYear) => {
      expect(refusal(() => evaluate({ claimYear, facts: {} }))).toEqual({
        code: 'INVALID_REQUEST',
        details: [{ field: 'claimYear', message: '必须是1900到9999之间的整数年份，例如2023' }],
      });
    },
  );

  it('nothing is evaluated for a bad request, even when the year has no edition', () => {
    expect(refusal(() => evaluate({ claimYear: 2030, facts: { typo: 1 } })).code).toBe('INVALID_REQUEST');
  });
});

describe('commendations request validation', () => {
  const valid = {
    year: 2023,
    province: { onlineRetailGrowthBp: 1520, physicalGoodsOnlineShareBp: 2650 },
    counties: [{ county: 'linqing', onlineRetailGrowthBp: -300, newOnlineShops: 612 }],
  };

  it('accepts a valid request (growth may be negative)', () => {
    expect(parseCommendationsRequest(valid)).toEqual(valid);
  });

  it.each([
    [{ ...valid, year: 'x' }, ['year']],
    [{ ...valid, province: undefined }, ['province']],
    [
      { ...valid, province: { onlineRetailGrowthBp: 1.5, physicalGoodsOnlineShareBp: 10_001 } },
      ['province.onlineRetailGrowthBp', 'province.physicalGoodsOnlineShareBp'],
    ],
    [{ ...valid, counties: [{ county: 'beijing' }] }, ['counties[0].county']],
    [{ ...valid, counties: [{ county: 'linqing' }, { county: 'linqing' }] }, ['counties[1].county']],
    [{ ...valid, counties: [{ county: 'linqing', newOnlineShops: -1 }] }, ['counties[0].newOnlineShops']],
    [
      { ...valid, counties: [{ county: 'linqing', relocatedShopsStatisticalRetailFen: 0.5 }] },
      ['counties[0].relocatedShopsStatisticalRetailFen'],
    ],
    [{ ...valid, counties: [{ county: 'linqing', shops: 1 }] }, ['counties[0].shops']],
    [{ ...valid, counties: {} }, ['counties']],
  ])('%j is refused naming %j', (request, fields) => {
    expect(refusal(() => parseCommendationsRequest(request)).details.map((d) => d.field)).toEqual(fields);
  });
});
