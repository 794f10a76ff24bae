import { describe, expect, it } from '@jest/globals';
import { type RelocatedShopView } from '@huiqi/shared';
import { checkShopDraft, draftOf, EMPTY_SHOP_DRAFT, platformOf } from '../src/shops/form';
import { decides, refusalReasonProblem, shopListQuery } from '../src/workbench/shops';

// The firm's 迁入店铺 form (measure 五) checks what the API checks; the workbench's list asks only what the caller may.

const TODAY = '2026-06-15';
const filled = { ...EMPTY_SHOP_DRAFT, platform: 'douyin', shop: 'dy-shop-01', relocatedOn: '2026-06-01' };

const shop = (overrides: Partial<RelocatedShopView> = {}): RelocatedShopView => ({
  id: 5,
  orgId: 9,
  firmName: '聊城测试电商有限公司',
  firmUscc: '91371500MA3TEXT017',
  platform: 'other:微店',
  platformName: '微店',
  shop: 'https://weidian.com/s/1',
  shopKind: 'link',
  county: 'gaotang',
  countyName: '高唐县',
  relocatedOn: '2025-09-01',
  status: 'pending',
  statusLabel: '待核实',
  refusalReason: null,
  reviewedAt: null,
  registeredAt: '2026-06-01T02:00:00.000Z',
  updatedAt: '2026-06-01T02:00:00.000Z',
  ...overrides,
});

describe('the relocated-shop form', () => {
  it('makes the request the API takes, the county left to the firm’s when not chosen', () => {
    expect(checkShopDraft(filled, TODAY)).toEqual({
      request: { platform: 'douyin', shop: 'dy-shop-01', relocatedOn: '2026-06-01' },
      errors: {},
    });
    expect(checkShopDraft({ ...filled, county: 'linqing' }, TODAY).request?.county).toBe('linqing');
  });

  it('names every field to fix, in Chinese, as the API would', () => {
    const { request, errors } = checkShopDraft(EMPTY_SHOP_DRAFT, TODAY);
    expect(request).toBeNull();
    expect(errors).toEqual({
      platform: '请选择店铺所在的平台',
      shop: '请填写店铺ID或店铺链接',
      relocatedOn: '请填写迁入日期',
    });
    expect(checkShopDraft({ ...filled, shop: 'ftp://x.cn/s' }, TODAY).errors.shop).toBe(
      '店铺链接只能以 http:// 或 https:// 开头',
    );
    expect(checkShopDraft({ ...filled, relocatedOn: '2026-06-16' }, TODAY).errors.relocatedOn).toBe(
      '迁入日期不能晚于今天（2026年6月15日）',
    );
    expect(checkShopDraft({ ...filled, relocatedOn: '2022-12-31' }, TODAY).errors.relocatedOn).toMatch(
      /不能早于2023年1月1日/,
    );
  });

  it('another platform needs its name', () => {
    const other = { ...filled, platform: 'other', otherPlatform: '  ' };
    expect(checkShopDraft(other, TODAY).errors.platform).toBe('请填写其他平台的名称（最多40个字）');
    expect(platformOf({ ...other, otherPlatform: ' 微店 ' })).toBe('other:微店');
    expect(checkShopDraft({ ...other, otherPlatform: '微店' }, TODAY).request?.platform).toBe('other:微店');
  });

  it('a refused registration comes back into the form as registered', () => {
    expect(draftOf(shop({ status: 'refused' }))).toEqual({
      platform: 'other',
      otherPlatform: '微店',
      shop: 'https://weidian.com/s/1',
      county: 'gaotang',
      relocatedOn: '2025-09-01',
    });
    expect(draftOf(shop({ platform: 'jd', platformName: '京东' })).platform).toBe('jd');
  });
});

describe('迁入店铺核实 at the workbench', () => {
  it('a county reviewer never asks for another county; the city filters by county', () => {
    const filters = { county: 'gaotang', status: 'pending' } as const;
    expect(shopListQuery('county-reviewer', filters, 1)).toEqual({ status: 'pending' });
    expect(shopListQuery('city-reviewer', filters, 2)).toEqual({ county: 'gaotang', status: 'pending', page: 2 });
    expect(shopListQuery('admin', { county: '', status: '' }, 1)).toEqual({});
  });

  it('only the county reviewer decides, and only what is pending', () => {
    expect(decides('county-reviewer', shop())).toBe(true);
    expect(decides('county-reviewer', shop({ status: 'verified' }))).toBe(false);
    expect(decides('city-reviewer', shop())).toBe(false);
    expect(decides('admin', shop())).toBe(false);
  });

  it('a refusal needs a reason the firm can read', () => {
    expect(refusalReasonProblem('   ')).toBe('请填写不通过的理由，不能只有空格或不可见字符');
    expect(refusalReasonProblem('x'.repeat(501))).toBe('不通过的理由最多500个字');
    expect(refusalReasonProblem('店铺主体与企业不符')).toBeNull();
  });
});
