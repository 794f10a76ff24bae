import { type ApplicationStatus, type CountyId, type MemberRole, REVIEW_STAGES } from '@huiqi/shared';
import { type Role } from '../../common/roles.js';
import { type Principal } from '../../common/tokens.js';

/** A user's role in a firm they belong to (part of the wire: a firm's view names the caller's). */
export { type MemberRole };

/** Everything a caller may ask to do, each checked against one kind of resource. */
export type AccessAction =
  | 'org.register'
  | 'org.join'
  | 'org.read'
  | 'org.manage'
  | 'facts.read'
  | 'facts.write'
  | 'application.create'
  | 'application.read'
  | 'application.edit'
  | 'application.history'
  | 'material.read'
  | 'material.attach'
  | 'material.review'
  | 'review.read'
  | 'review.act'
  | 'objection.file'
  | 'objection.rule'
  | 'file.upload'
  | 'file.read'
  | 'edition.manage'
  | 'audit.read'
  | 'outbox.read'
  | 'staff.manage'
  | 'clock.advance'
  | 'round.manage'
  | 'pool.allocate'
  | 'pool.read'
  | 'relocated-shop.register'
  | 'relocated-shop.read'
  | 'relocated-shop.verify'
  | 'relocated-shop.list'
  | 'relocated-shop.summary'
  | 'commendation.compute'
  | 'commendation.publish'
  | 'targets.read'
  | 'targets.observe'
  | 'statistics.read'
  | 'statistics.write'
  | 'statistics.averages'
  | 'referral.request'
  | 'referral.read'
  | 'referral.withdraw'
  | 'referral.list'
  | 'referral.track'
  | 'park.read'
  | 'park.criteria'
  | 'park.score'
  | 'whitelist.apply'
  | 'whitelist.read'
  | 'whitelist.review'
  | 'whitelist.queue';

/**
 * What the access check needs to know of an application: whose it is, where it stands, and the
 * county it was submitted from (the copy fixed at submission: a firm that moves afterwards does
 * not take its application to another county's reviewers).
 */
export interface ApplicationScope {
  orgId: number;
  status: ApplicationStatus;
  county: CountyId | null;
}

export type AccessResource =
  /** No record: signing up a firm, joining one, the administration. */
  | { kind: 'service' }
  | { kind: 'org'; orgId: number }
  | { kind: 'application'; application: ApplicationScope }
  /** A file of a firm's library and the applications whose material slots hold it. */
  | { kind: 'file'; orgId: number; usedBy: readonly ApplicationScope[] }
  /** A relocated shop of the register (measure 五): whose it is and the county it operates in. */
  | { kind: 'relocated-shop'; orgId: number; county: CountyId }
  /** A county's monthly monitoring figures (十二). */
  | { kind: 'county'; county: CountyId }
  /** A firm's referral request (转介): whose it is. */
  | { kind: 'referral'; orgId: number };

/** The one kind of resource each action is about; requireAccess takes nothing else for it. */
export const RESOURCE_OF = {
  'org.register': 'service',
  'org.join': 'service',
  'org.read': 'org',
  'org.manage': 'org',
  'facts.read': 'org',
  'facts.write': 'org',
  'application.create': 'org',
  'application.read': 'application',
  'application.edit': 'application',
  'application.history': 'application',
  'material.read': 'application',
  'material.attach': 'application',
  'material.review': 'application',
  'review.read': 'application',
  'review.act': 'application',
  'objection.file': 'application',
  'objection.rule': 'application',
  'file.upload': 'org',
  'file.read': 'file',
  'edition.manage': 'service',
  'audit.read': 'service',
  'outbox.read': 'service',
  'staff.manage': 'service',
  'clock.advance': 'service',
  'round.manage': 'service',
  'pool.allocate': 'service',
  'pool.read': 'service',
  'relocated-shop.register': 'org',
  'relocated-shop.read': 'relocated-shop',
  'relocated-shop.verify': 'relocated-shop',
  'relocated-shop.list': 'service',
  'relocated-shop.summary': 'service',
  'commendation.compute': 'service',
  'commendation.publish': 'service',
  'targets.read': 'service',
  'targets.observe': 'service',
  'statistics.read': 'county',
  'statistics.write': 'county',
  'statistics.averages': 'service',
  'referral.request': 'org',
  'referral.read': 'referral',
  'referral.withdraw': 'referral',
  'referral.list': 'service',
  'referral.track': 'referral',
  'park.read': 'service',
  'park.criteria': 'service',
  'park.score': 'service',
  'whitelist.apply': 'org',
  'whitelist.read': 'org',
  'whitelist.review': 'org',
  'whitelist.queue': 'service',
} as const satisfies Record<AccessAction, AccessResource['kind']>;

export type ResourceFor<A extends AccessAction> = Extract<AccessResource, { kind: (typeof RESOURCE_OF)[A] }>;

/**
 * allow; `hidden`: the caller may not even see the record, and is answered exactly as if it did
 * not exist; `forbidden`: the caller sees it but may not do this (the reason says why).
 */
export type Decision = { outcome: 'allow' } | { outcome: 'hidden' } | { outcome: 'forbidden'; reason: string };

export const REVIEWER_ROLES: readonly Role[] = ['county-reviewer', 'city-reviewer', 'admin'];

/**
 * Who reviews an application: city reviewers and administrators any submitted one, a county
 * reviewer those submitted from their county. Drafts are the firm's own business.
 */
export const reviews = (principal: Principal, application: ApplicationScope): boolean => {
  if (!REVIEWER_ROLES.includes(principal.role) || application.status === 'draft') return false;
  if (principal.role !== 'county-reviewer') return true;
  return application.county !== null && application.county === principal.county;
};

/** The statuses at which finance works an application: its own review (财政审核), then the award it pays. */
const FINANCE_WORKS: readonly ApplicationStatus[] = ['finance-review', 'notice', 'approved', 'paid', 'closed'];

/**
 * Who reads an application's evidence (its materials, their files, its history): its reviewers, and
 * finance from its own stage on (it approves on that evidence).
 */
const readsEvidence = (principal: Principal, application: ApplicationScope): boolean =>
  reviews(principal, application) || (principal.role === 'finance' && FINANCE_WORKS.includes(application.status));

/** Staff who work an application's review: those who review it, and finance (which pays it). */
export const seesReview = (principal: Principal, application: ApplicationScope): boolean =>
  reviews(principal, application) || (principal.role === 'finance' && application.status !== 'draft');

/**
 * Whether the caller's role acts at the application's stage (REVIEW_STAGES). A returned
 * application is rejected by whichever reviewer's stage returned it (county or city); statuses
 * without a stage are left to the status rule (INVALID_TRANSITION).
 */
const actsAtStage = (principal: Principal, status: ApplicationStatus): Decision => {
  if (status === 'returned')
    return principal.role === 'county-reviewer' || principal.role === 'city-reviewer'
      ? { outcome: 'allow' }
      : { outcome: 'forbidden', reason: '退回补正的申报由退回它的审核部门处理' };
  if (!Object.hasOwn(REVIEW_STAGES, status)) return { outcome: 'allow' };
  const stage = REVIEW_STAGES[status as keyof typeof REVIEW_STAGES];
  return stage.role === principal.role
    ? { outcome: 'allow' }
    : { outcome: 'forbidden', reason: `当前阶段（${stage.label}）由${stage.unit}办理` };
};
/** The statuses of an application that was on public notice (公示) and stayed decided. */
const PUBLISHED: readonly ApplicationStatus[] = ['notice', 'approved', 'paid', 'closed'];

const ALLOW: Decision = { outcome: 'allow' };
/** The city's desk for referrals and the park evaluation. */
const CITY_DESK: readonly Role[] = ['city-reviewer', 'admin'];
const HIDDEN: Decision = { outcome: 'hidden' };
const forbidden = (reason: string): Decision => ({ outcome: 'forbidden', reason });

/** An action with the resource it is about; switching on `action` narrows `resource`. */
export type AccessRequest = { [A in AccessAction]: { action: A; resource: ResourceFor<A> } }[AccessAction];

/**
 * The access rules, as one pure function of the caller, the request and the caller's role in the
 * resource's firm (null: not a member). docs/workflow.md has them as a table.
 */
export const decide = (principal: Principal, request: AccessRequest, memberRole: MemberRole | null): Decision => {
  const member = memberRole !== null;
  switch (request.action) {
    case 'org.register':
      return principal.role === 'applicant' ? ALLOW : forbidden('工作人员账号不能注册企业');
    case 'org.join':
      return principal.role === 'applicant' ? ALLOW : forbidden('工作人员账号不能加入企业');
    case 'edition.manage':
    case 'audit.read':
    case 'outbox.read':
      return principal.role === 'admin' ? ALLOW : forbidden('当前账号没有权限进行此操作');
    case 'staff.manage':
      return principal.role === 'admin' ? ALLOW : forbidden('只有系统管理员可以管理工作人员账号');
    // 演示时钟 (demo only): the administrator moves the demo's days on.
    case 'clock.advance':
      return principal.role === 'admin' ? ALLOW : forbidden('只有系统管理员可以快进演示时钟');
    // The city publishes rounds; the administrator may too (setting a year up).
    case 'round.manage':
      return principal.role === 'city-reviewer' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员或系统管理员可以发布申报批次');
    // Sharing a pool out is the city's review decision: the administrator acts on nothing in review.
    case 'pool.allocate':
      return principal.role === 'city-reviewer' ? ALLOW : forbidden('只有市级审核员可以按比例分配资金池');
    // The ledger is the money side: the city that approves, finance that pays, the administrator who audits.
    case 'pool.read':
      return principal.role === 'city-reviewer' || principal.role === 'finance' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员、财政人员或系统管理员可以查看资金池台账');
    // 一、四、五: the city (市商务投资促进局, the lead unit) commends; the administrator may look at the
    // lists it would publish but, as with pools, decides nothing the city reviews.
    case 'commendation.compute':
      return principal.role === 'city-reviewer' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员或系统管理员可以计算通报表扬名单');
    case 'commendation.publish':
      return principal.role === 'city-reviewer' ? ALLOW : forbidden('只有市级审核员可以发布通报表扬名单');
    // The dashboard shows the city's sums only: county reviewers see it too (their part of the city's goals).
    case 'targets.read':
      return principal.role === 'city-reviewer' || principal.role === 'admin' || principal.role === 'county-reviewer'
        ? ALLOW
        : forbidden('只有市、县审核员或系统管理员可以查看目标看板');
    case 'targets.observe':
      return principal.role === 'city-reviewer' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员或系统管理员可以录入目标指标');
    // 十二: each county reports its own figures; the city (its reviewers, the administrator) any county's.
    case 'statistics.read':
    case 'statistics.write': {
      if (principal.role === 'city-reviewer' || principal.role === 'admin') return ALLOW;
      if (principal.role === 'county-reviewer')
        return principal.county === request.resource.county
          ? ALLOW
          : forbidden('县级审核员只能查看和填报本县（市、区）的运行监测数据');
      return forbidden('只有县级、市级审核员或系统管理员可以查看和填报运行监测数据');
    }
    // The province's averages are what the city ranks counties against (一): the city reviewers who
    // publish the commendations, and the administrator setting a year up.
    case 'statistics.averages':
      return principal.role === 'city-reviewer' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员或系统管理员可以设置全省平均');
    // Referrals (第七条、第十一条): the firm's administrator asks and withdraws; its members read;
    // the city (city reviewers and administrators) reads, tracks and exports them.
    case 'referral.request':
      if (!member) return HIDDEN;
      return memberRole === 'admin' ? ALLOW : forbidden('只有企业管理员可以申请转介');
    case 'referral.read':
      return member || CITY_DESK.includes(principal.role) ? ALLOW : HIDDEN;
    case 'referral.withdraw':
      if (memberRole === 'admin') return ALLOW;
      return member || CITY_DESK.includes(principal.role) ? forbidden('只有企业管理员可以撤回转介申请') : HIDDEN;
    case 'referral.list':
      return CITY_DESK.includes(principal.role) ? ALLOW : forbidden('只有市级审核员或系统管理员可以查看转介跟踪');
    case 'referral.track':
      if (!CITY_DESK.includes(principal.role))
        return member ? forbidden('只有市级审核员或系统管理员可以办理转介') : HIDDEN;
      return member ? forbidden('不能办理本人所在企业的转介') : ALLOW;
    // The yearly park evaluation (第八条): the administrator sets the criteria, the city scores and publishes.
    case 'park.read':
      return CITY_DESK.includes(principal.role) ? ALLOW : forbidden('只有市级审核员或系统管理员可以查看园区评价工作台');
    case 'park.criteria':
      return principal.role === 'admin' ? ALLOW : forbidden('只有系统管理员可以设置园区评价指标和权重');
    case 'park.score':
      return principal.role === 'city-reviewer' ? ALLOW : forbidden('只有市级审核员可以录入和公布园区评价得分');
    case 'org.read':
    case 'facts.read':
    case 'facts.write':
    case 'application.create':
    case 'file.upload':
    case 'application.read':
    case 'application.edit':
      // A firm's own records: its members only. Reviewers read an application through its
      // materials, never through the applicant's routes.
      return member ? ALLOW : HIDDEN;
    case 'org.manage':
      if (!member) return HIDDEN;
      return memberRole === 'admin' ? ALLOW : forbidden('只有企业管理员可以进行此操作');
    // An application's history is what the firm did and what its reviewers decided: both sides read it.
    case 'material.read':
    case 'application.history':
      return member || readsEvidence(principal, request.resource.application) ? ALLOW : HIDDEN;
    case 'material.attach':
      if (member) return ALLOW;
      return reviews(principal, request.resource.application) ? forbidden('只有企业成员可以上传申报材料') : HIDDEN;
    case 'material.review':
      // A reviewer who belongs to the firm may not review its materials either.
      if (member)
        return forbidden(
          reviews(principal, request.resource.application) ? '不能审核本人所在企业的申报' : '只有审核人员可以审核材料',
        );
      return reviews(principal, request.resource.application) ? ALLOW : HIDDEN;
    // A reviewer works the review; a staff member who belongs to the firm reads it but may not act on it.
    case 'review.read':
      if (seesReview(principal, request.resource.application)) return ALLOW;
      return member ? forbidden('只有审核人员可以查看审核') : HIDDEN;
    case 'review.act': {
      const application = request.resource.application;
      if (!seesReview(principal, application)) return member ? forbidden('只有审核人员可以审核申报') : HIDDEN;
      if (member) return forbidden('不能审核本人所在企业的申报');
      if (principal.role === 'admin') return forbidden('管理员可以查看审核，不能办理审核');
      return actsAtStage(principal, application.status);
    }
    // Anyone signed in may object to what was published (公示); an application never published is
    // not theirs to know of, so the rule's notice-period refusal is kept for those who see it.
    case 'objection.file':
      return member ||
        reviews(principal, request.resource.application) ||
        PUBLISHED.includes(request.resource.application.status)
        ? ALLOW
        : HIDDEN;
    case 'objection.rule':
      if (!member && !reviews(principal, request.resource.application)) return HIDDEN;
      if (principal.role !== 'city-reviewer') return forbidden('只有市级审核人员可以处理异议');
      return member ? forbidden('不能审核本人所在企业的申报') : ALLOW;
    case 'file.read':
      return member || request.resource.usedBy.some((a) => readsEvidence(principal, a)) ? ALLOW : HIDDEN;
    // Measure 五's register: the firm registers its shops; the reviewers of the shop's county read
    // them, and only the county's own reviewer verifies (核实), never a shop of a firm of their own.
    case 'relocated-shop.register':
      return member ? ALLOW : HIDDEN;
    case 'relocated-shop.read':
      return member || seesShop(principal, request.resource.county) ? ALLOW : HIDDEN;
    case 'relocated-shop.verify':
      if (!seesShop(principal, request.resource.county))
        return member ? forbidden('只有店铺所在县（市、区）的审核员可以核实迁入店铺') : HIDDEN;
      if (member) return forbidden('不能核实本人所在企业的迁入店铺');
      return principal.role === 'county-reviewer' ? ALLOW : forbidden('迁入店铺由店铺所在县（市、区）的审核员核实');
    case 'relocated-shop.list':
    case 'relocated-shop.summary':
      return REVIEWER_ROLES.includes(principal.role) ? ALLOW : forbidden('只有审核人员可以查看迁入店铺登记');
    // 第八条, the whitelist: a firm's members apply for it; the city (市商务投资促进局) reviews and
    // recommends; the administrator reads the applications, as with every other review.
    case 'whitelist.apply':
      return member ? ALLOW : HIDDEN;
    case 'whitelist.read':
      return member || principal.role === 'city-reviewer' || principal.role === 'admin' ? ALLOW : HIDDEN;
    case 'whitelist.review':
      if (member) return forbidden('不能审核本人所在企业的白名单申请');
      if (principal.role === 'city-reviewer') return ALLOW;
      return principal.role === 'admin' ? forbidden('只有市级审核员可以推荐白名单企业') : HIDDEN;
    case 'whitelist.queue':
      return principal.role === 'city-reviewer' || principal.role === 'admin'
        ? ALLOW
        : forbidden('只有市级审核员或系统管理员可以查看白名单推荐申请');
  }
};

/** Who sees a relocated shop from outside its firm: city reviewers and administrators, the county's reviewer. */
const seesShop = (principal: Principal, county: CountyId): boolean =>
  principal.role === 'city-reviewer' ||
  principal.role === 'admin' ||
  (principal.role === 'county-reviewer' && principal.county === county);
