import { checkText, CONTACT_PHONE_MESSAGE, isContactPhone, type ObjectionRequest, type TextRules } from '@huiqi/shared';

/** What the 异议 form holds while the user types. */
export interface ObjectionDraft {
  name: string;
  phone: string;
  reason: string;
  evidence: string;
}

export type ObjectionField = keyof ObjectionDraft;
export type ObjectionErrors = Partial<Record<ObjectionField, string>>;

export const EMPTY_OBJECTION: ObjectionDraft = { name: '', phone: '', reason: '', evidence: '' };

// The contract's limits (ObjectionRequest), so the form refuses what the API would.
const RULES: Record<Exclude<ObjectionField, 'phone'>, { label: string; rules: TextRules }> = {
  name: { label: '姓名', rules: { max: 50 } },
  reason: { label: '异议理由', rules: { max: 500, multiline: true } },
  evidence: { label: '证据或线索', rules: { max: 2000, multiline: true } },
};

/**
 * The form checked field by field with the shared validators: the request to send when nothing is
 * wrong, otherwise a Chinese message beside each field to fix.
 */
export const validateObjection = (
  draft: ObjectionDraft,
): { request: ObjectionRequest | null; errors: ObjectionErrors } => {
  const errors: ObjectionErrors = {};
  const text = (field: Exclude<ObjectionField, 'phone'>): string => {
    const { label, rules } = RULES[field];
    if (draft[field].trim() === '') {
      errors[field] = `请填写${label}`;
      return '';
    }
    const checked = checkText(draft[field], label, rules);
    if (checked.ok) return checked.value;
    errors[field] = checked.message;
    return '';
  };
  const name = text('name');
  const phone = draft.phone.replace(/\s+/g, '');
  if (phone === '') errors.phone = '请填写联系电话';
  else if (!isContactPhone(phone)) errors.phone = CONTACT_PHONE_MESSAGE;
  const reason = text('reason');
  const evidence = text('evidence');
  if (Object.keys(errors).length > 0) return { request: null, errors };
  return { request: { name, phone, reason, evidence }, errors };
};
