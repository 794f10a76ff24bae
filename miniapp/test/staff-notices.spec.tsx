import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { calendarFromNotices, type ObjectionView, type ReviewQueueItem } from '@huiqi/shared';
import { NoticesBoard } from '../src/subpackages/staff/notices/board';
import {
  daysLeftText,
  openObjections,
  rulingConsequence,
  rulingReasonError,
  workingDaysLeft,
} from '../src/workbench/notices';
import { useScriptedApi } from './support/scripted-api';

// 公示与异议 against a real HTTP server on a loopback port: the notices in progress, their
// objections, a ruling sent with its outcome and reason; and the page's pure functions.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const WAIT = { timeout: 5000 };
const TODAY = '2026-07-15'; // a Wednesday

const item = (overrides: Partial<ReviewQueueItem> = {}): ReviewQueueItem => ({
  applicationId: 41,
  firmName: '聊城市某直播基地有限公司',
  county: 'linqing',
  countyName: '临清市',
  programId: 'livestream-base',
  programTitle: '直播电商基地奖励',
  measure: 6,
  claimYear: 2026,
  roundId: 5,
  status: 'notice',
  statusLabel: '公示中',
  stage: {
    status: 'notice',
    label: '公示',
    unit: '市商务投资促进局',
    since: '2026-07-10T02:00:00.000Z',
    due: '2026-07-17',
    overdue: false,
  },
  maxAmountFen: 50_000_000,
  awardFen: 20_000_001,
  submittedAt: '2026-06-10T02:00:00.000Z',
  awaitingSecondApproval: false,
  openObjections: 1,
  ...overrides,
});

const objection = (overrides: Partial<ObjectionView> = {}): ObjectionView => ({
  id: 7,
  applicationId: 41,
  status: 'open',
  statusLabel: '待处理',
  name: '张三',
  phone: '13800000000',
  reason: '该基地入驻主播数量不实',
  evidence: '现场仅有十余名主播，见附近商户证言',
  filedAt: '2026-07-13T02:00:00.000Z',
  ruling: null,
  ...overrides,
});

describe('the notices page: pure functions', () => {
  const weekendsOnly = calendarFromNotices([]);

  it('counts the working days left, today included when it is one', () => {
    expect(workingDaysLeft('2026-07-15', '2026-07-17', weekendsOnly)).toBe(3);
    expect(workingDaysLeft('2026-07-17', '2026-07-17', weekendsOnly)).toBe(1);
    expect(workingDaysLeft('2026-07-18', '2026-07-20', weekendsOnly)).toBe(1); // Saturday to Monday
    expect(workingDaysLeft('2026-07-21', '2026-07-20', weekendsOnly)).toBe(0);
    expect(daysLeftText('2026-07-15', '2026-07-17', weekendsOnly)).toBe('剩余 3 个工作日');
    expect(daysLeftText('2026-07-17', '2026-07-17', weekendsOnly)).toBe('今日截止');
    expect(daysLeftText('2026-07-18', '2026-07-17', weekendsOnly)).toBe('公示期已满');
  });

  it('says what a ruling does, wants a reason, and lists open objections first filed first', () => {
    expect(rulingConsequence('upheld')).toContain('退回市级复审');
    expect(rulingConsequence('upheld')).toContain('释放');
    expect(rulingConsequence('dismissed')).toContain('继续公示');
    expect(rulingReasonError('  ')).toBe('请填写处理理由');
    expect(rulingReasonError('x'.repeat(501))).toBe('处理理由不能超过500个字');
    expect(rulingReasonError('经核实属实')).toBeNull();
    const list = [
      objection({ id: 1, filedAt: '2026-07-14T00:00:00.000Z' }),
      objection({ id: 2, status: 'dismissed' }),
      objection({ id: 3, filedAt: '2026-07-12T00:00:00.000Z' }),
    ];
    expect(openObjections(list).map((o) => o.id)).toEqual([3, 1]);
  });
});

describe('公示与异议', () => {
  const notices = () =>
    answer('GET /api/v1/review/queue?stage=notice&page=1', 200, { items: [item()], total: 1, page: 1, pageSize: 20 });

  it('lists each notice with firm, program, amount, end date, working days left and open objections', async () => {
    notices();
    render(<NoticesBoard client={client()} today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-notice') === '41', undefined, WAIT);
    const text = row.textContent ?? '';
    expect(text).toContain('聊城市某直播基地有限公司');
    expect(text).toContain('直播电商基地奖励');
    expect(text).toContain('200,000.01元');
    expect(text).toContain('2026-07-17');
    expect(row.querySelector('[data-left="41"]')?.textContent).toBe('剩余 3 个工作日');
    expect(screen.getByText('第 1 / 1 页，共 1 条')).toBeTruthy();
  });

  it('expands to the objections; 成立 is confirmed with what follows and sends outcome and reason', async () => {
    notices();
    answer('GET /api/v1/applications/41/review', 200, {
      objections: [
        objection(),
        objection({
          id: 6,
          status: 'dismissed',
          statusLabel: '不成立',
          ruling: { reason: '查无实据', at: '2026-07-12T02:00:00.000Z' },
        }),
      ],
    });
    answer('POST /api/v1/objections/7/ruling', 409, {
      code: 'INVALID_TRANSITION',
      message: '该异议已处理，不能重复处理',
      details: [],
      requestId: 'r',
    });
    answer('POST /api/v1/objections/7/ruling', 200, objection({ status: 'upheld' }));
    notices();
    render(<NoticesBoard client={client()} today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-notice') === '41', undefined, WAIT);
    await act(async () => void fireEvent.click(within(row).getByText(/聊城市某直播基地有限公司/)));
    const card = await screen.findByText((_, el) => el?.getAttribute('data-objection') === '7', undefined, WAIT);
    expect(card.textContent).toContain('异议人：张三，电话 13800000000');
    expect(card.textContent).toContain('理由：该基地入驻主播数量不实');
    expect(card.textContent).toContain('依据：现场仅有十余名主播');
    expect(document.querySelector('[data-objection="6"]')?.textContent).toContain('处理理由：查无实据');

    // No reason: nothing sent.
    await act(async () => void fireEvent.click(within(card).getByText('成立')));
    expect(await within(card).findByText('请填写处理理由', undefined, WAIT)).toBeTruthy();
    const box = await waitFor(() => {
      const found = card.querySelector('textarea');
      if (!found) throw new Error('no textarea yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(box, { target: { value: '经现场核查，主播数量不实' } }));
    await act(async () => void fireEvent.click(within(card).getByText('成立')));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(dialog.textContent).toContain('退回市级复审');
    expect(dialog.textContent).toContain('预留的资金随即释放');
    await act(async () => void fireEvent.click(within(dialog).getByText('确定成立')));
    expect(await within(card).findByText('该异议已处理，不能重复处理', undefined, WAIT)).toBeTruthy();

    await act(async () => void fireEvent.click(within(card).getByText('成立')));
    await act(
      async () =>
        void fireEvent.click(within(await screen.findByRole('dialog', undefined, WAIT)).getByText('确定成立')),
    );
    expect(await screen.findByText('已认定异议成立：聊城市某直播基地有限公司', undefined, WAIT)).toBeTruthy();
    const sent = requests
      .filter((r) => r.key === 'POST /api/v1/objections/7/ruling')
      .map((r) => JSON.parse(r.body) as unknown);
    expect(sent).toEqual([
      { outcome: 'upheld', reason: '经现场核查，主播数量不实' },
      { outcome: 'upheld', reason: '经现场核查，主播数量不实' },
    ]);
    // The list is read again after the ruling.
    await waitFor(
      () => expect(requests.filter((r) => r.key === 'GET /api/v1/review/queue?stage=notice&page=1')).toHaveLength(2),
      WAIT,
    );
    await waitFor(() => expect(document.querySelector('[data-objection="7"]')).toBeNull(), WAIT);
  });

  it('不成立 says the notice goes on', async () => {
    notices();
    answer('GET /api/v1/applications/41/review', 200, { objections: [objection()] });
    render(<NoticesBoard client={client()} today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-notice') === '41', undefined, WAIT);
    await act(async () => void fireEvent.click(within(row).getByText(/聊城市某直播基地有限公司/)));
    const card = await screen.findByText((_, el) => el?.getAttribute('data-objection') === '7', undefined, WAIT);
    const box = await waitFor(() => {
      const found = card.querySelector('textarea');
      if (!found) throw new Error('no textarea yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(box, { target: { value: '查无实据' } }));
    await act(async () => void fireEvent.click(within(card).getByText('不成立')));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(dialog.textContent).toContain('申报继续公示');
    await act(async () => void fireEvent.click(within(dialog).getByText('取消')));
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
  });
});
