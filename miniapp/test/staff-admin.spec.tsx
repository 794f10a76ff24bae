import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type AuditEntryView, type StaffAccountView, type StaffList } from '@huiqi/shared';
import { AccountsView } from '../src/subpackages/staff/accounts/index';
import { AuditView } from '../src/subpackages/staff/audit/index';
import { useScriptedApi } from './support/scripted-api';

// 账号管理 and 审计日志 against a real HTTP server on a loopback port that answers what each test scripted.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const account = (overrides: Partial<StaffAccountView> = {}): StaffAccountView => ({
  id: 7,
  username: 'lq.reviewer',
  displayName: '张审核',
  role: 'county-reviewer',
  county: 'linqing',
  disabledAt: null,
  createdAt: '2026-06-15T02:00:00.000Z',
  ...overrides,
});
const list = (accounts: StaffAccountView[]): StaffList => ({ accounts, total: accounts.length, page: 1, pageSize: 20 });

/** Taro's <Input> is a custom element whose own <input> appears a tick after it mounts. */
const typeInto = async (placeholder: string, text: string): Promise<void> => {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`);
    if (!found) throw new Error(`no input "${placeholder}"`);
    return found;
  });
  await act(async () => {
    input.value = text;
    fireEvent.input(input, { target: { value: text } });
  });
};

const button = (text: string, within: ParentNode = document): Element => {
  const found = [...within.querySelectorAll('taro-button-core')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
};

const field = (name: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-field="${name}"]`);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

describe('账号管理', () => {
  it("shows the API's refusal of a field beside that field, and sends what was typed", async () => {
    answer('GET /api/v1/staff', 200, list([]));
    answer('POST /api/v1/staff', 409, {
      code: 'CONFLICT',
      message: '用户名 lq.reviewer 已被使用，请换一个',
      details: [{ field: 'username', message: '用户名 lq.reviewer 已被使用，请换一个' }],
      requestId: 'r1',
    });
    render(<AccountsView client={client()} creating onCreating={() => undefined} />);
    expect(field('password').textContent).toContain('至少10位，且需同时包含字母和数字');
    await typeInto('用户名', 'lq.reviewer');
    await typeInto('初始密码', 'Reviewer-pass-42');
    await act(async () => {
      fireEvent.click(button('创建账号'));
    });
    await waitFor(() =>
      expect(field('username').querySelector('[role="alert"]')?.textContent).toBe(
        '用户名 lq.reviewer 已被使用，请换一个',
      ),
    );
    expect(field('password').querySelector('[role="alert"]')).toBeNull();
    const sent = requests.find((r) => r.key === 'POST /api/v1/staff');
    // A county reviewer without a county: the API's staffProblems says so, the form does not guess one.
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      username: 'lq.reviewer',
      role: 'county-reviewer',
      password: 'Reviewer-pass-42',
    });
  });

  it('asks before disabling, naming the person, and calls only after 停用 is confirmed', async () => {
    answer('GET /api/v1/staff', 200, list([account()]));
    render(<AccountsView client={client()} creating={false} onCreating={() => undefined} />);
    const row = await screen.findByText('张审核');
    const actions = row.closest('[data-account]') as HTMLElement;

    await act(async () => {
      fireEvent.click(button('停用', actions));
    });
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('张审核（lq.reviewer，县级审核员 · 临清市）');
    await act(async () => {
      fireEvent.click(button('取消', dialog));
    });
    expect(requests.some((r) => r.key.startsWith('POST /api/v1/staff/7'))).toBe(false);

    answer('POST /api/v1/staff/7/disable', 200, account({ disabledAt: '2026-06-15T02:30:00.000Z' }));
    answer('GET /api/v1/staff', 200, list([account({ disabledAt: '2026-06-15T02:30:00.000Z' })]));
    await act(async () => {
      fireEvent.click(button('停用', actions));
    });
    await act(async () => {
      fireEvent.click(button('停用', await screen.findByRole('dialog')));
    });
    await screen.findByText('已停用 张审核');
    expect(requests.filter((r) => r.key === 'POST /api/v1/staff/7/disable')).toHaveLength(1);
    expect(await screen.findByText('已停用（2026-06-15 10:30:00）')).toBeTruthy();
  });

  it('shows a reset password once, after the confirmation', async () => {
    answer('GET /api/v1/staff', 200, list([account()]));
    answer('POST /api/v1/staff/7/password', 200, { account: account(), password: 'Ab3dEf7hJk9mNp2q' });
    answer('GET /api/v1/staff', 200, list([account()]));
    render(<AccountsView client={client()} creating={false} onCreating={() => undefined} />);
    await screen.findByText('张审核');
    await act(async () => {
      fireEvent.click(button('重置密码'));
    });
    await act(async () => {
      fireEvent.click(button('重置密码', await screen.findByRole('dialog')));
    });
    expect((await screen.findByTestId('new-password')).textContent).toBe('Ab3dEf7hJk9mNp2q');
    await act(async () => {
      fireEvent.click(button('关闭'));
    });
    expect(screen.queryByTestId('new-password')).toBeNull();
  });
});

const entry = (id: number, overrides: Partial<AuditEntryView> = {}): AuditEntryView => ({
  id,
  at: '2026-06-19T16:30:00.000Z',
  actorId: 3,
  actorRole: 'applicant',
  action: 'org.registered',
  entity: 'org',
  entityId: String(id),
  orgId: id,
  before: null,
  after: { name: '测试企业', legalRepresentative: '王**' },
  requestId: 'req-1',
  ...overrides,
});

describe('审计日志', () => {
  it('puts the filters into the query', async () => {
    answer('GET /api/v1/audit?limit=20', 200, { entries: [], next: null });
    answer('GET /api/v1/audit?entityId=12&orgId=5&action=application.&from=2026-06-01&to=2026-06-30&limit=20', 200, {
      entries: [entry(9)],
      next: null,
    });
    render(<AuditView client={client()} />);
    await screen.findByText('没有符合条件的记录');
    await typeInto('对象编号', '12');
    await typeInto('企业编号', '5');
    await typeInto('操作，如 application.', 'application.');
    await typeInto('开始日期 YYYY-MM-DD', '2026-06-01');
    await typeInto('结束日期 YYYY-MM-DD', '2026-06-30');
    await act(async () => {
      fireEvent.click(button('查询'));
    });
    expect(await screen.findByText('2026-06-20 00:30:00')).toBeTruthy();
    expect(requests.map((r) => r.key)).toContain(
      'GET /api/v1/audit?entityId=12&orgId=5&action=application.&from=2026-06-01&to=2026-06-30&limit=20',
    );
  });

  it('refuses filters that cannot be right before asking the API', async () => {
    answer('GET /api/v1/audit?limit=20', 200, { entries: [], next: null });
    render(<AuditView client={client()} />);
    await screen.findByText('没有符合条件的记录');
    await typeInto('开始日期 YYYY-MM-DD', '2026-07-01');
    await typeInto('结束日期 YYYY-MM-DD', '2026-06-01');
    await act(async () => {
      fireEvent.click(button('查询'));
    });
    expect(field('to').querySelector('[role="alert"]')?.textContent).toBe('结束日期不能早于开始日期');
    expect(requests.filter((r) => r.key.startsWith('GET /api/v1/audit'))).toHaveLength(1);
  });

  it('pages by cursor: 下一页 asks before=next, 上一页 goes back; an entry opens to before → after', async () => {
    answer('GET /api/v1/audit?limit=20', 200, { entries: [entry(40), entry(39)], next: 39 });
    answer('GET /api/v1/audit?before=39&limit=20', 200, { entries: [entry(38)], next: null });
    answer('GET /api/v1/audit?limit=20', 200, { entries: [entry(40), entry(39)], next: 39 });
    render(<AuditView client={client()} />);
    await waitFor(() => expect(document.querySelector('[data-entry="40"]')).toBeTruthy());
    await act(async () => {
      fireEvent.click(button('下一页'));
    });
    await waitFor(() => expect(document.querySelector('[data-entry="38"]')).toBeTruthy());
    expect(document.querySelector('[data-entry="40"]')).toBeNull();
    expect(requests.map((r) => r.key)).toContain('GET /api/v1/audit?before=39&limit=20');
    expect(button('下一页').hasAttribute('disabled')).toBe(true);

    const row = document.querySelector('[data-entry="38"] [role="row"]') as HTMLElement;
    await act(async () => {
      fireEvent.click(row);
    });
    const change = document.querySelector('[data-entry="38"]')?.textContent ?? '';
    expect(change).toContain('legalRepresentative：— → 王**');

    await act(async () => {
      fireEvent.click(button('上一页'));
    });
    await waitFor(() => expect(document.querySelector('[data-entry="40"]')).toBeTruthy());
  });

  it('校验审计链 shows its answer', async () => {
    answer('GET /api/v1/audit?limit=20', 200, { entries: [], next: null });
    answer('GET /api/v1/audit/verify', 200, {
      intact: true,
      entries: 12,
      first: null,
      last: null,
      broken: null,
      message: '审计日志完整：12 条记录',
    });
    render(<AuditView client={client()} />);
    await act(async () => {
      fireEvent.click(button('校验审计链'));
    });
    expect((await screen.findByTestId('verification')).textContent).toBe('审计日志完整：12 条记录');
  });
});
