// 迁入店铺核实 (measure 五) at the workbench: the list's filters, who decides, what a decision says.

import {
  COUNTIES,
  type CountyId,
  RELOCATED_SHOP_STATUS_LABELS,
  type RelocatedShopQuery,
  type RelocatedShopStatus,
  type RelocatedShopView,
  type Role,
  textProblem,
  textProblemMessage,
} from '@huiqi/shared';

export interface ShopFilters {
  county: CountyId | '';
  /** Pending by default: what waits for the county. */
  status: RelocatedShopStatus | '';
}

export const DEFAULT_SHOP_FILTERS: ShopFilters = { county: '', status: 'pending' };

export const SHOP_STATUS_FILTERS: readonly { status: RelocatedShopStatus | ''; label: string }[] = [
  { status: 'pending', label: RELOCATED_SHOP_STATUS_LABELS.pending },
  { status: 'verified', label: RELOCATED_SHOP_STATUS_LABELS.verified },
  { status: 'refused', label: RELOCATED_SHOP_STATUS_LABELS.refused },
  { status: '', label: '全部状态' },
];

export const COUNTY_FILTERS: readonly { county: CountyId | ''; label: string }[] = [
  { county: '', label: '全部县（市、区）' },
  ...COUNTIES.map((c) => ({ county: c.id, label: c.name })),
];

/** The list's query: a county reviewer's county is fixed by the API, so the page never asks for another. */
export const shopListQuery = (role: Role, filters: ShopFilters, page: number): RelocatedShopQuery => ({
  ...(role !== 'county-reviewer' && filters.county ? { county: filters.county } : {}),
  ...(filters.status ? { status: filters.status } : {}),
  ...(page > 1 ? { page } : {}),
});

/** Only the county's own reviewer decides, and only a pending registration (the API checks it all the same). */
export const decides = (role: Role, shop: RelocatedShopView): boolean =>
  role === 'county-reviewer' && shop.status === 'pending';

/** What 核实 will do, said before it is done. */
export const verifyQuestion = (shop: RelocatedShopView): string =>
  `核实 ${shop.firmName} 在${shop.platformName}的店铺（${shop.shop}）已于 ${shop.relocatedOn} 迁入${shop.countyName}？核实后计入全市迁入店铺数量，企业可看到核实结果。`;

const REASON = { max: 500, multiline: true } as const;

/** What is wrong with a refusal's reason (the API's own rule), or null. */
export const refusalReasonProblem = (reason: string): string | null => {
  const problem = textProblem(reason.trim(), REASON);
  return problem === null ? null : textProblemMessage(problem, '不通过的理由', REASON);
};
