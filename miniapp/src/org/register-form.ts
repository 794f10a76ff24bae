import {
  checkText,
  CONTACT_PHONE_MESSAGE,
  type CountyId,
  type CreateOrgRequest,
  isContactPhone,
  isCountyId,
  isOrgType,
  type OrgType,
  type TextRules,
  USCC_ALPHABET,
  usccProblem,
  usccProblemMessage,
} from '@huiqi/shared';

/** What the 登记企业 form holds while the user types: text as typed, nothing chosen yet as ''. */
export interface OrgDraft {
  uscc: string;
  name: string;
  county: CountyId | '';
  orgTypes: OrgType[];
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
}

export type OrgField = keyof OrgDraft;
export type OrgErrors = Partial<Record<OrgField, string>>;

export const EMPTY_ORG_DRAFT: OrgDraft = {
  uscc: '',
  name: '',
  county: '',
  orgTypes: [],
  legalRepresentative: '',
  contactName: '',
  contactPhone: '',
};

// The API's limits (the columns' lengths), checked here by the same shared text rules.
const NAME: TextRules = { min: 2, max: 128 };
const PERSON: TextRules = { min: 2, max: 64 };
const CODE_LENGTH = 18;

/** A credit code as typed or pasted: spaces dropped, letters upper-cased (licences print them so). */
export const usccAsTyped = (text: string): string => text.replace(/\s+/g, '').toUpperCase();

export type UsccHint = { tone: 'typing' | 'ok' | 'error'; text: string };

/**
 * What to say under the credit code while it is typed: a character the code cannot contain at
 * once, how many are left while it is short, and the check digit's verdict at 18.
 */
export const usccHint = (code: string): UsccHint | null => {
  if (code === '') return null;
  for (const ch of code)
    if (!USCC_ALPHABET.includes(ch)) return { tone: 'error', text: usccProblemMessage('alphabet') };
  if (code.length < CODE_LENGTH)
    return { tone: 'typing', text: `已输入${code.length}位，还差${CODE_LENGTH - code.length}位` };
  const problem = usccProblem(code);
  return problem ? { tone: 'error', text: usccProblemMessage(problem) } : { tone: 'ok', text: '校验位正确' };
};

const phoneAsTyped = (text: string): string => text.replace(/\s+/g, '');

/** A person's text by the shared rules; an empty field is asked for, not called blank. */
const readText = (value: string, label: string, rules: TextRules, errors: OrgErrors, key: OrgField): string => {
  const checked = value.trim() === '' ? null : checkText(value, label, rules);
  if (checked?.ok) return checked.value;
  errors[key] = checked ? checked.message : `请填写${label}`;
  return '';
};

/**
 * The form checked by the shared validators (the ones the API runs), field by field: the
 * request to send when nothing is wrong, otherwise what to fix beside each field, in Chinese.
 */
export const validateOrgDraft = (draft: OrgDraft): { request: CreateOrgRequest | null; errors: OrgErrors } => {
  const errors: OrgErrors = {};
  const uscc = usccAsTyped(draft.uscc);
  const problem = uscc === '' ? null : usccProblem(uscc);
  if (uscc === '') errors.uscc = '请填写统一社会信用代码（营业执照上的18位代码）';
  else if (problem) errors.uscc = usccProblemMessage(problem);
  const name = readText(draft.name, '企业名称', NAME, errors, 'name');
  const county = draft.county !== '' && isCountyId(draft.county) ? draft.county : null;
  if (!county) errors.county = '请选择所在县（市、区）';
  const orgTypes = [...new Set(draft.orgTypes.filter(isOrgType))];
  if (orgTypes.length === 0) errors.orgTypes = '至少选择一种主体类型';
  const legalRepresentative = readText(
    draft.legalRepresentative,
    '法定代表人姓名',
    PERSON,
    errors,
    'legalRepresentative',
  );
  const contactName = readText(draft.contactName, '联系人姓名', PERSON, errors, 'contactName');
  const contactPhone = phoneAsTyped(draft.contactPhone);
  if (contactPhone === '') errors.contactPhone = '请填写联系电话';
  else if (!isContactPhone(contactPhone)) errors.contactPhone = CONTACT_PHONE_MESSAGE;

  if (Object.keys(errors).length > 0 || !county) return { request: null, errors };
  return { request: { uscc, name, county, orgTypes, legalRepresentative, contactName, contactPhone }, errors };
};
