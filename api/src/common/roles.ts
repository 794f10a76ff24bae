/** Who a signed-in account is: an applicant (a firm's user) or staff of one of the four roles. */
export type Role = 'applicant' | 'county-reviewer' | 'city-reviewer' | 'finance' | 'admin';
export const ROLES: readonly Role[] = ['applicant', 'county-reviewer', 'city-reviewer', 'finance', 'admin'];
export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报企业用户',
  'county-reviewer': '县级审核员',
  'city-reviewer': '市级审核员',
  finance: '财政人员',
  admin: '系统管理员',
};
export const STAFF_ROLES: readonly Role[] = ['county-reviewer', 'city-reviewer', 'finance', 'admin'];
