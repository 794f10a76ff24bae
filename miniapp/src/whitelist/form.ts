import {
  checkText,
  isWhitelistOrgType,
  type OrgType,
  WHITELIST_LIMITS,
  WHITELIST_ORG_TYPES,
  type WhitelistApplyRequest,
  type WhitelistOrgType,
} from '@huiqi/shared';

/** The whitelist application (第八条) as the firm fills it in. */
export interface WhitelistDraft {
  description: string;
  categories: WhitelistOrgType[];
  noViolations: boolean;
  noBadCredit: boolean;
  fileIds: number[];
}

export type WhitelistField = 'description' | 'categories' | 'noViolations' | 'noBadCredit' | 'fileIds';
export type WhitelistErrors = Partial<Record<WhitelistField, string>>;

/** The kinds of the clause the firm is registered as: what it may apply under. */
export const categoriesFor = (orgTypes: readonly OrgType[]): WhitelistOrgType[] =>
  WHITELIST_ORG_TYPES.filter((kind) => orgTypes.includes(kind));

export const emptyDraft = (orgTypes: readonly OrgType[]): WhitelistDraft => {
  const kinds = categoriesFor(orgTypes);
  // One kind: chosen for the firm; several: the firm picks.
  return {
    description: '',
    categories: kinds.length === 1 ? kinds : [],
    noViolations: false,
    noBadCredit: false,
    fileIds: [],
  };
};

/** Checks the draft as the API does; the request when every field holds, and each field's problem. */
export const validateWhitelist = (
  draft: WhitelistDraft,
  year: number,
): { request: WhitelistApplyRequest | null; errors: WhitelistErrors } => {
  const errors: WhitelistErrors = {};
  const description = checkText(draft.description, '企业简介', {
    min: WHITELIST_LIMITS.descriptionMin,
    max: WHITELIST_LIMITS.descriptionMax,
    multiline: true,
  });
  if (!description.ok) errors.description = description.message;
  if (draft.categories.length === 0) errors.categories = '请至少选择一个申请类别';
  else if (!draft.categories.every(isWhitelistOrgType)) errors.categories = '申请类别不是第八条所列的企业类别';
  if (!draft.noViolations) errors.noViolations = '第八条要求无违法违规记录，请确认并勾选声明';
  if (!draft.noBadCredit) errors.noBadCredit = '第八条要求无不良信用记录，请确认并勾选声明';
  if (draft.fileIds.length > WHITELIST_LIMITS.files) errors.fileIds = `佐证文件最多${WHITELIST_LIMITS.files}个`;
  if (Object.keys(errors).length > 0 || !description.ok) return { request: null, errors };
  return {
    request: {
      year,
      description: description.value,
      categories: [...draft.categories],
      noViolations: true,
      noBadCredit: true,
      ...(draft.fileIds.length > 0 ? { fileIds: [...draft.fileIds] } : {}),
    },
    errors,
  };
};

/** The API's field (`categories[1]`, `fileIds[0]`) as the form's. */
export const formFieldOf = (field: string): WhitelistField | null => {
  const base = field.replace(/\[\d+\]$/, '');
  return ['description', 'categories', 'noViolations', 'noBadCredit', 'fileIds'].includes(base)
    ? (base as WhitelistField)
    : null;
};
