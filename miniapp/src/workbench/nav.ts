import { isStaffRole, type Role } from '@huiqi/shared';

/** The workbench's pages (subpackages/staff, H5 only), in the order of its side menu. */
export type WorkbenchPageId =
  | 'queue'
  | 'notices'
  | 'pools'
  | 'commendations'
  | 'targets'
  | 'shops'
  | 'editions'
  | 'accounts'
  | 'audit'
  | 'statistics'
  | 'referrals'
  | 'parks'
  | 'whitelist';

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
  // 十二: each county its own monthly figures; the city every county's and the province's averages.
  {
    id: 'statistics',
    label: '运行监测',
    path: path('statistics'),
    roles: ['county-reviewer', 'city-reviewer', 'admin'],
  },
  { id: 'commendations', label: '通报表扬', path: path('commendations'), roles: ['city-reviewer', 'admin'] },
  { id: 'targets', label: '目标看板', path: path('targets'), roles: ['county-reviewer', 'city-reviewer', 'admin'] },
  {
    id: 'shops',
    label: '迁入店铺核实',
    path: path('shops'),
    roles: ['county-reviewer', 'city-reviewer', 'admin'],
  },
  { id: 'whitelist', label: '白名单推荐', path: path('whitelist'), roles: ['city-reviewer', 'admin'] },
  { id: 'referrals', label: '转介跟踪', path: path('referrals'), roles: ['city-reviewer', 'admin'] },
  { id: 'parks', label: '园区评价', path: path('parks'), roles: ['city-reviewer', 'admin'] },
  { id: 'editions', label: '政策版本', path: path('editions'), roles: ['admin'] },
  { id: 'accounts', label: '账号管理', path: path('accounts'), roles: ['admin'] },
  { id: 'audit', label: '审计日志', path: path('audit'), roles: ['admin'] },
];

export { isStaffRole };

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
