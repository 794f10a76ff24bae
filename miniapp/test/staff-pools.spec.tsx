import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { memoryTokens, type ReviewQueueItem, type RoundPoolView, type RoundView } from '@huiqi/shared';
import { type DownloadedFile } from '../src/subpackages/staff/pools/download';
import { PoolsBoard } from '../src/subpackages/staff/pools/board';
import {
  fileNameOf,
  paymentErrors,
  poolBar,
  poolFigures,
  roundRequestOf,
  widthOf,
  yearChoices,
} from '../src/workbench/pools';
import { useScriptedApi } from './support/scripted-api';

// 资金池与批次 against a real HTTP server on a loopback port: the pool's figures and bar, the
// export's download, finance's payments, the city's pro-rata sharing; and the page's pure functions.

const { requests, answer, answerRaw, client } = useScriptedApi();
afterEach(cleanup);

const TODAY = '2026-07-15';
// The first render of a board (Taro's components in jsdom) takes about a second.
const WAIT = { timeout: 5000 };

const pool = (overrides: Partial<RoundPoolView> = {}): RoundPoolView => ({
  poolId: 'pool-leading',
  title: '龙头企业奖补资金',
  clause: '全市补贴总额不超过200万元',
  capFen: 150_000_000,
  sharing: 'order',
  sharingLabel: '按核定先后',
  reservedFen: 30_000_012,
  committedFen: 45_000_000,
  paidFen: 12_345_678,
  availableFen: 74_999_988,
  allocatedAt: null,
  ...overrides,
});

const round = (pools: RoundPoolView[]): RoundView => ({
  id: 5,
  claimYear: 2026,
  editionId: 'demo-2026',
  title: '2026年度电商政策资金第一批申报',
  opens: '2026-06-01',
  closes: '2026-07-31',
  open: true,
  programs: [{ programId: 'leading-enterprise', title: '电商龙头企业流量补贴', measure: 2 }],
  pools,
  createdAt: '2026-05-20T02:00:00.000Z',
});

const queueItem = (overrides: Partial<ReviewQueueItem> = {}): ReviewQueueItem => ({
  applicationId: 31,
  firmName: '聊城市某电商有限公司',
  county: 'linqing',
  countyName: '临清市',
  programId: 'leading-enterprise',
  programTitle: '电商龙头企业流量补贴',
  measure: 2,
  claimYear: 2026,
  roundId: 5,
  status: 'approved',
  statusLabel: '待拨付',
  stage: {
    status: 'approved',
    label: '资金拨付',
    unit: '市财政局',
    since: '2026-07-01T02:00:00.000Z',
    due: '2026-07-20',
    overdue: false,
  },
  maxAmountFen: 40_000_000,
  awardFen: 35_000_050,
  submittedAt: '2026-06-10T02:00:00.000Z',
  awaitingSecondApproval: false,
  openObjections: 0,
  ...overrides,
});

const tokens = () => memoryTokens({ accessToken: 'a', refreshToken: 'r' });

/** The pool's card, once the rounds arrived. */
const poolCard = () => screen.findByText((_, el) => el?.getAttribute('data-pool') === 'pool-leading', undefined, WAIT);

const confirm = async (text: string) => {
  await act(async () => void fireEvent.click(await screen.findByText(text, undefined, WAIT)));
};

describe('the pools page: pure functions', () => {
  it('bar widths are integer basis points adding up to 10000, never negative, even over-committed', () => {
    const cases = [
      { capFen: 150_000_000, reservedFen: 30_000_012, committedFen: 45_000_000 },
      { capFen: 3, reservedFen: 1, committedFen: 1 },
      { capFen: 0, reservedFen: 0, committedFen: 0 },
      { capFen: 100, reservedFen: 80, committedFen: 70 },
      { capFen: 100, reservedFen: -5, committedFen: 120 },
      { capFen: 999_999_999_999_999, reservedFen: 1, committedFen: 333_333_333_333_333 },
      { capFen: 7, reservedFen: 0, committedFen: 0 },
    ];
    for (const c of cases) {
      const bar = poolBar(c);
      expect(bar.map((s) => s.kind)).toEqual(['committed', 'reserved', 'left']);
      expect(bar.reduce((sum, s) => sum + s.bp, 0)).toBe(10_000);
      for (const s of bar) {
        expect(Number.isInteger(s.bp)).toBe(true);
        expect(s.bp).toBeGreaterThanOrEqual(0);
        expect(s.fen).toBeGreaterThanOrEqual(0);
      }
    }
    // 45万 committed, 30万0.12 reserved, 74万9999.88 left of 150万.
    expect(poolBar(cases[0] as (typeof cases)[0]).map((s) => s.bp)).toEqual([3000, 2000, 5000]);
    expect(poolBar({ capFen: 3, reservedFen: 1, committedFen: 1 }).map((s) => s.bp)).toEqual([3334, 3333, 3333]);
    // Over-committed: the bar is what the pool holds, nothing is left.
    expect(poolBar({ capFen: 100, reservedFen: 80, committedFen: 70 }).map((s) => [s.kind, s.bp, s.fen])).toEqual([
      ['committed', 4667, 70],
      ['reserved', 5333, 80],
      ['left', 0, 0],
    ]);
    expect(poolBar({ capFen: 0, reservedFen: 0, committedFen: 0 }).map((s) => s.bp)).toEqual([0, 0, 10_000]);
    expect(poolBar({ capFen: 100, reservedFen: -5, committedFen: 120 }).map((s) => s.bp)).toEqual([10_000, 0, 0]);
  });

  it('widths, figures, years, payments, file names and the round form', () => {
    expect([widthOf(10_000), widthOf(2500), widthOf(3333), widthOf(5), widthOf(0)]).toEqual([
      '100%',
      '25%',
      '33.33%',
      '0.05%',
      '0%',
    ]);
    expect(poolFigures(pool())).toEqual({
      cap: '150万元',
      reserved: '300,000.12元',
      committed: '45万元',
      paid: '123,456.78元',
      left: '749,999.88元',
      over: null,
    });
    expect(poolFigures({ capFen: 100, reservedFen: 80, committedFen: 70, paidFen: 0 })).toMatchObject({
      left: '0元',
      over: '0.5元',
    });
    expect(yearChoices(2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(paymentErrors({ voucherNo: ' ', paidOn: '2026-07-16' }, TODAY)).toEqual({
      voucherNo: '请填写拨付凭证号',
      paidOn: '拨付日期不能晚于今天',
    });
    expect(paymentErrors({ voucherNo: 'CZ-1', paidOn: TODAY }, TODAY)).toEqual({});
    expect(paymentErrors({ voucherNo: 'CZ-1', paidOn: '' }, TODAY)).toEqual({ paidOn: '请选择拨付日期' });
    expect(
      fileNameOf(`attachment; filename="_.csv"; filename*=UTF-8''${encodeURIComponent('第一批-奖补清单.csv')}`, 'x'),
    ).toBe('第一批-奖补清单.csv');
    expect(fileNameOf('attachment; filename="list.csv"', 'x')).toBe('list.csv');
    expect(fileNameOf(null, '奖补清单.xlsx')).toBe('奖补清单.xlsx');
    const draft = {
      title: '第二批',
      claimYear: '2026',
      opens: '2026-08-01',
      closes: '2026-07-01',
      programs: ['leading-enterprise' as const],
      pools: [{ poolId: 'pool-leading', capYuan: '1,500,000.5', sharing: 'pro-rata' as const }],
    };
    expect(roundRequestOf(draft)).toEqual({ ok: false, errors: { closes: '截止日期不能早于开始日期' } });
    expect(roundRequestOf({ ...draft, closes: '2026-08-31' })).toEqual({
      ok: true,
      body: {
        claimYear: 2026,
        title: '第二批',
        opens: '2026-08-01',
        closes: '2026-08-31',
        programs: ['leading-enterprise'],
        pools: [{ poolId: 'pool-leading', capFen: 150_000_050, sharing: 'pro-rata' }],
      },
    });
    expect(
      roundRequestOf({
        ...draft,
        closes: '2026-08-31',
        pools: [{ poolId: 'pool-leading', capYuan: '', sharing: 'order' }],
      }),
    ).toEqual({
      ok: false,
      errors: { 'pools[0].capFen': '请填写本批次额度（元）' },
    });
  });
});

describe('资金池与批次', () => {
  it('shows each pool in exact yuan from fen, with its sharing rule, window and a bar of integer widths', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([pool()])] });
    render(<PoolsBoard client={client()} tokens={tokens()} role="admin" today={TODAY} />);
    const card = await poolCard();
    const figure = (name: string) => card.querySelector(`[data-figure="${name}"]`)?.textContent;
    expect(figure('cap')).toBe('本批次额度150万元');
    expect(figure('reserved')).toBe('已预留300,000.12元');
    expect(figure('committed')).toBe('已确认45万元');
    expect(figure('paid')).toBe('其中已拨付123,456.78元');
    expect(figure('left')).toBe('剩余749,999.88元');
    expect(card.textContent).toContain('分配方式：按核定先后');
    const segment = (kind: string) => card.querySelector<HTMLElement>(`[data-segment="${kind}"]`);
    expect([segment('committed')?.style.width, segment('reserved')?.style.width, segment('left')?.style.width]).toEqual(
      ['30%', '20%', '50%'],
    );
    // Words and numbers, not colour alone.
    expect(card.querySelector('[data-legend="reserved"]')?.textContent).toBe('已预留 300,000.12元（20%）');
    const page = document.body.textContent ?? '';
    expect(page).toContain('申报时间：2026年6月1日 至 2026年7月31日');
    expect(page).toContain('申报中');
    expect(page).toContain('第2条 电商龙头企业流量补贴');
    // Not finance: no payments; not the city: no sharing out.
    expect(screen.queryByText('按比例分配')).toBeNull();
    expect(document.querySelector('[data-payments]')).toBeNull();
  });

  it('pages the ledger from the API', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([pool()])] });
    const entry = (id: number) => ({
      id,
      at: '2026-07-01T02:00:00.000Z',
      applicationId: 30 + id,
      kind: 'reserve',
      amountFen: 100 * id,
      reservedFen: 100 * id,
      committedFen: 0,
    });
    const ledger = (page: number, ids: number[]) => ({
      roundId: 5,
      pool: pool(),
      awards: [],
      entries: ids.map(entry),
      page,
      awardsPage: 1,
      pageSize: 20,
      entriesTotal: 21,
      awardsTotal: 0,
    });
    answer('GET /api/v1/rounds/5/pools/pool-leading/ledger?page=1', 200, ledger(1, [1, 2]));
    answer('GET /api/v1/rounds/5/pools/pool-leading/ledger?page=2', 200, ledger(2, [21]));
    render(<PoolsBoard client={client()} tokens={tokens()} role="finance" today={TODAY} />);
    await poolCard();
    await act(async () => void fireEvent.click(await screen.findByText('查看台账', undefined, WAIT)));
    expect(await screen.findByText('第 1 / 2 页，共 21 条', undefined, WAIT)).toBeTruthy();
    expect(document.querySelector('[data-entry="2"]')?.textContent).toContain('2元');
    await act(async () => void fireEvent.click(screen.getAllByText('下一页')[0] as HTMLElement));
    await waitFor(() => expect(document.querySelector('[data-entry="21"]')).not.toBeNull(), WAIT);
    expect(document.querySelector('[data-entry="1"]')).toBeNull();
  });

  it('导出 Excel downloads the bytes the API sent under the name it gave', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([pool()])] });
    answer('GET /api/v1/review/queue?stage=approved&roundId=5&page=1', 200, {
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80, 0x0a, 0xe4, 0xb8, 0xad]);
    const name = '2026年度电商政策资金第一批申报-龙头企业奖补资金-奖补清单.xlsx';
    answerRaw(
      'GET /api/v1/rounds/5/pools/pool-leading/export?format=xlsx',
      200,
      {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="_.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
      bytes,
    );
    const saved: DownloadedFile[] = [];
    const save = jest.fn((file: DownloadedFile) => void saved.push(file));
    render(<PoolsBoard client={client()} tokens={tokens()} role="finance" today={TODAY} save={save} />);
    await poolCard();
    await act(async () => void fireEvent.click(await screen.findByText('导出 Excel', undefined, WAIT)));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]?.name).toBe(name);
    expect(saved[0]?.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(saved[0]?.bytes ?? []).equals(bytes)).toBe(true);
    expect(await screen.findByText(`已导出：${name}`, undefined, WAIT)).toBeTruthy();
  });

  it('an export the API refuses shows its words and downloads nothing', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([pool()])] });
    answer('GET /api/v1/rounds/5/pools/pool-leading/export?format=csv', 404, {
      code: 'NOT_FOUND',
      message: '资金池不存在',
      details: [],
      requestId: 'r',
    });
    const save = jest.fn();
    render(<PoolsBoard client={client()} tokens={tokens()} role="admin" today={TODAY} save={save} />);
    await poolCard();
    await act(async () => void fireEvent.click(await screen.findByText('导出 CSV', undefined, WAIT)));
    expect(await screen.findByText('资金池不存在', undefined, WAIT)).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });

  it('finance marks a payment: confirmed, voucherNo and paidOn sent, the refusal shown on the row', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([pool()])] });
    answer('GET /api/v1/review/queue?stage=approved&roundId=5&page=1', 200, {
      items: [queueItem()],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    answer('POST /api/v1/applications/31/payment', 409, {
      code: 'INVALID_TRANSITION',
      message: '申报当前为“已拨付”，不能登记拨付',
      details: [],
      requestId: 'r',
    });
    render(<PoolsBoard client={client()} tokens={tokens()} role="finance" today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-payment') === '31', undefined, WAIT);
    expect(row.textContent).toContain('350,000.5元');
    // Without a voucher number nothing is sent.
    await act(async () => void fireEvent.click(within(row).getByText('拨付')));
    expect(await screen.findByText('请填写拨付凭证号', undefined, WAIT)).toBeTruthy();
    const input = await waitFor(() => {
      const box = row.querySelector('[data-field="voucherNo"] input');
      if (!box) throw new Error('no input yet');
      return box;
    });
    await act(async () => void fireEvent.input(input, { target: { value: 'CZ-2026-0715' } }));
    await act(async () => void fireEvent.click(within(row).getByText('拨付')));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(dialog.textContent).toContain(
      '登记“聊城市某电商有限公司”的“电商龙头企业流量补贴”奖补 350,000.5元 已于 2026-07-15 拨付',
    );
    await confirm('确定拨付');
    expect(await screen.findByText('申报当前为“已拨付”，不能登记拨付', undefined, WAIT)).toBeTruthy();
    const sent = requests.filter((r) => r.key === 'POST /api/v1/applications/31/payment');
    expect(sent.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ voucherNo: 'CZ-2026-0715', paidOn: TODAY }]);
  });

  it('the city shares a pro-rata pool out after a confirmation that says what it does', async () => {
    const proRata = pool({ sharing: 'pro-rata', sharingLabel: '按比例分配' });
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [round([proRata])] });
    answer('POST /api/v1/rounds/5/pools/pool-leading/allocate', 200, {
      roundId: 5,
      pool: proRata,
      requestedFen: 70_000_000,
      allocatedFen: 49_999_999,
      ratioBp: 7142,
      shares: [{ applicationId: 1, requestedFen: 70_000_000, amountFen: 49_999_999 }],
    });
    answer('GET /api/v1/rounds?year=2026', 200, {
      rounds: [round([{ ...proRata, allocatedAt: '2026-07-15T02:00:00.000Z' }])],
    });
    render(<PoolsBoard client={client()} tokens={tokens()} role="city-reviewer" today={TODAY} />);
    await poolCard();
    await act(async () => void fireEvent.click(await screen.findByText('按比例分配', undefined, WAIT)));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(dialog.textContent).toContain('按同一比例核减');
    expect(dialog.textContent).toContain('剩余额度 749,999.88元');
    await confirm('确定分配');
    expect(
      await screen.findByText('已分配：申请 70万元，分配 499,999.99元，比例 71.42%，共 1 项', undefined, WAIT),
    ).toBeTruthy();
    await waitFor(() => expect(document.body.textContent).toContain('已于2026年7月15日 10:00分配'));
    expect(requests.filter((r) => r.key.startsWith('POST')).map((r) => r.key)).toEqual([
      'POST /api/v1/rounds/5/pools/pool-leading/allocate',
    ]);
  });

  it('新建批次 shows the API field errors beside each field', async () => {
    answer('GET /api/v1/rounds?year=2026', 200, { rounds: [] });
    answer('GET /api/v1/programs?year=2026', 200, {
      edition: { id: 'demo-2026', title: '2026年度政策', claimYear: 2026 },
      programs: [
        {
          programId: 'leading-enterprise',
          measure: 2,
          title: '电商龙头企业流量补贴',
          poolId: 'pool-leading',
          pool: { title: '龙头企业奖补资金', capFen: 200_000_000, clause: '' },
        },
      ],
    });
    answer('POST /api/v1/rounds', 400, {
      code: 'INVALID_REQUEST',
      message: '请求参数有误',
      details: [{ field: 'pools[0].capFen', message: '本批次额度超过政策总额剩余的200万元' }],
      requestId: 'r',
    });
    render(<PoolsBoard client={client()} tokens={tokens()} role="city-reviewer" today={TODAY} />);
    expect(await screen.findByText('2026年度还没有申报批次', undefined, WAIT)).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('新建批次')));
    const amount = await waitFor(() => {
      const box = document.querySelector('[data-field="pools[0]"] input');
      if (!box) throw new Error('no input yet');
      return box;
    });
    await act(async () => void fireEvent.input(amount, { target: { value: '3000000' } }));
    await act(async () => void fireEvent.click(screen.getByText('按比例分配')));
    await act(async () => void fireEvent.click(screen.getByText('发布批次')));
    expect((await screen.findByRole('dialog', undefined, WAIT)).textContent).toContain(
      '龙头企业奖补资金：300万元，按比例分配',
    );
    await confirm('确定发布');
    const field = document.querySelector('[data-field="pools[0]"]');
    await waitFor(() => expect(field?.textContent).toContain('本批次额度超过政策总额剩余的200万元'));
    const sent = requests.find((r) => r.key === 'POST /api/v1/rounds');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      claimYear: 2026,
      title: '2026年度电商政策资金申报',
      opens: TODAY,
      closes: TODAY,
      programs: ['leading-enterprise'],
      pools: [{ poolId: 'pool-leading', capFen: 300_000_000, sharing: 'pro-rata' }],
    });
  });
});
