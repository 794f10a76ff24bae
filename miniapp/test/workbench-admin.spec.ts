import { describe, expect, it } from '@jest/globals';
import {
  createStaffRequest,
  disableQuestion,
  EMPTY_STAFF_DRAFT,
  roleLine,
  staffListQuery,
  statusLabel,
} from '../src/workbench/accounts';
import {
  actorLabel,
  auditFilterProblems,
  auditQuery,
  changeLines,
  EMPTY_AUDIT_FILTERS,
  shanghaiDateTime,
} from '../src/workbench/audit';

describe('accounts logic', () => {
  it('sends a county only for a county reviewer, and no empty display name', () => {
    expect(
      createStaffRequest({
        ...EMPTY_STAFF_DRAFT,
        username: ' fin.one ',
        role: 'finance',
        county: 'linqing',
        password: 'p',
      }),
    ).toEqual({ username: 'fin.one', role: 'finance', password: 'p' });
    expect(
      createStaffRequest({
        username: 'lq',
        displayName: ' 张三 ',
        role: 'county-reviewer',
        county: 'linqing',
        password: 'p',
      }),
    ).toEqual({ username: 'lq', displayName: '张三', role: 'county-reviewer', county: 'linqing', password: 'p' });
  });

  it('asks the list for the chosen filters only, and the page after the first', () => {
    expect(staffListQuery({ role: '', county: '', disabled: '' }, 1)).toEqual({});
    expect(staffListQuery({ role: 'admin', county: 'gaotang', disabled: 'true' }, 3)).toEqual({
      role: 'admin',
      county: 'gaotang',
      disabled: 'true',
      page: 3,
    });
  });

  it('names the person in the confirmation, with role, county and Shanghai time', () => {
    const account = {
      id: 1,
      username: 'lq.reviewer',
      displayName: '张审核',
      role: 'county-reviewer' as const,
      county: 'linqing' as const,
      disabledAt: null,
      createdAt: '2026-06-15T02:00:00.000Z',
    };
    expect(roleLine(account)).toBe('县级审核员 · 临清市');
    expect(roleLine({ role: 'finance', county: null })).toBe('财政人员');
    expect(disableQuestion(account)).toContain('停用 张审核（lq.reviewer，县级审核员 · 临清市） 的账号');
    expect(statusLabel(account)).toBe('启用中');
    expect(statusLabel({ disabledAt: '2026-06-14T16:05:00.000Z' })).toBe('已停用（2026-06-15 00:05:00）');
  });
});

describe('audit logic', () => {
  it('reads instants in Asia/Shanghai, across midnight', () => {
    expect(shanghaiDateTime('2026-06-19T15:59:59.000Z')).toBe('2026-06-19 23:59:59');
    expect(shanghaiDateTime('2026-06-19T16:00:00.000Z')).toBe('2026-06-20 00:00:00');
  });

  it('builds the query from the typed filters, with the cursor and one screen of rows', () => {
    expect(auditQuery(EMPTY_AUDIT_FILTERS, null)).toEqual({ limit: 20 });
    expect(
      auditQuery(
        {
          entity: 'application',
          entityId: ' 12 ',
          orgId: '5',
          actorRole: 'county-reviewer',
          action: 'application.',
          from: '2026-06-01',
          to: '',
        },
        39,
      ),
    ).toEqual({
      entity: 'application',
      entityId: '12',
      orgId: 5,
      actorRole: 'county-reviewer',
      action: 'application.',
      from: '2026-06-01',
      before: 39,
      limit: 20,
    });
  });

  it.each([
    [{ orgId: '0' }, 'orgId'],
    [{ orgId: '1.5' }, 'orgId'],
    [{ action: 'application%' }, 'action'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '2026-07-01', to: '2026-06-01' }, 'to'],
  ])('refuses %j naming %s', (typed, field) => {
    expect(Object.keys(auditFilterProblems({ ...EMPTY_AUDIT_FILTERS, ...typed }))).toEqual([field]);
  });

  it('lists before → after field by field, as masked, and labels actors', () => {
    expect(changeLines({ county: 'linqing' }, { county: 'gaotang', contactName: '赵**' })).toEqual([
      { field: 'county', before: 'linqing', after: 'gaotang' },
      { field: 'contactName', before: '—', after: '赵**' },
    ]);
    expect(changeLines(null, null)).toEqual([]);
    expect(changeLines(null, { n: { a: 1 } })).toEqual([{ field: 'n', before: '—', after: '{"a":1}' }]);
    expect(actorLabel('cli')).toBe('命令行（npm run staff）');
    expect(actorLabel('city-reviewer')).toBe('市级审核员');
    expect(actorLabel(null)).toBe('—');
  });
});
