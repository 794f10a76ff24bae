import { describe, expect, it } from '@jest/globals';
import {
  canFilterCounty,
  deadlineLabel,
  DEFAULT_FILTERS,
  filtersFromParams,
  isBatchable,
  moveSelection,
  paramsOfFilters,
  queryOf,
  queuePath,
  stagesFor,
  withFilter,
} from '../src/workbench/queue';

// The queue page's plain logic (miniapp/src/workbench/queue.ts): filters ⇄ address, the query
// sent, the deadline in working days, which rows batch approval takes.

describe('filters ⇄ the address', () => {
  it('reads back what it wrote, and the defaults write nothing', () => {
    expect(paramsOfFilters(DEFAULT_FILTERS)).toBe('');
    expect(queuePath(DEFAULT_FILTERS)).toBe('/subpackages/staff/queue/index');
    const filters = {
      stage: 'city-review',
      county: 'gaotang',
      program: 'talent-hiring',
      roundId: 7,
      overdue: true,
      sort: '-deadline',
      page: 3,
    } as const;
    const query = paramsOfFilters(filters);
    expect(query).toBe(
      'stage=city-review&county=gaotang&program=talent-hiring&roundId=7&overdue=true&sort=-deadline&page=3',
    );
    expect(filtersFromParams(Object.fromEntries(new URLSearchParams(query)))).toEqual(filters);
  });

  it('leaves out what is not a valid value instead of sending it on', () => {
    expect(
      filtersFromParams({
        stage: 'drafty',
        county: 'paris',
        program: 'x',
        roundId: '0',
        overdue: 'yes',
        sort: 'amount',
        page: '-2',
      }),
    ).toEqual(DEFAULT_FILTERS);
    expect(filtersFromParams({ roundId: '12abc', page: '2' })).toEqual({ sort: 'deadline', page: 2 });
  });

  it('starts again at page 1 when a filter changes, and drops a filter set to nothing', () => {
    const on = withFilter({ ...DEFAULT_FILTERS, page: 4, stage: 'submitted' }, { county: 'linqing' });
    expect(on).toEqual({ sort: 'deadline', page: 1, stage: 'submitted', county: 'linqing' });
    expect(withFilter(on, { stage: undefined })).toEqual({ sort: 'deadline', page: 1, county: 'linqing' });
  });
});

describe('the query sent', () => {
  it('carries every filter, the order and the page', () => {
    expect(
      queryOf(
        { stage: 'submitted', county: 'gaotang', roundId: 2, overdue: true, sort: '-deadline', page: 2 },
        'city-reviewer',
      ),
    ).toEqual({ stage: 'submitted', county: 'gaotang', roundId: 2, overdue: 'true', sort: '-deadline', page: 2 });
  });

  it('never asks for a county on behalf of a county reviewer (their own is fixed)', () => {
    expect(canFilterCounty('county-reviewer')).toBe(false);
    expect(queryOf({ ...DEFAULT_FILTERS, county: 'gaotang' }, 'county-reviewer')).toEqual({
      sort: 'deadline',
      page: 1,
    });
    for (const role of ['city-reviewer', 'finance', 'admin'] as const) expect(canFilterCounty(role)).toBe(true);
  });

  it('offers each role the stages it acts in', () => {
    expect(stagesFor('county-reviewer')).toEqual(['submitted']);
    expect(stagesFor('finance')).toEqual(['finance-review', 'approved', 'paid']);
    expect(stagesFor('admin')).toContain('returned');
  });
});

describe('the deadline in working days', () => {
  // 2026-06-15 is a Monday; 19 June (端午) is a rest day.
  it('counts the working days left, skipping weekends and holidays', () => {
    expect(deadlineLabel('2026-06-30', '2026-06-15')).toEqual({ text: '◷ 剩 10 个工作日', tone: 'ok' });
    expect(deadlineLabel('2026-06-22', '2026-06-18')).toEqual({ text: '◷ 剩 1 个工作日', tone: 'ok' });
    expect(deadlineLabel('2026-06-22', '2026-06-22')).toEqual({ text: '◷ 今日到期', tone: 'today' });
  });

  it('says overdue with a sign and a word, in working days', () => {
    expect(deadlineLabel('2026-06-17', '2026-06-22')).toEqual({ text: '⚠ 逾期 2 个工作日', tone: 'overdue' });
    expect(deadlineLabel('2026-06-18', '2026-06-20')).toEqual({ text: '⚠ 已逾期（不足 1 个工作日）', tone: 'overdue' });
    expect(deadlineLabel(null, '2026-06-20')).toEqual({ text: '无时限', tone: 'none' });
  });
});

describe('batch approval', () => {
  const row = (status: 'submitted' | 'city-review' | 'finance-review' | 'notice', awaitingSecondApproval = false) => ({
    status,
    awaitingSecondApproval,
  });

  it('takes the county’s and finance’s approvals, each by its own role', () => {
    expect(isBatchable(row('submitted'), 'county-reviewer')).toBe(true);
    expect(isBatchable(row('finance-review'), 'finance')).toBe(true);
    expect(isBatchable(row('submitted'), 'admin')).toBe(false);
    expect(isBatchable(row('finance-review'), 'city-reviewer')).toBe(false);
  });

  it('takes the city’s only without a first approval waiting for a second approver, and nothing else', () => {
    expect(isBatchable(row('city-review'), 'city-reviewer')).toBe(true);
    expect(isBatchable(row('city-review', true), 'city-reviewer')).toBe(false);
    expect(isBatchable(row('notice'), 'city-reviewer')).toBe(false);
  });
});

describe('j/k selection', () => {
  it('moves within the page and starts at an end', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(1, 1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});
