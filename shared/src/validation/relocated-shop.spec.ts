import { describe, expect, it } from '@jest/globals';
import { relocatedOnProblem, relocatedShopProblems, shopKeyOf, shopKindOf, shopProblem } from './relocated-shop';

// Measure 五's register: a shop is registered once across the city, so its identity must not depend
// on how a link was written.

describe('a relocated shop’s identity (shopKeyOf)', () => {
  it('is the same for one link however written: scheme, host case, trailing slash, fragment', () => {
    const key = shopKeyOf('taobao', 'https://shop123.taobao.com/');
    expect(shopKeyOf('taobao', 'http://SHOP123.taobao.com')).toBe(key);
    expect(shopKeyOf('taobao', ' https://shop123.taobao.com/#top ')).toBe(key);
    expect(shopKeyOf('taobao', 'https://shop123.taobao.com/?a=1')).not.toBe(key);
    expect(shopKeyOf('jd', 'https://shop123.taobao.com/')).not.toBe(key);
  });

  it('keeps an id as typed, apart from a link and from another platform', () => {
    expect(shopKeyOf('jd', '1000123')).toBe('jd|id|1000123');
    expect(shopKeyOf('taobao', '1000123')).not.toBe(shopKeyOf('jd', '1000123'));
    expect(shopKindOf('1000123')).toBe('id');
    expect(shopKindOf('https://a.cn')).toBe('link');
  });
});

describe('what a registration must say', () => {
  it.each([
    ['1000123', null],
    ['https://mall.jd.com/index-1000123.html', null],
    ['http://127.0.0.1:8080/shop', null],
    ['', '请填写店铺ID或店铺链接'],
    ['javascript://alert(1)', '店铺链接只能以 http:// 或 https:// 开头'],
    ['https://', '店铺链接不是有效的网址，请从平台复制完整的店铺链接（不能含空格）'],
    ['www.taobao.com', '店铺链接请以 http:// 或 https:// 开头；如填写店铺ID，只能包含字母、数字、下划线、连字符或点'],
    ['id\u202Egnp', '店铺ID只能包含字母、数字、下划线、连字符或点，不能含空格'],
  ])('shop %j → %s', (shop, message) => {
    expect(shopProblem(shop)).toBe(message);
  });

  it('a relocation day from 2023-01-01 to today, both included', () => {
    expect(relocatedOnProblem('2023-01-01', '2026-06-15')).toBeNull();
    expect(relocatedOnProblem('2026-06-15', '2026-06-15')).toBeNull();
    expect(relocatedOnProblem('2026-06-16', '2026-06-15')).toMatch(/不能晚于今天/);
    expect(relocatedOnProblem('2022-12-31', '2026-06-15')).toMatch(/不能早于2023年1月1日/);
    expect(relocatedOnProblem('2023-1-1', '2026-06-15')).toMatch(/格式为YYYY-MM-DD/);
  });

  it('names every field at once', () => {
    expect(relocatedShopProblems({ platform: 'tmall', shop: '', county: 'x', relocatedOn: '' }, '2026-06-15')).toEqual([
      { field: 'platform', message: expect.stringMatching(/^平台只能是 taobao、jd/) as unknown as string },
      { field: 'shop', message: '请填写店铺ID或店铺链接' },
      { field: 'county', message: '请从列表中选择县（市、区）' },
      { field: 'relocatedOn', message: '请填写迁入日期' },
    ]);
  });
});
