import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  COUNTIES,
  type CountyId,
  cnCalendar,
  type HolidayCalendar,
  PROGRAM_IDS,
  type ProgramId,
  REVIEW_QUEUE_SORTS,
  REVIEW_STAGES,
  type ReviewQueueItem,
  type ReviewQueueQuery,
  type ReviewQueueSort,
  type Role,
  workingDaysBetween,
} from '@huiqi/shared';
import { STAFF_HOME_PATH } from './nav';

/** The queue's filters, page and order, as the page keeps them and its address carries them. */
export interface QueueFilters {
  stage?: ApplicationStatus;
  county?: CountyId;
  program?: ProgramId;
  roundId?: number;
  overdue?: boolean;
  sort: ReviewQueueSort;
  page: number;
}

export const DEFAULT_FILTERS: QueueFilters = { sort: 'deadline', page: 1 };

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

const positive = (value: string | undefined): number | undefined =>
  value !== undefined && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;

const COUNTY_IDS: readonly CountyId[] = COUNTIES.map((c) => c.id);

/** The filters an address's query gives (what is not a valid value is left out, never sent on). */
export const filtersFromParams = (params: Readonly<Record<string, string | undefined>>): QueueFilters => {
  const filters: QueueFilters = { ...DEFAULT_FILTERS };
  if (isOneOf(APPLICATION_STATUSES, params['stage'])) filters.stage = params['stage'];
  if (isOneOf(COUNTY_IDS, params['county'])) filters.county = params['county'];
  if (isOneOf(PROGRAM_IDS, params['program'])) filters.program = params['program'];
  const roundId = positive(params['roundId']);
  if (roundId !== undefined) filters.roundId = roundId;
  if (params['overdue'] === 'true') filters.overdue = true;
  if (isOneOf(REVIEW_QUEUE_SORTS, params['sort'])) filters.sort = params['sort'];
  filters.page = positive(params['page']) ?? 1;
  return filters;
};

/** The address's query for the filters: only what differs from the defaults, in a fixed order. */
export const paramsOfFilters = (filters: QueueFilters): string => {
  const pairs: [string, string][] = [];
  if (filters.stage) pairs.push(['stage', filters.stage]);
  if (filters.county) pairs.push(['county', filters.county]);
  if (filters.program) pairs.push(['program', filters.program]);
  if (filters.roundId !== undefined) pairs.push(['roundId', String(filters.roundId)]);
  if (filters.overdue) pairs.push(['overdue', 'true']);
  if (filters.sort !== DEFAULT_FILTERS.sort) pairs.push(['sort', filters.sort]);
  if (filters.page > 1) pairs.push(['page', String(filters.page)]);
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
};

/** The queue page's address with these filters (reload and back keep them). */
export const queuePath = (filters: QueueFilters): string => {
  const query = paramsOfFilters(filters);
  return query ? `${STAFF_HOME_PATH}?${query}` : STAFF_HOME_PATH;
};

/** What `listReviewQueue` is asked; a county reviewer's county is theirs whatever the filters say. */
export const queryOf = (filters: QueueFilters, role: Role): ReviewQueueQuery => {
  const query: ReviewQueueQuery = { sort: filters.sort, page: filters.page };
  if (filters.stage) query.stage = filters.stage;
  if (filters.county && canFilterCounty(role)) query.county = filters.county;
  if (filters.program) query.program = filters.program;
  if (filters.roundId !== undefined) query.roundId = filters.roundId;
  if (filters.overdue) query.overdue = 'true';
  return query;
};

/** A change of filter starts again at page 1; a change of page keeps the filters. */
export const withFilter = (filters: QueueFilters, change: Partial<Omit<QueueFilters, 'page'>>): QueueFilters => {
  const merged: QueueFilters = { ...filters, ...change, page: 1 };
  // A filter set to nothing is left out, not carried as `undefined`.
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as QueueFilters;
};

/** City reviewers, finance and the administrator choose a county; a county reviewer has their own. */
export const canFilterCounty = (role: Role): boolean =>
  role === 'city-reviewer' || role === 'finance' || role === 'admin';

/** The stages a role's queue holds (REVIEW_STAGES; an administrator reads them all). */
export const stagesFor = (role: Role): ApplicationStatus[] =>
  (Object.keys(REVIEW_STAGES) as (keyof typeof REVIEW_STAGES)[]).filter(
    (stage) => role === 'admin' || (REVIEW_STAGES[stage].role as Role) === role,
  );

/** How the stage's deadline reads: words and a sign, never colour alone. */
export interface DeadlineLabel {
  text: string;
  tone: 'none' | 'ok' | 'today' | 'overdue';
}

/**
 * The stage's deadline in working days from today (Liaocheng's calendar, `shared/src/calendar`):
 * "剩 3 个工作日" while there is time, "今日到期" on the last day, "逾期 2 个工作日" after it.
 */
export const deadlineLabel = (
  due: string | null,
  today: string,
  calendar: HolidayCalendar = cnCalendar(),
): DeadlineLabel => {
  if (due === null) return { text: '无时限', tone: 'none' };
  if (today === due) return { text: '◷ 今日到期', tone: 'today' };
  if (today < due) return { text: `◷ 剩 ${workingDaysBetween(today, due, calendar)} 个工作日`, tone: 'ok' };
  const late = workingDaysBetween(due, today, calendar);
  // Past the last day on a rest day: overdue, though no working day has passed yet.
  return { text: late === 0 ? '⚠ 已逾期（不足 1 个工作日）' : `⚠ 逾期 ${late} 个工作日`, tone: 'overdue' };
};

/**
 * Whether the API's batch approval can take the row for this role (docs/review.md): the county's
 * and finance's approvals, and the city's without a first approval waiting for its second
 * approver (the API still refuses a city approval with a condition unverified or above the
 * second approver's threshold, and says so for that row).
 */
export const isBatchable = (item: Pick<ReviewQueueItem, 'status' | 'awaitingSecondApproval'>, role: Role): boolean => {
  switch (item.status) {
    case 'submitted':
      return role === 'county-reviewer';
    case 'finance-review':
      return role === 'finance';
    case 'city-review':
      return role === 'city-reviewer' && !item.awaitingSecondApproval;
    default:
      return false;
  }
};

/** The selection's row after a j (down) or k (up) press, within the page. */
export const moveSelection = (current: number, delta: 1 | -1, rows: number): number => {
  if (rows === 0) return -1;
  if (current < 0) return delta > 0 ? 0 : rows - 1;
  return Math.min(rows - 1, Math.max(0, current + delta));
};
