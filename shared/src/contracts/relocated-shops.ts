import { type CountyId, type PlatformId } from './catalogue';

/**
 * The register of shops moved back into the city (迁入店铺), measure 五: "推动市内生产经营的企业将设在
 * 市外的网络店铺回迁 … 力争到2023年底,回迁市内店铺超过180家". A firm registers a shop, the county
 * verifies it (核实); verified shops are what the city counts toward the target.
 */

/** `pending`: waiting for the county (待核实); `verified`: 已核实; `refused`: 未通过 (the firm may correct and resubmit). */
export type RelocatedShopStatus = 'pending' | 'verified' | 'refused';

export const RELOCATED_SHOP_STATUSES: readonly RelocatedShopStatus[] = ['pending', 'verified', 'refused'];

export const RELOCATED_SHOP_STATUS_LABELS: { readonly [S in RelocatedShopStatus]: string } = {
  pending: '待核实',
  verified: '已核实',
  refused: '未通过',
};

/** The target of measure 五, with its words: more than (超过, exclusive) 180 shops by the end of 2023. */
export const RELOCATED_SHOPS_TARGET = {
  /** 超过180家: the target is met at 181. */
  shops: 180,
  by: '2023-12-31',
  clause: '五、强化迁入店铺服务保障：力争到2023年底,回迁市内店铺超过180家',
} as const;

/**
 * The earliest relocation day the register takes. The text counts shops from the measures on
 * ("本措施自发布之日起施行"); the draft names no publication day, so the register starts where the
 * 2023 edition does, on 2023-01-01 (docs/measures.md, 迁入店铺).
 */
export const RELOCATION_EARLIEST = '2023-01-01';

/** `POST /api/v1/orgs/:orgId/relocated-shops`, and the corrected registration a refused one is resubmitted with. */
export interface RelocatedShopRequest {
  /** A listed platform (taobao, jd, pinduoduo, douyin, kuaishou) or `other:NAME` (NAME up to 40 characters). */
  platform: PlatformId;
  /**
   * The shop's id on the platform, or its link (http:// or https://).
   * @maxLength 500
   */
  shop: string;
  /** Where the shop now operates; the firm's county when left out. */
  county?: CountyId;
  /**
   * The day the shop moved into the city (YYYY-MM-DD), from 2023-01-01 to today.
   * @pattern ^\d{4}-\d{2}-\d{2}$
   */
  relocatedOn: string;
}

/** A registered shop as the firm and its reviewers see it. */
export interface RelocatedShopView {
  id: number;
  orgId: number;
  /** The operating firm (经营主体): the registering firm, as it stands now. */
  firmName: string;
  firmUscc: string;
  platform: PlatformId;
  platformName: string;
  /** As registered: an id, or a link. */
  shop: string;
  shopKind: 'id' | 'link';
  county: CountyId;
  countyName: string;
  relocatedOn: string;
  status: RelocatedShopStatus;
  statusLabel: string;
  /** Why the county refused it; null unless refused. */
  refusalReason: string | null;
  /** When the county decided (ISO 8601); null while pending. */
  reviewedAt: string | null;
  /** ISO 8601. */
  registeredAt: string;
  updatedAt: string;
}

/** `GET /api/v1/orgs/:orgId/relocated-shops`: the firm's shops, newest first. */
export interface RelocatedShopList {
  shops: RelocatedShopView[];
}

/** `GET /api/v1/relocated-shops`: reviewers' list; a county reviewer sees their county only. */
export interface RelocatedShopQuery {
  county?: CountyId;
  status?: RelocatedShopStatus;
  /**
   * @asType integer
   * @minimum 1
   * @maximum 100000
   */
  page?: number;
}

/** One page of the reviewers' list: pending first, then newest. */
export interface RelocatedShopPage {
  shops: RelocatedShopView[];
  total: number;
  page: number;
  pageSize: number;
}

/** `POST /api/v1/relocated-shops/:id/refuse`. */
export interface RefuseRelocatedShopRequest {
  /**
   * What is wrong, shown to the firm as written.
   * @maxLength 500
   */
  reason: string;
}

/** Verified shops of one county relocated in one month: what the figures count. */
export interface RelocatedShopCount {
  county: CountyId;
  /** 1 to 12. */
  month: number;
  count: number;
}

/** One county's verified shops of the year, month by month. */
export interface RelocatedShopsCountyRow {
  county: CountyId;
  countyName: string;
  total: number;
  /** Twelve counts, January first. */
  months: number[];
}

/** `GET /api/v1/relocated-shops/summary?year=`: the city's verified relocated shops for the dashboard. */
export interface RelocatedShopsSummary {
  year: number;
  /** Verified shops relocated in the year. */
  total: number;
  /** Twelve counts for the whole city, January first. */
  months: number[];
  /** Every county, in the catalogue's order, counted or not. */
  counties: RelocatedShopsCountyRow[];
  /** Verified shops relocated from 2023-01-01 to the end of the year: what the target counts. */
  cumulative: number;
  /** Registrations of the year still waiting for the county (not counted). */
  pending: number;
  target: { shops: number; by: string; clause: string; met: boolean };
}
