import {
  type CreateCrossBorderReferralRequest,
  type CreateLoanReferralRequest,
  EXPORT_MODES,
  type ExportMode,
  formatFen,
  LOAN_AMOUNT,
  LOAN_CONSENT,
  normalizeText,
  textProblem,
  textProblemMessage,
  type TextRules,
  yuanToFen,
} from '@huiqi/shared';

/** 第十一条 as the text says it (the guidance quotes it word for word). */
export const LOAN_CLAUSE = {
  clause: '第十一条 创新融资方式',
  text:
    '申请开展“齐鲁电商贷”业务试点，通过政府提供电商大数据、政府性融资担保公司担保、银行发放贷款的方式，' +
    '为电商企业提供融资服务，单户贷款额度为10万元至1000万元。鼓励各县（市、区）政府依托省级现有融资担保风险补偿机制，' +
    '建立完善风险补偿政策，建立“政银担”合作机制。',
  departments: '牵头单位：市商务投资促进局；参与单位：市财政局、市地方金融监督管理局',
} as const;

/** 第七条 as the text says it. */
export const CROSS_BORDER_CLAUSE = {
  clause: '第七条 推动国际国内电商融合发展',
  text:
    '参加“丝路电商”发展论坛。推动国内电商企业、综合型或垂直型电商平台、外贸企业、外贸综合服务企业拓展跨境电商业务,' +
    '在重点国家和市场布局海外仓。指导跨境电商企业提升管理类别，将符合条件的企业纳入一类出口企业范围。' +
    '推广“跨境电商保税备货仓+直播电商”销售新模式,直接面向消费者促销进口商品。鼓励外贸企业依托电商平台开展出口产品转内销业务，' +
    '推动外贸企业、出口型商贸企业积极参加各类电商促消费活动,通过电商平台、直播电商、内容电商、社交电商等,开展网上零售。',
  departments: '牵头单位：市商务投资促进局',
  /** What the measure offers a firm, in short, for the guidance's list. */
  offers: [
    '指导提升跨境电商企业管理类别，将符合条件的企业纳入一类出口企业范围',
    '支持在重点国家和市场布局海外仓',
    '推广“跨境电商保税备货仓+直播电商”销售新模式',
    '鼓励外贸企业依托电商平台开展出口产品转内销',
    '组织参加“丝路电商”发展论坛和各类电商促消费活动',
  ],
} as const;

export interface LoanDraft {
  amountYuan: string;
  purpose: string;
  consent: boolean;
}

export interface CrossBorderDraft {
  exportMode: ExportMode | '';
  annualExportYuan: string;
  markets: string;
  needs: string;
}

export const EMPTY_LOAN: LoanDraft = { amountYuan: '', purpose: '', consent: false };
export const EMPTY_CROSS_BORDER: CrossBorderDraft = { exportMode: '', annualExportYuan: '', markets: '', needs: '' };

type Errors<K extends string> = Partial<Record<K, string>>;

const text = (value: string, label: string, rules: TextRules): { value: string; error?: string } => {
  const normalized = normalizeText(value, rules);
  if (normalized === '') return { value: normalized, error: `请填写${label}` };
  const problem = textProblem(normalized, rules);
  return problem ? { value: normalized, error: textProblemMessage(problem, label, rules) } : { value: normalized };
};

/** The yuan as typed (a trailing 元 and grouping commas allowed) → the wire's decimal string. */
const yuanText = (typed: string): string => typed.trim().replace(/元$/, '').replace(/,/g, '').trim();

/** The loan form, checked as the API checks it (第十一条's range, the consent). */
export const checkLoanDraft = (
  draft: LoanDraft,
): { request: CreateLoanReferralRequest | null; errors: Errors<keyof LoanDraft> } => {
  const errors: Errors<keyof LoanDraft> = {};
  const amountYuan = yuanText(draft.amountYuan);
  const amount = yuanToFen(amountYuan);
  if (amountYuan === '') errors.amountYuan = '请填写贷款金额（元）';
  else if (!amount.ok) errors.amountYuan = `贷款金额${amount.message}`;
  else if (amount.fen < LOAN_AMOUNT.minFen || amount.fen > LOAN_AMOUNT.maxFen)
    errors.amountYuan = `贷款金额须在10万元至1000万元之间（${LOAN_AMOUNT.clause}），现为${formatFen(amount.fen)}`;
  const purpose = text(draft.purpose, '贷款用途', { min: 2, max: 500, multiline: true });
  if (purpose.error) errors.purpose = purpose.error;
  if (!draft.consent) errors.consent = '须阅读并勾选同意后才能申请转介';
  if (Object.keys(errors).length > 0) return { request: null, errors };
  return {
    request: { amountYuan, purpose: purpose.value, consent: true, consentVersion: LOAN_CONSENT.version },
    errors,
  };
};

/** The cross-border form, checked as the API checks it. */
export const checkCrossBorderDraft = (
  draft: CrossBorderDraft,
): { request: CreateCrossBorderReferralRequest | null; errors: Errors<keyof CrossBorderDraft> } => {
  const errors: Errors<keyof CrossBorderDraft> = {};
  if (draft.exportMode === '' || !EXPORT_MODES.includes(draft.exportMode)) errors.exportMode = '请选择目前的出口方式';
  const annualExportYuan = yuanText(draft.annualExportYuan);
  const amount = yuanToFen(annualExportYuan);
  if (annualExportYuan === '') errors.annualExportYuan = '请填写上年出口额（元），没有出口的填 0';
  else if (!amount.ok) errors.annualExportYuan = `上年出口额${amount.message}`;
  const markets = text(draft.markets, '目标市场', { min: 2, max: 200 });
  if (markets.error) errors.markets = markets.error;
  const needs = text(draft.needs, '需求', { min: 2, max: 500, multiline: true });
  if (needs.error) errors.needs = needs.error;
  if (Object.keys(errors).length > 0 || draft.exportMode === '') return { request: null, errors };
  return {
    request: { exportMode: draft.exportMode, annualExportYuan, markets: markets.value, needs: needs.value },
    errors,
  };
};
