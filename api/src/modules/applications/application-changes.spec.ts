import { describe, expect, it } from '@jest/globals';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@huiqi/shared';
import { type Principal } from '../../common/tokens.js';
import { type ApplicationScope, decide, type MemberRole } from '../access/policy.js';
import { APPLICATION_RULES, type ApplicationChange, refusalOf } from './application-changes.js';

/** Which changes each status allows: the workflow's rules, row by row. */
const ALLOWED: Record<ApplicationStatus, ApplicationChange[]> = {
  draft: ['application.updated', 'application.submitted', 'application.withdrawn', 'application.material-attached'],
  submitted: [
    'application.withdrawn',
    // Only into a slot a reviewer sent back: the step checks the slot.
    'application.material-attached',
    'application.material-accepted',
    'application.material-rejected',
    'application.verified',
    'application.approved',
    'application.returned',
    'application.rejected',
  ],
  'city-review': [
    'application.withdrawn',
    'application.material-accepted',
    'application.material-rejected',
    'application.verified',
    'application.approved',
    'application.returned',
    'application.rejected',
  ],
  allocation: ['application.withdrawn', 'application.rejected', 'application.allocated'],
  'finance-review': ['application.withdrawn', 'application.approved', 'application.rejected'],
  notice: [
    'application.withdrawn',
    'application.objection-filed',
    'application.objection-upheld',
    'application.objection-dismissed',
    'application.notice-ended',
  ],
  approved: ['application.paid'],
  paid: ['application.closed'],
  closed: [],
  // Only the returned facts and materials (the steps check which); back to the stage that returned it.
  returned: [
    'application.updated',
    'application.withdrawn',
    'application.material-attached',
    'application.resubmitted',
    'application.rejected',
  ],
  rejected: [],
  withdrawn: [],
};

describe('changes of an application by status', () => {
  const changes = Object.keys(APPLICATION_RULES) as ApplicationChange[];
  it.each(APPLICATION_STATUSES.flatMap((status) => changes.map((change) => [status, change] as const)))(
    'from %s: %s',
    (status, change) => {
      const refusal = refusalOf(APPLICATION_RULES[change], status);
      if (ALLOWED[status].includes(change)) expect(refusal).toBeNull();
      else expect(refusal).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: status } });
    },
  );

  it('a refused move of status says where the application stands and what was asked', () => {
    expect(refusalOf(APPLICATION_RULES['application.withdrawn'], 'withdrawn')).toMatchObject({
      message: '申报当前为“已撤回”，不能撤回',
      details: { from: 'withdrawn', to: 'withdrawn' },
    });
    expect(refusalOf(APPLICATION_RULES['application.updated'], 'submitted')?.message).toBe(
      '申报当前为“待县级初审”，只有草稿可以修改',
    );
  });
});

/**
 * The whole decision for each caller: access to the application first (docs/workflow.md), then the
 * status rule, as ApplicationChanges.apply checks them. One letter a change, in the order of
 * CHANGES: A allowed, I refused as an invalid transition (409), F forbidden (403), H hidden (404),
 * S the service's own change (the notice timer), which no user can ask for.
 */
const CHANGES: ApplicationChange[] = [
  'application.updated',
  'application.submitted',
  'application.withdrawn',
  'application.material-attached',
  'application.material-accepted',
  'application.material-rejected',
  'application.verified',
  'application.approved',
  'application.returned',
  'application.resubmitted',
  'application.rejected',
  'application.paid',
  'application.closed',
  'application.objection-filed',
  'application.objection-upheld',
  'application.objection-dismissed',
  'application.notice-ended',
  'application.allocated',
];
const BY_CALLER: [string, Principal, MemberRole | null, Record<ApplicationStatus, string>][] = [
  [
    'a member',
    { userId: 1, role: 'applicant', county: null },
    'member',
    {
      draft: 'AAAAFFFFFIFFFIFFSF',
      submitted: 'IIAAFFFFFIFFFIFFSF',
      'city-review': 'IIAIFFFFFIFFFIFFSF',
      allocation: 'IIAIFFFFFIFFFIFFSF',
      'finance-review': 'IIAIFFFFFIFFFIFFSF',
      notice: 'IIAIFFFFFIFFFAFFSF',
      approved: 'IIIIFFFFFIFFFIFFSF',
      paid: 'IIIIFFFFFIFFFIFFSF',
      closed: 'IIIIFFFFFIFFFIFFSF',
      returned: 'AIAAFFFFFAFFFIFFSF',
      rejected: 'IIIIFFFFFIFFFIFFSF',
      withdrawn: 'IIIIFFFFFIFFFIFFSF',
    },
  ],
  [
    'the firm administrator',
    { userId: 1, role: 'applicant', county: null },
    'admin',
    {
      draft: 'AAAAFFFFFIFFFIFFSF',
      submitted: 'IIAAFFFFFIFFFIFFSF',
      'city-review': 'IIAIFFFFFIFFFIFFSF',
      allocation: 'IIAIFFFFFIFFFIFFSF',
      'finance-review': 'IIAIFFFFFIFFFIFFSF',
      notice: 'IIAIFFFFFIFFFAFFSF',
      approved: 'IIIIFFFFFIFFFIFFSF',
      paid: 'IIIIFFFFFIFFFIFFSF',
      closed: 'IIIIFFFFFIFFFIFFSF',
      returned: 'AIAAFFFFFAFFFIFFSF',
      rejected: 'IIIIFFFFFIFFFIFFSF',
      withdrawn: 'IIIIFFFFFIFFFIFFSF',
    },
  ],
  [
    'an applicant of another firm',
    { userId: 2, role: 'applicant', county: null },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHHHHHHHHHHHHHHSH',
      'city-review': 'HHHHHHHHHHHHHHHHSH',
      allocation: 'HHHHHHHHHHHHHHHHSH',
      'finance-review': 'HHHHHHHHHHHHHHHHSH',
      notice: 'HHHHHHHHHHHHHAHHSH',
      approved: 'HHHHHHHHHHHHHIHHSH',
      paid: 'HHHHHHHHHHHHHIHHSH',
      closed: 'HHHHHHHHHHHHHIHHSH',
      returned: 'HHHHHHHHHHHHHHHHSH',
      rejected: 'HHHHHHHHHHHHHHHHSH',
      withdrawn: 'HHHHHHHHHHHHHHHHSH',
    },
  ],
  [
    "the firm's county reviewer",
    { userId: 3, role: 'county-reviewer', county: 'linqing' },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHFAAAAAHAIIIFFSI',
      'city-review': 'HHHFAAFFFHFFFIFFSF',
      allocation: 'HHHFIIFFFHFFFIFFSF',
      'finance-review': 'HHHFIIFFFHFFFIFFSF',
      notice: 'HHHFIIFFFHFFFAFFSF',
      approved: 'HHHFIIFFFHFFFIFFSF',
      paid: 'HHHFIIFFFHFFFIFFSF',
      closed: 'HHHFIIIIIHIIIIFFSI',
      returned: 'HHHFIIIIIHAIIIFFSI',
      rejected: 'HHHFIIIIIHIIIIFFSI',
      withdrawn: 'HHHFIIIIIHIIIIFFSI',
    },
  ],
  [
    "another county's reviewer",
    { userId: 4, role: 'county-reviewer', county: 'gaotang' },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHHHHHHHHHHHHHHSH',
      'city-review': 'HHHHHHHHHHHHHHHHSH',
      allocation: 'HHHHHHHHHHHHHHHHSH',
      'finance-review': 'HHHHHHHHHHHHHHHHSH',
      notice: 'HHHHHHHHHHHHHAHHSH',
      approved: 'HHHHHHHHHHHHHIHHSH',
      paid: 'HHHHHHHHHHHHHIHHSH',
      closed: 'HHHHHHHHHHHHHIHHSH',
      returned: 'HHHHHHHHHHHHHHHHSH',
      rejected: 'HHHHHHHHHHHHHHHHSH',
      withdrawn: 'HHHHHHHHHHHHHHHHSH',
    },
  ],
  [
    'a city reviewer',
    { userId: 5, role: 'city-reviewer', county: null },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHFAAFFFHFFFIIISF',
      'city-review': 'HHHFAAAAAHAIIIIISI',
      allocation: 'HHHFIIIIIHAIIIIISA',
      'finance-review': 'HHHFIIFFFHFFFIIISF',
      notice: 'HHHFIIIIIHIIIAAASI',
      approved: 'HHHFIIFFFHFFFIIISF',
      paid: 'HHHFIIFFFHFFFIIISF',
      closed: 'HHHFIIIIIHIIIIIISI',
      returned: 'HHHFIIIIIHAIIIIISI',
      rejected: 'HHHFIIIIIHIIIIIISI',
      withdrawn: 'HHHFIIIIIHIIIIIISI',
    },
  ],
  [
    'an administrator',
    { userId: 6, role: 'admin', county: null },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHFAAFFFHFFFIFFSF',
      'city-review': 'HHHFAAFFFHFFFIFFSF',
      allocation: 'HHHFIIFFFHFFFIFFSF',
      'finance-review': 'HHHFIIFFFHFFFIFFSF',
      notice: 'HHHFIIFFFHFFFAFFSF',
      approved: 'HHHFIIFFFHFFFIFFSF',
      paid: 'HHHFIIFFFHFFFIFFSF',
      closed: 'HHHFIIFFFHFFFIFFSF',
      returned: 'HHHFIIFFFHFFFIFFSF',
      rejected: 'HHHFIIFFFHFFFIFFSF',
      withdrawn: 'HHHFIIFFFHFFFIFFSF',
    },
  ],
  [
    'finance',
    { userId: 7, role: 'finance', county: null },
    null,
    {
      draft: 'HHHHHHHHHHHHHHHHSH',
      submitted: 'HHHHHHFFFHFFFHHHSF',
      'city-review': 'HHHHHHFFFHFFFHHHSF',
      allocation: 'HHHHHHFFFHFFFHHHSF',
      'finance-review': 'HHHHHHIAIHAIIHHHSI',
      notice: 'HHHHHHFFFHFFFAHHSF',
      approved: 'HHHHHHIIIHIAIIHHSI',
      paid: 'HHHHHHIIIHIIAIHHSI',
      closed: 'HHHHHHIIIHIIIIHHSI',
      returned: 'HHHHHHFFFHFFFHHHSF',
      rejected: 'HHHHHHIIIHIIIHHHSI',
      withdrawn: 'HHHHHHIIIHIIIHHHSI',
    },
  ],
];

const outcome = (
  principal: Principal,
  memberRole: MemberRole | null,
  status: ApplicationStatus,
  change: ApplicationChange,
): string => {
  const rule = APPLICATION_RULES[change];
  if (rule.access === 'system') return 'S';
  // A draft has no county yet (it is fixed at submission).
  const application: ApplicationScope = { orgId: 9, status, county: status === 'draft' ? null : 'linqing' };
  const access = decide(principal, { action: rule.access, resource: { kind: 'application', application } }, memberRole);
  if (access.outcome === 'hidden') return 'H';
  if (access.outcome === 'forbidden') return 'F';
  return refusalOf(rule, status) ? 'I' : 'A';
};

describe('changes of an application by caller and status', () => {
  it('the table names every change of the workflow', () => {
    expect([...CHANGES].sort()).toEqual(Object.keys(APPLICATION_RULES).sort());
  });

  it.each(
    BY_CALLER.flatMap(([who, principal, memberRole, table]) =>
      APPLICATION_STATUSES.flatMap((status) =>
        CHANGES.map((change, i) => [who, status, change, table[status][i], principal, memberRole] as const),
      ),
    ),
  )('%s, %s application: %s → %s', (_who, status, change, expected, principal, memberRole) => {
    expect(outcome(principal, memberRole, status, change)).toBe(expected);
  });
});
