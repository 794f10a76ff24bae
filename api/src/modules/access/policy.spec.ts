import { describe, expect, it } from '@jest/globals';
import { type Principal } from '../../common/tokens.js';
import { type AccessRequest, type ApplicationScope, decide, type MemberRole } from './policy.js';

const applicant: Principal = { userId: 1, role: 'applicant', county: null };
const city: Principal = { userId: 2, role: 'city-reviewer', county: null };
const linqing: Principal = { userId: 3, role: 'county-reviewer', county: 'linqing' };
const gaotang: Principal = { userId: 4, role: 'county-reviewer', county: 'gaotang' };
const admin: Principal = { userId: 5, role: 'admin', county: null };
const finance: Principal = { userId: 6, role: 'finance', county: null };

const submitted: ApplicationScope = { orgId: 9, status: 'submitted', county: 'linqing' };
const onNotice: ApplicationScope = { orgId: 9, status: 'notice', county: 'linqing' };
const atFinance: ApplicationScope = { orgId: 9, status: 'finance-review', county: 'linqing' };
const draft: ApplicationScope = { orgId: 9, status: 'draft', county: null };
const org = { kind: 'org', orgId: 9 } as const;
const service = { kind: 'service' } as const;
const shop = { kind: 'relocated-shop', orgId: 9, county: 'linqing' } as const;
const referral = { kind: 'referral', orgId: 9 } as const;
const of = (application: ApplicationScope) => ({ kind: 'application', application }) as const;

/** [who, their role in the firm, request, outcome]: the rules of docs/workflow.md, row by row. */
const CASES: [string, Principal, MemberRole | null, AccessRequest, string][] = [
  ['an applicant', applicant, null, { action: 'org.register', resource: service }, 'allow'],
  ['staff', city, null, { action: 'org.register', resource: service }, 'forbidden'],
  ['staff', admin, null, { action: 'org.join', resource: service }, 'forbidden'],
  ['a member', applicant, 'member', { action: 'org.read', resource: org }, 'allow'],
  ['an outsider', applicant, null, { action: 'org.read', resource: org }, 'hidden'],
  ['a city reviewer', city, null, { action: 'org.read', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'org.manage', resource: org }, 'forbidden'],
  ['the firm administrator', applicant, 'admin', { action: 'org.manage', resource: org }, 'allow'],
  ['an outsider', applicant, null, { action: 'org.manage', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'facts.write', resource: org }, 'allow'],
  ['an outsider', applicant, null, { action: 'facts.read', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'application.create', resource: org }, 'allow'],
  ['a member', applicant, 'member', { action: 'application.edit', resource: of(submitted) }, 'allow'],
  ['a city reviewer', city, null, { action: 'application.read', resource: of(submitted) }, 'hidden'],
  ['a city reviewer', city, null, { action: 'material.read', resource: of(submitted) }, 'allow'],
  ['a city reviewer', city, null, { action: 'material.read', resource: of(draft) }, 'hidden'],
  ['a member', applicant, 'member', { action: 'application.history', resource: of(draft) }, 'allow'],
  ['an outsider', applicant, null, { action: 'application.history', resource: of(submitted) }, 'hidden'],
  ["the county's reviewer", linqing, null, { action: 'application.history', resource: of(submitted) }, 'allow'],
  ["another county's reviewer", gaotang, null, { action: 'application.history', resource: of(submitted) }, 'hidden'],
  ['a city reviewer', city, null, { action: 'application.history', resource: of(draft) }, 'hidden'],
  ['finance', finance, null, { action: 'application.history', resource: of(submitted) }, 'hidden'],
  ["the county's reviewer", linqing, null, { action: 'material.review', resource: of(submitted) }, 'allow'],
  ["another county's reviewer", gaotang, null, { action: 'material.review', resource: of(submitted) }, 'hidden'],
  ['finance', finance, null, { action: 'material.read', resource: of(submitted) }, 'hidden'],
  // Finance approves at its own stage on the evidence, and pays on it afterwards.
  ['finance', finance, null, { action: 'material.read', resource: of(atFinance) }, 'allow'],
  ['finance', finance, null, { action: 'application.history', resource: of(atFinance) }, 'allow'],
  ['finance', finance, null, { action: 'material.read', resource: of(onNotice) }, 'allow'],
  ['finance', finance, null, { action: 'material.review', resource: of(atFinance) }, 'hidden'],
  ['an administrator', admin, null, { action: 'material.review', resource: of(submitted) }, 'allow'],
  ['a member', applicant, 'member', { action: 'material.review', resource: of(submitted) }, 'forbidden'],
  [
    "the county's reviewer who belongs to the firm",
    linqing,
    'member',
    { action: 'material.review', resource: of(submitted) },
    'forbidden',
  ],
  [
    'a city reviewer who belongs to the firm',
    city,
    'member',
    { action: 'review.act', resource: of(submitted) },
    'forbidden',
  ],
  ["the county's reviewer", linqing, null, { action: 'review.act', resource: of(submitted) }, 'allow'],
  ['a city reviewer at the county stage', city, null, { action: 'review.act', resource: of(submitted) }, 'forbidden'],
  ['finance', finance, null, { action: 'review.read', resource: of(submitted) }, 'allow'],
  ['an administrator', admin, null, { action: 'review.act', resource: of(submitted) }, 'forbidden'],
  ['a member', applicant, 'member', { action: 'review.read', resource: of(submitted) }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'material.attach', resource: of(submitted) }, 'forbidden'],
  ['an outsider', applicant, null, { action: 'material.attach', resource: of(submitted) }, 'hidden'],
  ['a member', applicant, 'member', { action: 'file.upload', resource: org }, 'allow'],
  [
    'the reviewer of an application using the file',
    linqing,
    null,
    { action: 'file.read', resource: { kind: 'file', orgId: 9, usedBy: [draft, submitted] } },
    'allow',
  ],
  [
    'a reviewer of no application using the file',
    gaotang,
    null,
    { action: 'file.read', resource: { kind: 'file', orgId: 9, usedBy: [draft, submitted] } },
    'hidden',
  ],
  ['a member', applicant, 'member', { action: 'file.read', resource: { kind: 'file', orgId: 9, usedBy: [] } }, 'allow'],
  ['an administrator', admin, null, { action: 'edition.manage', resource: service }, 'allow'],
  ['a city reviewer', city, null, { action: 'outbox.read', resource: service }, 'forbidden'],
  ['an applicant', applicant, null, { action: 'audit.read', resource: service }, 'forbidden'],
  ['an administrator', admin, null, { action: 'staff.manage', resource: service }, 'allow'],
  ['a city reviewer', city, null, { action: 'staff.manage', resource: service }, 'forbidden'],
  ['finance', finance, null, { action: 'staff.manage', resource: service }, 'forbidden'],
  ['an administrator', admin, null, { action: 'clock.advance', resource: service }, 'allow'],
  ['a city reviewer', city, null, { action: 'clock.advance', resource: service }, 'forbidden'],
  // Objections: anyone to what was published; the city rules, never on a firm of its own.
  ['an outsider', applicant, null, { action: 'objection.file', resource: of(onNotice) }, 'allow'],
  ['an outsider', applicant, null, { action: 'objection.file', resource: of(submitted) }, 'hidden'],
  ['a city reviewer', city, null, { action: 'objection.rule', resource: of(onNotice) }, 'allow'],
  ['a city reviewer of the firm', city, 'member', { action: 'objection.rule', resource: of(onNotice) }, 'forbidden'],
  ["the county's reviewer", linqing, null, { action: 'objection.rule', resource: of(onNotice) }, 'forbidden'],
  ['an administrator', admin, null, { action: 'objection.rule', resource: of(onNotice) }, 'forbidden'],
  ['a member', applicant, 'member', { action: 'objection.rule', resource: of(onNotice) }, 'forbidden'],
  ['an outsider', applicant, null, { action: 'objection.rule', resource: of(onNotice) }, 'hidden'],
  // Measure 五's register of relocated shops: the firm registers, the shop's county verifies.
  ['a member', applicant, 'member', { action: 'relocated-shop.register', resource: org }, 'allow'],
  ['an outsider', applicant, null, { action: 'relocated-shop.register', resource: org }, 'hidden'],
  ['a city reviewer', city, null, { action: 'relocated-shop.register', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'relocated-shop.read', resource: shop }, 'allow'],
  ['an outsider', applicant, null, { action: 'relocated-shop.read', resource: shop }, 'hidden'],
  ["the county's reviewer", linqing, null, { action: 'relocated-shop.read', resource: shop }, 'allow'],
  ["another county's reviewer", gaotang, null, { action: 'relocated-shop.read', resource: shop }, 'hidden'],
  ['a city reviewer', city, null, { action: 'relocated-shop.read', resource: shop }, 'allow'],
  ['finance', finance, null, { action: 'relocated-shop.read', resource: shop }, 'hidden'],
  ["the county's reviewer", linqing, null, { action: 'relocated-shop.verify', resource: shop }, 'allow'],
  ["another county's reviewer", gaotang, null, { action: 'relocated-shop.verify', resource: shop }, 'hidden'],
  ['a city reviewer', city, null, { action: 'relocated-shop.verify', resource: shop }, 'forbidden'],
  ['an administrator', admin, null, { action: 'relocated-shop.verify', resource: shop }, 'forbidden'],
  ['a member', applicant, 'member', { action: 'relocated-shop.verify', resource: shop }, 'forbidden'],
  [
    "the county's reviewer of the firm",
    linqing,
    'member',
    { action: 'relocated-shop.verify', resource: shop },
    'forbidden',
  ],
  ['an outsider', applicant, null, { action: 'relocated-shop.verify', resource: shop }, 'hidden'],
  ['a county reviewer', gaotang, null, { action: 'relocated-shop.list', resource: service }, 'allow'],
  ['an applicant', applicant, null, { action: 'relocated-shop.list', resource: service }, 'forbidden'],
  ['finance', finance, null, { action: 'relocated-shop.summary', resource: service }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'relocated-shop.summary', resource: service }, 'allow'],
  // Commendations and targets (一、四、五, the 2023 targets).
  ['a city reviewer', city, null, { action: 'commendation.compute', resource: service }, 'allow'],
  ['an administrator', admin, null, { action: 'commendation.compute', resource: service }, 'allow'],
  ['a county reviewer', linqing, null, { action: 'commendation.compute', resource: service }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'commendation.publish', resource: service }, 'allow'],
  ['an administrator', admin, null, { action: 'commendation.publish', resource: service }, 'forbidden'],
  ['finance', finance, null, { action: 'commendation.publish', resource: service }, 'forbidden'],
  ['a county reviewer', linqing, null, { action: 'targets.read', resource: service }, 'allow'],
  ['an administrator', admin, null, { action: 'targets.read', resource: service }, 'allow'],
  ['an applicant', applicant, null, { action: 'targets.read', resource: service }, 'forbidden'],
  ['finance', finance, null, { action: 'targets.read', resource: service }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'targets.observe', resource: service }, 'allow'],
  ['a county reviewer', linqing, null, { action: 'targets.observe', resource: service }, 'forbidden'],
  // 十二: a county its own monthly figures; the city any county's; the province's averages the city's.
  [
    "the county's reviewer",
    linqing,
    null,
    { action: 'statistics.write', resource: { kind: 'county', county: 'linqing' } },
    'allow',
  ],
  [
    "another county's reviewer",
    gaotang,
    null,
    { action: 'statistics.read', resource: { kind: 'county', county: 'linqing' } },
    'forbidden',
  ],
  [
    'a city reviewer',
    city,
    null,
    { action: 'statistics.write', resource: { kind: 'county', county: 'linqing' } },
    'allow',
  ],
  [
    'an administrator',
    admin,
    null,
    { action: 'statistics.read', resource: { kind: 'county', county: 'linqing' } },
    'allow',
  ],
  [
    'finance',
    finance,
    null,
    { action: 'statistics.read', resource: { kind: 'county', county: 'linqing' } },
    'forbidden',
  ],
  [
    'an applicant',
    applicant,
    null,
    { action: 'statistics.read', resource: { kind: 'county', county: 'linqing' } },
    'forbidden',
  ],
  ['a city reviewer', city, null, { action: 'statistics.averages', resource: service }, 'allow'],
  ['an administrator', admin, null, { action: 'statistics.averages', resource: service }, 'allow'],
  ["a county's reviewer", linqing, null, { action: 'statistics.averages', resource: service }, 'forbidden'],
  // Referrals (第七条、第十一条): the firm's administrator asks; the city tracks and exports.
  ['the firm administrator', applicant, 'admin', { action: 'referral.request', resource: org }, 'allow'],
  ['a member', applicant, 'member', { action: 'referral.request', resource: org }, 'forbidden'],
  ['an outsider', applicant, null, { action: 'referral.request', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'referral.read', resource: referral }, 'allow'],
  ['a city reviewer', city, null, { action: 'referral.read', resource: referral }, 'allow'],
  ["a county's reviewer", linqing, null, { action: 'referral.read', resource: referral }, 'hidden'],
  ['an outsider', applicant, null, { action: 'referral.read', resource: referral }, 'hidden'],
  ['the firm administrator', applicant, 'admin', { action: 'referral.withdraw', resource: referral }, 'allow'],
  ['a member', applicant, 'member', { action: 'referral.withdraw', resource: referral }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'referral.withdraw', resource: referral }, 'forbidden'],
  ['an outsider', applicant, null, { action: 'referral.withdraw', resource: referral }, 'hidden'],
  ['an administrator', admin, null, { action: 'referral.list', resource: service }, 'allow'],
  ['finance', finance, null, { action: 'referral.list', resource: service }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'referral.track', resource: referral }, 'allow'],
  ['a city reviewer of the firm', city, 'member', { action: 'referral.track', resource: referral }, 'forbidden'],
  ['the firm administrator', applicant, 'admin', { action: 'referral.track', resource: referral }, 'forbidden'],
  ["a county's reviewer", linqing, null, { action: 'referral.track', resource: referral }, 'hidden'],
  // The park evaluation (第八条): the administrator sets criteria, the city scores and publishes.
  ['an administrator', admin, null, { action: 'park.criteria', resource: service }, 'allow'],
  ['a city reviewer', city, null, { action: 'park.criteria', resource: service }, 'forbidden'],
  ['a city reviewer', city, null, { action: 'park.score', resource: service }, 'allow'],
  ['an administrator', admin, null, { action: 'park.score', resource: service }, 'forbidden'],
  ['an administrator', admin, null, { action: 'park.read', resource: service }, 'allow'],
  ["a county's reviewer", linqing, null, { action: 'park.read', resource: service }, 'forbidden'],
  // 第八条, the whitelist: members apply; the city reviews, never a firm of its own.
  ['a member', applicant, 'member', { action: 'whitelist.apply', resource: org }, 'allow'],
  ['an outsider', applicant, null, { action: 'whitelist.apply', resource: org }, 'hidden'],
  ['a city reviewer', city, null, { action: 'whitelist.apply', resource: org }, 'hidden'],
  ['a city reviewer', city, null, { action: 'whitelist.read', resource: org }, 'allow'],
  ["a county's reviewer", linqing, null, { action: 'whitelist.read', resource: org }, 'hidden'],
  ['an outsider', applicant, null, { action: 'whitelist.read', resource: org }, 'hidden'],
  ['a city reviewer', city, null, { action: 'whitelist.review', resource: org }, 'allow'],
  ['a city reviewer of the firm', city, 'member', { action: 'whitelist.review', resource: org }, 'forbidden'],
  ['an administrator', admin, null, { action: 'whitelist.review', resource: org }, 'forbidden'],
  ["a county's reviewer", linqing, null, { action: 'whitelist.review', resource: org }, 'hidden'],
  ['a member', applicant, 'member', { action: 'whitelist.review', resource: org }, 'forbidden'],
  ['an administrator', admin, null, { action: 'whitelist.queue', resource: service }, 'allow'],
  ['finance', finance, null, { action: 'whitelist.queue', resource: service }, 'forbidden'],
];

describe('the access rules', () => {
  it.each(
    CASES.map(([who, principal, role, request, outcome]) => [who, role, request.action, outcome, principal, request]),
  )('%s (firm role %s): %s → %s', (_who, memberRole, _action, outcome, principal, request) => {
    expect(decide(principal as Principal, request as AccessRequest, memberRole as MemberRole | null).outcome).toBe(
      outcome,
    );
  });
});
