import { type CountyId } from './catalogue';

/**
 * Referrals the city makes for a firm (转介): to the 齐鲁电商贷 partner bank (第十一条) or toward
 * the 一类出口企业 classification (第七条). Both are tracked the same way.
 */
export type ReferralKind = 'loan' | 'cross-border';
export const REFERRAL_KINDS: readonly ReferralKind[] = ['loan', 'cross-border'];

export const REFERRAL_KIND_LABELS: { readonly [K in ReferralKind]: string } = {
  loan: '齐鲁电商贷',
  'cross-border': '跨境电商·一类出口企业',
};

/**
 * `accepted` (已受理) → `referred` → `granted` | `declined`; `withdrawn` by the firm while accepted.
 * The outcome names differ by kind (REFERRAL_STATUS_LABELS).
 */
export type ReferralStatus = 'accepted' | 'referred' | 'granted' | 'declined' | 'withdrawn';
export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'accepted',
  'referred',
  'granted',
  'declined',
  'withdrawn',
];

export const REFERRAL_STATUS_LABELS: { readonly [K in ReferralKind]: { readonly [S in ReferralStatus]: string } } = {
  loan: {
    accepted: '已受理',
    referred: '已推荐至银行',
    granted: '已放款',
    declined: '未获批',
    withdrawn: '已撤回',
  },
  'cross-border': {
    accepted: '已受理',
    referred: '已推荐至主管部门',
    granted: '已纳入一类出口企业',
    declined: '未获批',
    withdrawn: '已撤回',
  },
};

/** The moves the city makes (the firm's own is withdrawing): from each status, where it may go. */
export const REFERRAL_TRANSITIONS: { readonly [S in ReferralStatus]: readonly ReferralStatus[] } = {
  accepted: ['referred', 'declined'],
  referred: ['granted', 'declined'],
  granted: [],
  declined: [],
  withdrawn: [],
};

/** 第十一条：单户贷款额度为10万元至1000万元 (both ends included). */
export const LOAN_AMOUNT = {
  minFen: 10_000_000,
  maxFen: 1_000_000_000,
  clause: '第十一条',
  text: '单户贷款额度为10万元至1000万元',
} as const;

/**
 * What the firm agrees to, word for word; the version stored with the referral says which words
 * it saw. A new wording is a new version.
 */
export const LOAN_CONSENT = {
  version: '2026-1',
  text:
    '本企业同意聊城市商务投资促进局将本企业的以下信息提供给“齐鲁电商贷”合作银行及其合作的政府性融资担保公司，' +
    '仅用于本次贷款的受理和审查：企业名称、统一社会信用代码、所在县（市、区）、主体类型、法定代表人、联系人及联系电话，' +
    '本平台登记的最近年度经营数据（在我市注册登记情况及日期、独立法人、正常经营、依法纳税、诚信经营、网络零售额、纳统网络零售额、对地方贡献数、入库纳统情况），' +
    '以及本次申请的贷款金额和用途。在推荐至银行之前，本企业可撤回申请，撤回后上述信息不再导出。',
} as const;

/** How the firm exports today (第七条 speaks of 跨境电商、外贸企业、外贸综合服务企业). */
export type ExportMode =
  'none' | 'general-trade' | 'cross-border-retail' | 'cross-border-b2b' | 'foreign-trade-service' | 'other';
export const EXPORT_MODE_LABELS: { readonly [M in ExportMode]: string } = {
  none: '尚未出口',
  'general-trade': '一般贸易出口',
  'cross-border-retail': '跨境电商零售出口（9610）',
  'cross-border-b2b': '跨境电商B2B出口（9710/9810）',
  'foreign-trade-service': '通过外贸综合服务企业出口',
  other: '其他方式',
};
export const EXPORT_MODES = Object.keys(EXPORT_MODE_LABELS) as ExportMode[];

/** `POST /api/v1/orgs/{orgId}/referrals/loan` (the firm's administrator). */
export interface CreateLoanReferralRequest {
  /**
   * Yuan as a decimal string, at most two decimals: 100000 to 10000000 (第十一条).
   * @maxLength 20
   */
  amountYuan: string;
  /**
   * What the loan is for.
   * @maxLength 500
   */
  purpose: string;
  /** The firm ticked the consent (LOAN_CONSENT.text); required to be true. */
  consent: boolean;
  /**
   * The wording the firm saw (LOAN_CONSENT.version).
   * @maxLength 16
   */
  consentVersion: string;
}

/** `POST /api/v1/orgs/{orgId}/referrals/cross-border` (the firm's administrator). */
export interface CreateCrossBorderReferralRequest {
  exportMode: ExportMode;
  /**
   * Last year's export amount, yuan as a decimal string (0 when none).
   * @maxLength 20
   */
  annualExportYuan: string;
  /**
   * Markets exported to or aimed at, e.g. 东南亚、欧美.
   * @maxLength 200
   */
  markets: string;
  /**
   * What the firm needs (海外仓、通关、退税分类…).
   * @maxLength 500
   */
  needs: string;
}

/** `POST /api/v1/referrals/{id}/status` (city reviewers): the next status and, for 未获批, why. */
export interface ReferralStatusRequest {
  status: ReferralStatus;
  /**
   * Required for `declined`; what the firm reads.
   * @maxLength 500
   */
  note?: string;
}

/** `GET /api/v1/referrals?kind=&status=` (city reviewers, administrators). */
export interface ReferralQuery {
  kind?: ReferralKind;
  status?: ReferralStatus;
}

/** One status the referral reached: when, by whom (role), and the note. */
export interface ReferralStep {
  status: ReferralStatus;
  label: string;
  at: string;
  note: string | null;
}

export interface ReferralView {
  id: number;
  kind: ReferralKind;
  kindLabel: string;
  orgId: number;
  orgName: string;
  county: CountyId;
  countyName: string;
  status: ReferralStatus;
  statusLabel: string;
  /** Loan: the amount asked for (fen); null for cross-border. */
  amountFen: number | null;
  purpose: string | null;
  /** Loan: the consent's version and when it was given; null when withdrawn or not a loan. */
  consentVersion: string | null;
  consentedAt: string | null;
  /** Cross-border: the firm's export situation; null for loans. */
  exportMode: ExportMode | null;
  exportModeLabel: string | null;
  annualExportFen: number | null;
  markets: string | null;
  needs: string | null;
  /** The latest note (未获批's reason). */
  note: string | null;
  /** Where the city may move it next (empty for a firm, and once decided). */
  nextStatuses: ReferralStatus[];
  /** The firm may still withdraw it (accepted, not yet referred). */
  withdrawable: boolean;
  /** The city may export the data summary (a loan with consent, not withdrawn). */
  exportable: boolean;
  steps: ReferralStep[];
  createdAt: string;
  updatedAt: string;
}

export interface ReferralList {
  referrals: ReferralView[];
}

/** `GET /api/v1/referrals/{id}/export` answers an xlsx file; the row types of the 企业数据摘要 sheet. */
export interface ReferralSummaryRow {
  label: string;
  value: string;
}
