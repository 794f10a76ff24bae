import {
  checkText,
  type HireRowRequest,
  type HireRowView,
  type HireTrainingKind,
  isIsoDate,
  RESIDENT_ID_MESSAGES,
  residentIdProblem,
  type RosterKind,
  type StreamerRowRequest,
  type StreamerRowView,
  usccProblem,
  usccProblemMessage,
} from '@huiqi/shared';

// 人才名册's forms (第九条): every field as typed, checked as the API checks it, so a person is
// told what to fix before anything is sent. The API checks again (and the date of birth against
// its own clock).

export type HireDraft = {
  name: string;
  residentId: string;
  trainingKind: HireTrainingKind;
  institutionUscc: string;
  collegeName: string;
  hireDate: string;
  socialInsuranceMonths: string;
};

export type StreamerDraft = {
  name: string;
  residentId: string;
  followers: string;
  contractFirmName: string;
  contractFirmUscc: string;
  contractMonths: string;
  socialInsuranceMonths: string;
};

export type Errors = Record<string, string>;

export const EMPTY_HIRE: HireDraft = {
  name: '',
  residentId: '',
  trainingKind: 'whitelisted-institution',
  institutionUscc: '',
  collegeName: '',
  hireDate: '',
  socialInsuranceMonths: '',
};

export const EMPTY_STREAMER: StreamerDraft = {
  name: '',
  residentId: '',
  followers: '',
  contractFirmName: '',
  contractFirmUscc: '',
  contractMonths: '',
  socialInsuranceMonths: '',
};

/** A row's draft to edit it: every field but the resident ID number, which the API never sends whole. */
export const hireDraftOf = (row: HireRowView): HireDraft => ({
  name: row.name,
  residentId: '',
  trainingKind: row.trainingKind,
  institutionUscc: row.institutionUscc ?? '',
  collegeName: row.collegeName ?? '',
  hireDate: row.hireDate,
  socialInsuranceMonths: String(row.socialInsuranceMonths),
});

export const streamerDraftOf = (row: StreamerRowView): StreamerDraft => ({
  name: row.name,
  residentId: '',
  followers: String(row.followers),
  contractFirmName: row.contractFirmName,
  contractFirmUscc: row.contractFirmUscc,
  contractMonths: String(row.contractMonths),
  socialInsuranceMonths: String(row.socialInsuranceMonths),
});

const wholeNumber = (raw: string, max: number): number | null => {
  const text = raw.trim().replace(/,/g, '');
  if (!/^\d{1,11}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
};

/** The resident ID number: required to add; when editing, empty keeps the stored one. */
const residentIdOf = (raw: string, required: boolean, today: string, errors: Errors): string | undefined => {
  const id = raw.trim().toUpperCase();
  if (id === '') {
    if (required) errors['residentId'] = '请填写18位身份证号码';
    return undefined;
  }
  const problem = residentIdProblem(id, today);
  if (problem) errors['residentId'] = RESIDENT_ID_MESSAGES[problem];
  return id;
};

const nameOf = (raw: string, label: string, max: number, field: string, errors: Errors): string => {
  const checked = checkText(raw, label, { min: 2, max });
  if (!checked.ok) errors[field] = checked.message;
  return checked.ok ? checked.value : '';
};

const usccOf = (raw: string, field: string, errors: Errors): string => {
  const code = raw.trim().toUpperCase();
  const problem = usccProblem(code);
  if (problem) errors[field] = usccProblemMessage(problem);
  return code;
};

const monthsOf = (raw: string, label: string, field: string, errors: Errors): number => {
  const n = wholeNumber(raw, 600);
  if (n === null) errors[field] = `${label}请填写0到600之间的整数（月）`;
  return n ?? 0;
};

export const validateHire = (
  draft: HireDraft,
  editing: boolean,
  today: string,
): { request: (Omit<HireRowRequest, 'residentId'> & { residentId?: string }) | null; errors: Errors } => {
  const errors: Errors = {};
  const name = nameOf(draft.name, '姓名', 64, 'name', errors);
  const residentId = residentIdOf(draft.residentId, !editing, today, errors);
  const hireDate = draft.hireDate.trim();
  if (!isIsoDate(hireDate)) errors['hireDate'] = '入职日期不是有效的日期，格式为YYYY-MM-DD，例如2026-03-01';
  else if (hireDate > today) errors['hireDate'] = '入职日期不能晚于今天';
  let institutionUscc: string | undefined;
  let collegeName: string | undefined;
  if (draft.trainingKind === 'whitelisted-institution')
    institutionUscc = usccOf(draft.institutionUscc, 'institutionUscc', errors);
  else collegeName = nameOf(draft.collegeName, '院校名称', 100, 'collegeName', errors);
  const socialInsuranceMonths = monthsOf(draft.socialInsuranceMonths, '社保月数', 'socialInsuranceMonths', errors);
  if (Object.keys(errors).length > 0) return { request: null, errors };
  return {
    request: {
      name,
      ...(residentId !== undefined ? { residentId } : {}),
      trainingKind: draft.trainingKind,
      ...(institutionUscc !== undefined ? { institutionUscc } : {}),
      ...(collegeName !== undefined ? { collegeName } : {}),
      hireDate,
      socialInsuranceMonths,
    },
    errors,
  };
};

export const validateStreamer = (
  draft: StreamerDraft,
  editing: boolean,
  today: string,
): { request: (Omit<StreamerRowRequest, 'residentId'> & { residentId?: string }) | null; errors: Errors } => {
  const errors: Errors = {};
  const name = nameOf(draft.name, '姓名', 64, 'name', errors);
  const residentId = residentIdOf(draft.residentId, !editing, today, errors);
  const followers = wholeNumber(draft.followers, 10_000_000_000);
  if (followers === null) errors['followers'] = '粉丝数请填写不小于0的整数';
  const contractFirmName = nameOf(draft.contractFirmName, '签约企业名称', 128, 'contractFirmName', errors);
  const contractFirmUscc = usccOf(draft.contractFirmUscc, 'contractFirmUscc', errors);
  const contractMonths = monthsOf(draft.contractMonths, '合同期限', 'contractMonths', errors);
  const socialInsuranceMonths = monthsOf(draft.socialInsuranceMonths, '社保月数', 'socialInsuranceMonths', errors);
  if (Object.keys(errors).length > 0 || followers === null) return { request: null, errors };
  return {
    request: {
      name,
      ...(residentId !== undefined ? { residentId } : {}),
      followers,
      contractFirmName,
      contractFirmUscc,
      contractMonths,
      socialInsuranceMonths,
    },
    errors,
  };
};

/** What the clause asks of the count, for the roster's heading. */
export const COUNT_NEEDED: Readonly<Record<RosterKind, string>> = {
  hires: '第九条要求当年吸纳10人以上',
  streamers: '第九条要求年培训不少于20名',
};
