import { type Role, STAFF_ROLES } from '@huiqi/shared';

/** The workbench's pages (subpackages/staff, H5 only), in the order of its side menu. */
export type WorkbenchPageId = 'queue' | 'notices' | 'pools' | 'editions' | 'accounts' | 'audit' | 'whitelist';

export interface WorkbenchPage {
  id: WorkbenchPageId;
  label: string;
  path: string;
  /** The roles the page is for; the API checks every call all the same. */
  roles: readonly Role[];
}

const path = (page: string): string => `/subpackages/staff/${page}/index`;

export const STAFF_LOGIN_PATH = path('login');
export const STAFF_HOME_PATH = path('queue');
export const applicationPath = (applicationId: number): string => `${path('application')}?id=${applicationId}`;

export const WORKBENCH_PAGES: readonly WorkbenchPage[] = [
  {
    id: 'queue',
    label: '待办队列',
    path: path('queue'),
    roles: ['county-reviewer', 'city-reviewer', 'finance', 'admin'],
  },
  { id: 'notices', label: '公示与异议', path: path('notices'), roles: ['city-reviewer', 'admin'] },
  { id: 'pools', label: '资金池与批次', path: path('pools'), roles: ['city-reviewer', 'finance', 'admin'] },
  { id: 'whitelist', label: '白名单推荐', path: path('whitelist'), roles: ['city-reviewer', 'admin'] },
  { id: 'editions', label: '政策版本', path: path('editions'), roles: ['admin'] },
  { id: 'accounts', label: '账号管理', path: path('accounts'), roles: ['admin'] },
  { id: 'audit', label: '审计日志', path: path('audit'), roles: ['admin'] },
];

export const isStaffRole = (role: Role): boolean => STAFF_ROLES.includes(role);

/** The pages a role sees in the side menu. */
export const pagesFor = (role: Role): WorkbenchPage[] => WORKBENCH_PAGES.filter((page) => page.roles.includes(role));

/**
 * Where the sign-in page sends a user back to: only a workbench page of this app (an address
 * from the query string is never followed off the workbench).
 */
export const safeNext = (next: string | undefined): string => {
  if (!next) return STAFF_HOME_PATH;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return STAFF_HOME_PATH;
  }
  return /^\/subpackages\/staff\/[a-z-]+\/index(\?[A-Za-z0-9=&%._-]*)?$/.test(decoded) &&
    !decoded.startsWith(STAFF_LOGIN_PATH)
    ? decoded
    : STAFF_HOME_PATH;
};
