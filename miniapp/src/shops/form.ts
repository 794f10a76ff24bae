// The firm's form for a relocated shop (迁入店铺, measure 五): what is typed, checked by the same
// rules as the API (relocatedShopProblems in @huiqi/shared), and the request it makes.

import {
  type CountyId,
  type PlatformId,
  PLATFORMS,
  type RelocatedShopRequest,
  type RelocatedShopStatus,
  type RelocatedShopView,
  relocatedShopProblems,
} from '@huiqi/shared';

/** The platform choices: the listed ones, then 其他 with a name typed. */
export const PLATFORM_OPTIONS: readonly { id: string; name: string }[] = [
  ...PLATFORMS,
  { id: 'other', name: '其他平台' },
];

export interface ShopDraft {
  /** A listed platform's id, `other`, or '' before one is chosen. */
  platform: string;
  /** The other platform's name, when `platform` is `other`. */
  otherPlatform: string;
  shop: string;
  /** '' until chosen: the firm's county. */
  county: CountyId | '';
  relocatedOn: string;
}

export const EMPTY_SHOP_DRAFT: ShopDraft = { platform: '', otherPlatform: '', shop: '', county: '', relocatedOn: '' };

export type ShopField = 'platform' | 'shop' | 'county' | 'relocatedOn';
export type ShopErrors = Partial<Record<ShopField, string>>;

/** The platform as the API takes it: a listed id, or `other:NAME` (the name trimmed). */
export const platformOf = (draft: ShopDraft): string =>
  draft.platform === 'other' ? `other:${draft.otherPlatform.normalize('NFC').trim()}` : draft.platform;

/** The draft checked against the API's own rules, with `today` the API's: the request, or the errors by field. */
export const checkShopDraft = (
  draft: ShopDraft,
  today: string,
): { request: RelocatedShopRequest | null; errors: ShopErrors } => {
  const body = {
    platform: platformOf(draft),
    shop: draft.shop,
    ...(draft.county ? { county: draft.county } : {}),
    relocatedOn: draft.relocatedOn,
  };
  const problems = relocatedShopProblems(body, today);
  const errors: ShopErrors = {};
  for (const { field, message } of problems) errors[field as ShopField] ??= message;
  if (draft.platform === 'other' && errors.platform) errors.platform = '请填写其他平台的名称（最多40个字）';
  if (problems.length > 0) return { request: null, errors };
  return { request: { ...body, platform: body.platform as PlatformId }, errors };
};

/** A registration back in the form, to correct a refused one. */
export const draftOf = (shop: RelocatedShopView): ShopDraft => {
  const listed = PLATFORMS.some((p) => p.id === shop.platform);
  return {
    platform: listed ? shop.platform : 'other',
    otherPlatform: listed ? '' : shop.platform.slice('other:'.length),
    shop: shop.shop,
    county: shop.county,
    relocatedOn: shop.relocatedOn,
  };
};

/** How a status reads: colour is never the only sign. */
export const SHOP_STATUS_BADGE: {
  readonly [S in RelocatedShopStatus]: { tone: 'good' | 'bad' | 'review'; sign: string; word: string };
} = {
  pending: { tone: 'review', sign: '↑', word: '待核实' },
  verified: { tone: 'good', sign: '✓', word: '已核实' },
  refused: { tone: 'bad', sign: '✕', word: '未通过' },
};

/** What the firm reads under each status: what happens next. */
export const statusHint = (shop: RelocatedShopView): string => {
  switch (shop.status) {
    case 'pending':
      return `等待${shop.countyName}商务主管部门核实。`;
    case 'verified':
      return '已核实，计入全市迁入店铺数量。';
    case 'refused':
      return '未通过核实。请按理由修改后重新提交。';
  }
};

/** The measure's words, shown on the firm's pages. */
export const MEASURE_FIVE =
  '第五条 强化迁入店铺服务保障：推动市内生产经营的企业将设在市外的网络店铺回迁，力争到2023年底，回迁市内店铺超过180家。';
