// A relocated shop's registration (measure 五), checked by the same rules in the API and on the
// firm's form. No clock here: the caller says what today is.

import { isCountyId, isPlatformId, PLATFORMS } from '../contracts/catalogue';
import { type FieldError } from '../contracts/errors';
import { RELOCATION_EARLIEST } from '../contracts/relocated-shops';
import { formatDateZh, isIsoDate } from './dates';
import { normalizeText } from './text';

/** Longest link and id the register keeps (the columns' lengths). */
export const SHOP_LINK_MAX = 500;
export const SHOP_ID_MAX = 64;

// A scheme followed by `//` (or `:` and something without spaces that looks like one): a link.
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// http(s), a host of letters, digits, dots and hyphens (an optional port), then anything without spaces.
const HTTP_LINK =
  /^https?:\/\/[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)*(:\d{1,5})?([/?#][^\s]*)?$/iu;
// What platforms use as shop ids: letters, digits, `_`, `-`, `.`.
const SHOP_ID = /^[\p{L}\p{N}_.-]+$/u;

/** The shop as stored: NFC and trimmed. */
export const normalizeShop = (shop: string): string => normalizeText(shop);

/** Whether a (normalised) shop is a link or an id. */
export const shopKindOf = (shop: string): 'id' | 'link' => (SCHEME.test(shop) ? 'link' : 'id');

/** What is wrong with the shop id or link, in Chinese, or null. */
export const shopProblem = (value: unknown): string | null => {
  if (value === undefined || value === null) return '请填写店铺ID或店铺链接';
  if (typeof value !== 'string') return '店铺ID或链接必须是文本';
  const shop = normalizeShop(value);
  if (shop.length === 0) return '请填写店铺ID或店铺链接';
  if (shopKindOf(shop) === 'link') {
    if (!/^https?:\/\//i.test(shop)) return '店铺链接只能以 http:// 或 https:// 开头';
    if (shop.length > SHOP_LINK_MAX) return `店铺链接最多${SHOP_LINK_MAX}个字符`;
    if (!HTTP_LINK.test(shop)) return '店铺链接不是有效的网址，请从平台复制完整的店铺链接（不能含空格）';
    return null;
  }
  if (/^(www\.|[^\s/]+\.(com|cn|net)\/)/i.test(shop) || shop.includes('/'))
    return '店铺链接请以 http:// 或 https:// 开头；如填写店铺ID，只能包含字母、数字、下划线、连字符或点';
  if (shop.length > SHOP_ID_MAX) return `店铺ID最多${SHOP_ID_MAX}个字符`;
  if (!SHOP_ID.test(shop)) return '店铺ID只能包含字母、数字、下划线、连字符或点，不能含空格';
  return null;
};

/**
 * The shop's identity across the city: the platform and the shop, a link with its scheme and host
 * in lower case, http and https alike, without its fragment or a trailing `/`. Two registrations with
 * one key are one shop (registered once).
 */
export const shopKeyOf = (platform: string, shop: string): string => {
  const normal = normalizeShop(shop);
  if (shopKindOf(normal) === 'id') return `${platform}|id|${normal}`;
  const withoutFragment = normal.replace(/#.*$/, '');
  const match = /^https?:\/\/([^/?#]+)(.*)$/i.exec(withoutFragment);
  const host = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').replace(/\/+(?=\?|$)/, '');
  return `${platform}|link|${host}${rest}`;
};

const PLATFORM_CHOICES = `${PLATFORMS.map((p) => p.id).join('、')}，或 other:平台名称`;

export const platformProblem = (value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return '请选择店铺所在的平台';
  if (typeof value !== 'string' || !isPlatformId(value)) return `平台只能是 ${PLATFORM_CHOICES}（平台名称最多40个字）`;
  return null;
};

export const countyProblem = (value: unknown): string | null =>
  value === undefined || (typeof value === 'string' && isCountyId(value)) ? null : '请从列表中选择县（市、区）';

/**
 * What is wrong with the relocation day, or null: a real day, not before the register's start
 * (RELOCATION_EARLIEST) and not after today (Asia/Shanghai, the API's clock).
 */
export const relocatedOnProblem = (value: unknown, today: string): string | null => {
  if (value === undefined || value === null || value === '') return '请填写迁入日期';
  if (typeof value !== 'string' || !isIsoDate(value)) return '迁入日期必须是日期，格式为YYYY-MM-DD，例如2023-05-01';
  if (value < RELOCATION_EARLIEST)
    return `迁入日期不能早于${formatDateZh(RELOCATION_EARLIEST)}（本措施施行起登记迁入店铺）`;
  if (value > today) return `迁入日期不能晚于今天（${formatDateZh(today)}）`;
  return null;
};

/** Every problem of a registration at once, each naming its field. */
export const relocatedShopProblems = (
  request: { platform?: unknown; shop?: unknown; county?: unknown; relocatedOn?: unknown },
  today: string,
): FieldError[] => {
  const problems: [string, string | null][] = [
    ['platform', platformProblem(request.platform)],
    ['shop', shopProblem(request.shop)],
    ['county', countyProblem(request.county)],
    ['relocatedOn', relocatedOnProblem(request.relocatedOn, today)],
  ];
  return problems.flatMap(([field, message]) => (message === null ? [] : [{ field, message }]));
};
