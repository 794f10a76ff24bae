import {
  type ApproveRequest,
  type ConditionVerification,
  FACT_NAMES,
  type FactName,
  type Facts,
  type FileView,
  formatFen,
  isIsoDate,
  type MaterialSlotStatus,
  type MaterialView,
  type PaymentRequest,
  type Provenance,
  type ReturnItem,
  type ReturnRequest,
  type ReviewConditionView,
  type ReviewView,
  type VerificationVerdict,
} from '@huiqi/shared';
import { fieldOf, type Inputs, readInputs } from '../calculator/form';
import { parseYuan } from '../calculator/numbers';

// The application page's logic (staff/application): plain functions of the review, its
// materials and what the reviewer typed. The page only draws them and sends what they build.

/** Refused before sending: `field` is the form field the message belongs beside. */
export interface Refusal {
  ok: false;
  errors: Record<string, string>;
}

const refuse = (field: string, message: string): Refusal => ({ ok: false, errors: { [field]: message } });

/** A material's slot status in the reviewer's words (with a sign: never colour alone). */
export const SLOT_STATUS: Record<MaterialSlotStatus, string> = {
  attached: '○ 待审核',
  accepted: '✓ 已通过',
  rejected: '✕ 已退回',
  replaced: '↺ 已替换',
};

export const VERDICT_LABELS: Record<VerificationVerdict, string> = {
  confirmed: '核实属实',
  corrected: '已更正',
  met: '认定符合',
  unmet: '认定不符合',
};

/**
 * A condition only a reviewer decides (审核认定): the rules leave it `review`, or a reviewer has
 * already found it met or not.
 */
export const isReviewOnly = (condition: ReviewConditionView): boolean =>
  condition.status === 'review' ||
  condition.verification?.verdict === 'met' ||
  condition.verification?.verdict === 'unmet';

/**
 * The materials that prove a condition, in the application's order: those the edition names for
 * it and those whose own list of proved conditions names it.
 */
export const materialsFor = (condition: ReviewConditionView, materials: readonly MaterialView[]): MaterialView[] =>
  materials.filter(
    (m) =>
      condition.materialIds.includes(m.id) ||
      m.proves.includes(condition.id) ||
      m.provesConditions.some((c) => c.id === condition.id),
  );

/** One fact as the reviewer reads it: the declared value, the verified one beside it when corrected, and where it stands. */
export interface FactRow {
  name: FactName;
  label: string;
  declared: unknown;
  /** The verified value when it differs from the declared one (a reviewer corrected it). */
  corrected: unknown;
  provenance: Provenance;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The facts the application is decided on, with their provenance: 审核确认 once a reviewer
 * confirmed or corrected a condition reading it; 材料证明 once a material proving such a
 * condition was accepted; 企业填报 otherwise.
 */
export const factRowsOf = (review: ReviewView, materials: readonly MaterialView[]): FactRow[] => {
  const declared = review.application.factsSnapshot as Record<string, unknown>;
  const verified = review.verifiedFacts as Record<string, unknown>;
  const read = new Set<string>([...Object.keys(declared), ...Object.keys(verified)]);
  for (const condition of review.conditions) for (const name of condition.facts) read.add(name);
  const verifiedNames = new Set<string>();
  const documented = new Set<string>();
  for (const condition of review.conditions) {
    const verdict = condition.verification?.verdict;
    if (verdict === 'confirmed' || verdict === 'corrected') condition.facts.forEach((n) => verifiedNames.add(n));
    if (materialsFor(condition, materials).some((m) => m.current?.status === 'accepted'))
      condition.facts.forEach((n) => documented.add(n));
  }
  return FACT_NAMES.filter((name) => read.has(name)).map((name) => {
    const changed = verified[name] !== undefined && !same(verified[name], declared[name]);
    return {
      name,
      label: fieldOf(name).label,
      declared: declared[name],
      corrected: changed ? verified[name] : undefined,
      provenance: changed || verifiedNames.has(name) ? 'verified' : documented.has(name) ? 'document' : 'self-declared',
    };
  });
};

/** What the reviewer typed to verify one condition. */
export interface VerifyInput {
  verdict: VerificationVerdict;
  /** For `corrected`: the condition's facts as typed (yuan, %, counts). */
  inputs: Inputs;
  note: string;
  materialIds: readonly string[];
}

/** One condition's verification to send, or what to fix first. */
export const buildVerification = (
  condition: ReviewConditionView,
  input: VerifyInput,
): { ok: true; body: ConditionVerification } | Refusal => {
  const reviewOnly = isReviewOnly(condition);
  if (reviewOnly !== (input.verdict === 'met' || input.verdict === 'unmet'))
    return refuse(
      'verdict',
      reviewOnly ? '该条件由审核人员认定，请选择“认定符合”或“认定不符合”' : '请选择“核实属实”或“更正”',
    );
  const note = input.note.trim();
  if (note.length > 500) return refuse('note', '备注最多500字');
  const body: ConditionVerification = {
    conditionId: condition.id,
    verdict: input.verdict,
    materialIds: [...input.materialIds],
    ...(note ? { note } : {}),
  };
  if (input.verdict !== 'corrected') return { ok: true, body };
  const { facts, errors } = readInputs(input.inputs, condition.facts.map(fieldOf));
  if (Object.keys(errors).length > 0) return { ok: false, errors: errors as Record<string, string> };
  if (Object.keys(facts).length === 0) return refuse('facts', '更正时请填写核实后的数据');
  return { ok: true, body: { ...body, facts: facts as ConditionVerification['facts'] } };
};

/** The facts a condition reads, as the correction form starts them (the verified values). */
export const correctionInputs = (condition: ReviewConditionView, verified: Facts): Facts =>
  Object.fromEntries(
    condition.facts
      .filter((n) => (verified as Record<string, unknown>)[n] !== undefined)
      .map((n) => [n, (verified as Record<string, unknown>)[n]]),
  ) as Facts;

/** The city's award as typed, checked as the API checks it. */
export interface AwardCheck {
  ok: true;
  body: ApproveRequest;
  awardFen: number;
  /** Below the maximum (a reason goes with it). */
  lowered: boolean;
  /** Above the threshold: a second city reviewer must confirm it. */
  needsSecondApprover: boolean;
}

/**
 * 核定金额: yuan typed exactly into fen, at most the maximum, a reason when lower; above the
 * second-approval threshold the answer says so (the API then waits for a second approver).
 */
export const checkAward = (
  input: { yuan: string; reason: string },
  maxFen: number,
  secondApprovalAboveFen: number,
): AwardCheck | Refusal => {
  if (input.yuan.trim() === '') return refuse('award', '请填写核定金额');
  const parsed = parseYuan(input.yuan);
  if (!parsed.ok) return refuse('award', parsed.message);
  const awardFen = parsed.value;
  if (awardFen > maxFen) return refuse('award', `核定金额不能高于上限${formatFen(maxFen)}`);
  if (awardFen === 0) return refuse('award', '核定金额须大于0元；不予奖励请选择“不予通过”并写明理由');
  const reason = input.reason.trim();
  const lowered = awardFen < maxFen;
  if (lowered && reason === '') return refuse('reason', '核定金额低于上限时请写明理由');
  if (reason.length > 500) return refuse('reason', '理由最多500字');
  return {
    ok: true,
    body: lowered ? { awardFen, reason } : { awardFen },
    awardFen,
    lowered,
    needsSecondApprover: awardFen > secondApprovalAboveFen,
  };
};

/** One item chosen to return, with the reason typed for it. */
export interface ReturnChoice extends ReturnItem {
  label: string;
}

/** The key a return item's reason field has (one per condition, material or fact). */
export const returnKey = (item: Pick<ReturnItem, 'kind' | 'id'>): string => `${item.kind}:${item.id}`;

/** 退回补正: at least one item, each with its reason, and a deadline after today (empty: the API's default). */
export const buildReturn = (
  choices: readonly ReturnChoice[],
  deadline: string,
  today: string,
): { ok: true; body: ReturnRequest } | Refusal => {
  const errors: Record<string, string> = {};
  if (choices.length === 0) errors['items'] = '请至少选择一项需要补正的条件、材料或数据';
  for (const choice of choices) {
    const reason = choice.reason.trim();
    if (reason === '') errors[returnKey(choice)] = `请写明“${choice.label}”需要补正什么`;
    else if (reason.length > 500) errors[returnKey(choice)] = '理由最多500字';
  }
  const day = deadline.trim();
  if (day !== '' && !isIsoDate(day)) errors['deadline'] = '请按“2026-07-10”的格式填写补正期限';
  else if (day !== '' && day <= today) errors['deadline'] = '补正期限须晚于今天';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      items: choices.map(({ kind, id, reason }) => ({ kind, id, reason: reason.trim() })),
      ...(day ? { deadline: day } : {}),
    },
  };
};

/** A reason the API shows as written (不予通过, 异议裁定, a material sent back). */
export const checkReason = (reason: string, what: string): { ok: true; reason: string } | Refusal => {
  const text = reason.trim();
  if (text === '') return refuse('reason', `请写明${what}`);
  if (text.length > 500) return refuse('reason', '理由最多500字');
  return { ok: true, reason: text };
};

/** 拨付: the voucher's number and the day paid (not after today). */
export const buildPayment = (
  voucherNo: string,
  paidOn: string,
  today: string,
): { ok: true; body: PaymentRequest } | Refusal => {
  const errors: Record<string, string> = {};
  const voucher = voucherNo.trim();
  if (voucher === '') errors['voucherNo'] = '请填写拨付凭证号';
  else if (voucher.length > 64) errors['voucherNo'] = '凭证号最多64个字符';
  const day = paidOn.trim();
  if (!isIsoDate(day)) errors['paidOn'] = '请按“2026-07-20”的格式填写拨付日期';
  else if (day > today) errors['paidOn'] = '拨付日期不能晚于今天';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { voucherNo: voucher, paidOn: day } };
};

/** The next (or previous) index in a list of `length`, staying within it. */
export const stepIndex = (current: number, length: number, delta: 1 | -1): number => {
  if (length === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
};

/** The viewer's zoom steps; 1 is the page or image fitted to the viewer's width. */
export const ZOOM_STEPS: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

export const zoomBy = (zoom: number, delta: 1 | -1): number => {
  const index = ZOOM_STEPS.findIndex((step) => step >= zoom);
  const at = index < 0 ? ZOOM_STEPS.length - 1 : index;
  const next = ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, at + delta))];
  return next ?? 1;
};

/** How the viewer shows a file: drawn by pdf.js, an image, or only a link. */
export const viewerKind = (file: Pick<FileView, 'mime'>): 'pdf' | 'image' | 'other' => {
  if (file.mime === 'application/pdf') return 'pdf';
  if (file.mime.startsWith('image/')) return 'image';
  return 'other';
};
