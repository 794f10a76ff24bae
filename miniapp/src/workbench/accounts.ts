import {
  COUNTIES,
  countyName,
  type CountyId,
  type CreateStaffRequest,
  type Role,
  ROLE_LABELS,
  type StaffAccountView,
  type StaffListQuery,
  STAFF_ROLES,
  type StaffRole,
} from '@huiqi/shared';
import { shanghaiDateTime } from './audit';

/** The password rule as staff read it beside the field (the API's passwordProblem checks it). */
export const PASSWORD_RULE = '至少10位，且需同时包含字母和数字';
export const USERNAME_RULE = '3到32位，以小写字母开头，只含小写字母、数字和 _ . -';

export const STAFF_ROLE_OPTIONS: readonly { role: StaffRole; label: string }[] = STAFF_ROLES.map((role) => ({
  role,
  label: ROLE_LABELS[role],
}));
export const COUNTY_OPTIONS: readonly { id: CountyId; name: string }[] = COUNTIES.map((c) => ({
  id: c.id,
  name: c.name,
}));

/** The 新建账号 form as typed. */
export interface StaffDraft {
  username: string;
  displayName: string;
  role: Role;
  county: CountyId | null;
  password: string;
}

export const EMPTY_STAFF_DRAFT: StaffDraft = {
  username: '',
  displayName: '',
  role: 'county-reviewer',
  county: null,
  password: '',
};

/** What the form sends: a county only for a county reviewer, no empty display name. The API checks the rest. */
export const createStaffRequest = (draft: StaffDraft): CreateStaffRequest => {
  const displayName = draft.displayName.trim();
  return {
    username: draft.username.trim(),
    role: draft.role,
    password: draft.password,
    ...(displayName ? { displayName } : {}),
    ...(draft.role === 'county-reviewer' && draft.county ? { county: draft.county } : {}),
  };
};

/** The list's filters as chosen (empty: any). */
export interface StaffFilters {
  role: StaffRole | '';
  county: CountyId | '';
  disabled: 'true' | 'false' | '';
}

export const EMPTY_STAFF_FILTERS: StaffFilters = { role: '', county: '', disabled: '' };

export const staffListQuery = (filters: StaffFilters, page: number): StaffListQuery => ({
  ...(filters.role ? { role: filters.role } : {}),
  ...(filters.county ? { county: filters.county } : {}),
  ...(filters.disabled ? { disabled: filters.disabled } : {}),
  ...(page > 1 ? { page } : {}),
});

/** 县级审核员 · 临清市, or the role alone. */
export const roleLine = (account: Pick<StaffAccountView, 'role' | 'county'>): string =>
  account.county ? `${ROLE_LABELS[account.role]} · ${countyName(account.county)}` : ROLE_LABELS[account.role];

export const statusLabel = (account: Pick<StaffAccountView, 'disabledAt'>): string =>
  account.disabledAt ? `已停用（${shanghaiDateTime(account.disabledAt)}）` : '启用中';

/** Who the confirmation is about: 张三（zhangsan，县级审核员 · 临清市）. */
export const personOf = (account: StaffAccountView): string =>
  `${account.displayName}（${account.username}，${roleLine(account)}）`;

export const disableQuestion = (account: StaffAccountView): string =>
  `停用 ${personOf(account)} 的账号？停用后此人立即不能登录，已登录的会话随即失效。`;

export const enableQuestion = (account: StaffAccountView): string =>
  `启用 ${personOf(account)} 的账号？启用后此人可以用现有密码登录。`;

export const resetQuestion = (account: StaffAccountView): string =>
  `重置 ${personOf(account)} 的密码？系统将生成新密码并只显示这一次，此人已登录的会话全部失效。`;
