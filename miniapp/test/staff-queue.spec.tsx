import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type ReviewQueue, type ReviewQueueItem } from '@huiqi/shared';
import { StaffLogin } from '../src/subpackages/staff/login/form';
import { ReviewQueueView } from '../src/subpackages/staff/queue/queue-view';
import { DEFAULT_FILTERS } from '../src/workbench/queue';
import { useScriptedApi } from './support/scripted-api';

// The workbench's sign-in and queue against a real HTTP server on a loopback port that answers
// what each test scripts: the API's Chinese refusals shown, the queue's rows, counts and working
// days, a filter changing the query, batch approval reporting each application's outcome.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

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

const click = async (text: string): Promise<void> => {
  await act(async () => void fireEvent.click(screen.getByText(text)));
};

describe('工作人员登录', () => {
  const renderLogin = (go: (url: string) => void = () => undefined) =>
    render(
      <StaffLogin
        client={client()}
        session={null}
        next="%2Fsubpackages%2Fstaff%2Fpools%2Findex"
        go={go}
        signOut={async () => undefined}
      />,
    );

  it('names the empty fields without asking the API', async () => {
    renderLogin();
    await click('登录');
    expect(screen.getByText('✕ 请输入用户名')).toBeTruthy();
    expect(screen.getByText('✕ 请输入密码')).toBeTruthy();
    expect(requests.filter((r) => r.key.startsWith('POST'))).toHaveLength(0);
  });

  it('shows the API’s Chinese refusal, and goes on to the page asked for once signed in', async () => {
    const went: string[] = [];
    renderLogin((url) => went.push(url));
    answer('POST /api/v1/auth/staff', 401, {
      code: 'UNAUTHENTICATED',
      message: '用户名或密码错误，再错 4 次将锁定 15 分钟',
      details: [],
      requestId: 'r1',
    });
    await typeInto('工作人员用户名', 'linqing');
    await typeInto('密码', 'wrong');
    await click('登录');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('用户名或密码错误，再错 4 次将锁定 15 分钟'),
    );
    expect(JSON.parse(requests.find((r) => r.key === 'POST /api/v1/auth/staff')?.body ?? '{}')).toEqual({
      username: 'linqing',
      password: 'wrong',
    });
    expect(went).toEqual([]);

    answer('POST /api/v1/auth/staff', 200, {
      accessToken: 'a2',
      refreshToken: 'r2',
      expiresIn: 900,
      user: { id: 7, role: 'county-reviewer', displayName: '临清市审核员', county: 'linqing' },
    });
    await typeInto('密码', 'right');
    await click('登录');
    await waitFor(() => expect(went).toEqual(['/subpackages/staff/pools/index']));
  });
});

const item = (id: number, overrides: Partial<ReviewQueueItem> = {}): ReviewQueueItem => ({
  applicationId: id,
  firmName: `聊城测试电商${id}号有限公司`,
  county: 'linqing',
  countyName: '临清市',
  programId: 'talent-hiring',
  programTitle: '电商人才引进奖励',
  measure: 9,
  claimYear: 2026,
  roundId: null,
  status: 'submitted',
  statusLabel: '待县级初审',
  stage: {
    status: 'submitted',
    label: '县级初审',
    unit: '县（市、区）商务主管部门',
    since: '2026-06-15T02:00:00.000Z',
    due: '2026-06-30',
    overdue: false,
  },
  maxAmountFen: 10_000_000,
  awardFen: null,
  submittedAt: '2026-06-15T02:00:00.000Z',
  awaitingSecondApproval: false,
  openObjections: 0,
  ...overrides,
});

const queueOf = (items: ReviewQueueItem[], counts: ReviewQueue['counts']): ReviewQueue => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  counts,
});

const FIRST = 'GET /api/v1/review/queue?sort=deadline&page=1';

describe('待办队列', () => {
  const renderQueue = (role: 'county-reviewer' | 'city-reviewer' = 'county-reviewer') => {
    const addresses: string[] = [];
    const opened: string[] = [];
    render(
      <ReviewQueueView
        client={client()}
        role={role}
        initial={DEFAULT_FILTERS}
        open={(url) => opened.push(url)}
        keepInAddress={(url) => addresses.push(url)}
        today="2026-06-22"
      />,
    );
    return { addresses, opened };
  };

  it('shows each row with its deadline in working days, the counts per stage, amounts in yuan', async () => {
    answer(
      FIRST,
      200,
      queueOf(
        [
          item(1, {
            stage: { ...item(1).stage, due: '2026-06-17', overdue: true },
            awaitingSecondApproval: true,
            openObjections: 1,
          }),
          item(2),
        ],
        [{ stage: 'submitted', label: '待县级初审', count: 2 }],
      ),
    );
    const { opened } = renderQueue();
    await waitFor(() => expect(screen.getByText('聊城测试电商1号有限公司')).toBeTruthy());
    const row = (id: number) => document.querySelector(`[data-id="${id}"]`)?.textContent ?? '';
    expect(row(1)).toContain('⚠ 逾期 2 个工作日');
    expect(row(1)).toContain('⧗ 待第二审批人');
    expect(row(1)).toContain('⚑ 有异议 1 件');
    expect(row(2)).toContain('◷ 剩 6 个工作日');
    expect(row(2)).toContain('10万元'); // 10,000,000 fen, formatFen
    expect(row(2)).toContain('未核定');
    expect(screen.getByRole('tablist').textContent).toContain('待县级初审 2');
    // A county reviewer has no county to choose.
    expect(screen.queryByText(/县（市、区）：/)).toBeNull();

    await act(async () => void fireEvent.click(document.querySelector('[data-id="2"]') as Element));
    expect(opened).toEqual(['/subpackages/staff/application/index?id=2']);
  });

  it('asks again when a filter changes, and keeps the filters in the address', async () => {
    answer(FIRST, 200, queueOf([item(1)], [{ stage: 'submitted', label: '待县级初审', count: 1 }]));
    const { addresses } = renderQueue();
    await waitFor(() => expect(screen.getByText('聊城测试电商1号有限公司')).toBeTruthy());

    answer(
      'GET /api/v1/review/queue?sort=deadline&page=1&overdue=true',
      200,
      queueOf([], [{ stage: 'submitted', label: '待县级初审', count: 0 }]),
    );
    await click('只看逾期');
    await waitFor(() => expect(screen.getByText('没有符合条件的待办申报')).toBeTruthy());
    expect(addresses.at(-1)).toBe('/subpackages/staff/queue/index?overdue=true');

    answer(
      'GET /api/v1/review/queue?sort=-deadline&page=1&overdue=true',
      200,
      queueOf([item(3)], [{ stage: 'submitted', label: '待县级初审', count: 1 }]),
    );
    await click('截止日期：最早在前 ↑');
    await waitFor(() => expect(screen.getByText('聊城测试电商3号有限公司')).toBeTruthy());
    expect(addresses.at(-1)).toBe('/subpackages/staff/queue/index?overdue=true&sort=-deadline');
    expect(requests.map((r) => r.key).filter((k) => k.startsWith('GET /api/v1/review/queue'))).toEqual([
      FIRST,
      'GET /api/v1/review/queue?sort=deadline&page=1&overdue=true',
      'GET /api/v1/review/queue?sort=-deadline&page=1&overdue=true',
    ]);
  });

  it('batch-approves the chosen rows after confirming, and shows each one’s outcome', async () => {
    const counts = [{ stage: 'submitted' as const, label: '待县级初审', count: 2 }];
    answer(FIRST, 200, queueOf([item(1), item(2)], counts));
    renderQueue();
    await waitFor(() => expect(screen.getByText('聊城测试电商1号有限公司')).toBeTruthy());

    // x ticks the selected row (j moves to the first, then the second).
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'j' });
    });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'x' });
    });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'j' });
    });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'x' });
    });
    await click('批量通过（2）');
    const dialog = await waitFor(() => screen.getByRole('dialog'));
    expect(dialog.textContent).toContain('将逐件审核通过以下 2 件申报');
    expect(dialog.textContent).toContain('聊城测试电商2号有限公司');

    answer('POST /api/v1/review/batch-approve', 200, {
      results: [
        { applicationId: 1, ok: true, status: 'city-review', error: null },
        {
          applicationId: 2,
          ok: false,
          status: null,
          error: { code: 'CONFLICT', message: '该申报已不在县级初审阶段，请刷新后查看' },
        },
      ],
      approved: 1,
      refused: 1,
    });
    answer(FIRST, 200, queueOf([item(2)], [{ stage: 'submitted', label: '待县级初审', count: 1 }]));
    await click('通过 2 件');
    const outcome = await waitFor(() => screen.getByRole('status'));
    expect(outcome.textContent).toContain('1 件通过，1 件未通过');
    expect(outcome.textContent).toContain('✓ 通过 聊城测试电商1号有限公司：已转入“待市级复审”');
    expect(outcome.textContent).toContain('✕ 未通过 聊城测试电商2号有限公司：该申报已不在县级初审阶段，请刷新后查看');
    expect(JSON.parse(requests.find((r) => r.key === 'POST /api/v1/review/batch-approve')?.body ?? '{}')).toEqual({
      applicationIds: [1, 2],
    });
    // Refreshed after: the approved one has left the queue.
    await waitFor(() => expect(screen.queryByText('聊城测试电商1号有限公司')).toBeNull());
  });
});
