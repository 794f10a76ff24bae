import { type Role } from './auth';
import { type CountyId } from './catalogue';

/** A staff account of the demo data (`npm start` seeds them into an empty database). */
export interface DemoStaffAccount {
  username: string;
  password: string;
  role: Role;
  county: CountyId | null;
  name: string;
}

/**
 * The demo data's staff accounts: the API's seed creates them, and the workbench's sign-in page lists
 * them while the edition in force is a demo one. Never seeded in production (the seed runs only on an
 * empty database under `npm start`).
 */
export const DEMO_STAFF: readonly DemoStaffAccount[] = [
  { username: 'admin', password: 'demo-admin-2026', role: 'admin', county: null, name: '【演示】系统管理员' },
  { username: 'city', password: 'demo-city-2026', role: 'city-reviewer', county: null, name: '【演示】市级审核员' },
  // An award above the edition's review.secondApprovalAboveFen needs a second city reviewer.
  {
    username: 'city2',
    password: 'demo-city2-2026',
    role: 'city-reviewer',
    county: null,
    name: '【演示】市级审核员（第二审批人）',
  },
  {
    username: 'linqing',
    password: 'demo-county-2026',
    role: 'county-reviewer',
    county: 'linqing',
    name: '【演示】临清市审核员',
  },
  { username: 'finance', password: 'demo-finance-2026', role: 'finance', county: null, name: '【演示】财政人员' },
];
