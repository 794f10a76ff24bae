import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memoryTokens, type MonthlyFiguresList, type MonthlyFiguresRecord } from '@huiqi/shared';
import { type DownloadedFile } from '../src/subpackages/staff/pools/download';
import { StatisticsBoard } from '../src/subpackages/staff/statistics/board';
import { useScriptedApi } from './support/scripted-api';

// 运行监测 against a real HTTP server on a loopback port: the counties × months table, a month's
// form sent in exact fen with the version read, the province's averages in basis points, a download.

const { requests, answer, answerRaw, client } = useScriptedApi();
afterEach(cleanup);

const TODAY = '2026-06-15';
const WAIT = { timeout: 5000 };
const tokens = () => memoryTokens({ accessToken: 'a', refreshToken: 'r' });

const record = (month: number, overrides: Partial<MonthlyFiguresRecord> = {}): MonthlyFiguresRecord => ({
  county: 'linqing',
  year: 2026,
  month,
  onlineRetailFen: 1_234_567_891,
  onlineRetailPriorYearFen: 1_000_000_000,
  physicalGoodsOnlineRetailFen: 900_000_000,
  totalRetailSalesFen: 3_000_000_000,
  newOnlineShops: 12,
  relocatedShops: 2,
  relocatedShopsStatisticalRetailFen: 500_000,
  version: 2,
  updatedAt: '2026-06-01T02:00:00.000Z',
  ...overrides,
});

const listOf = (overrides: Partial<MonthlyFiguresList> = {}): MonthlyFiguresList => ({
  year: 2026,
  counties: ['linqing'],
  records: [record(3)],
  provinceAverages: { year: 2026, onlineRetailGrowthBp: 1500, physicalGoodsOnlineShareBp: 2550 },
  canSetAverages: false,
  registeredRelocatedShops: [{ county: 'linqing', month: 3, count: 5 }],
  ...overrides,
});

const inputOf = (selector: string) =>
  waitFor(() => {
    const box = document.querySelector(`${selector} input`);
    if (!box) throw new Error(`no input in ${selector} yet`);
    return box;
  }, WAIT);

describe('运行监测', () => {
  it('shows the county’s months in 万元 and offers only the months up to today’s', async () => {
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf());
    render(<StatisticsBoard client={client()} tokens={tokens()} today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-county') === 'linqing', undefined, WAIT);
    const cell = (m: number) => row.querySelector(`[data-month="${m}"]`);
    expect(cell(3)?.textContent).toBe('1234.567891');
    expect(cell(3)?.getAttribute('data-filled')).toBe('true');
    expect(cell(4)?.textContent).toBe('填报');
    expect(cell(7)?.textContent).toBe('—');
    // A county reviewer reads the province's averages; no form.
    expect(document.body.textContent).toContain('网络零售额平均增幅 15.00%');
    expect(document.querySelector('[data-action="save-averages"]')).toBeNull();
  });

  it('revises a month: its figures prefilled, sent in exact fen with the version it was read at', async () => {
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf());
    answer('PUT /api/v1/statistics/figures/linqing/2026/3', 200, record(3, { newOnlineShops: 13, version: 3 }));
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf({ records: [record(3, { version: 3 })] }));
    render(<StatisticsBoard client={client()} tokens={tokens()} today={TODAY} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-county') === 'linqing', undefined, WAIT);
    await act(async () => void fireEvent.click(row.querySelector('[data-month="3"]') as Element));
    const retail = await inputOf('[data-field="onlineRetailFen"]');
    expect((retail as HTMLInputElement).value).toBe('1234.567891');
    // 五's register beside the typed figure: 5 verified this month, one tap to take it (2 was typed).
    expect(document.querySelector('[data-registered="5"]')?.textContent).toContain('本月已核实 5 家');
    await act(async () => void fireEvent.click(screen.getByText('采用登记数')));
    await waitFor(() => expect(screen.queryByText('采用登记数')).toBeNull(), WAIT);
    // A bad value is named beside its field and nothing is sent.
    await act(async () => void fireEvent.input(retail, { target: { value: '1.1234567' } }));
    await act(async () => void fireEvent.click(screen.getByText('保存')));
    expect(await screen.findByText(/最多6位小数/, undefined, WAIT)).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('PUT'))).toBe(false);
    await act(async () => void fireEvent.input(retail, { target: { value: '0.000001' } }));
    await act(
      async () => void fireEvent.input(await inputOf('[data-field="newOnlineShops"]'), { target: { value: '13' } }),
    );
    await act(async () => void fireEvent.click(screen.getByText('保存')));
    expect(await screen.findByText('已保存临清市2026年3月的数据', undefined, WAIT)).toBeTruthy();
    // The table is read again (and the answer awaited, so it does not reach the next test's server).
    await waitFor(() => expect(requests.filter((r) => r.key.startsWith('GET')).length).toBe(2), WAIT);
    const sent = requests.find((r) => r.key === 'PUT /api/v1/statistics/figures/linqing/2026/3');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      onlineRetailFen: 1,
      onlineRetailPriorYearFen: 1_000_000_000,
      physicalGoodsOnlineRetailFen: 900_000_000,
      totalRetailSalesFen: 3_000_000_000,
      newOnlineShops: 13,
      relocatedShops: 5,
      relocatedShopsStatisticalRetailFen: 500_000,
      expectedVersion: 2,
    });
  });

  it('the city sets the province’s averages as percentages, sent in basis points', async () => {
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf({ canSetAverages: true, provinceAverages: null }));
    answer('PUT /api/v1/statistics/averages/2026', 200, {
      year: 2026,
      onlineRetailGrowthBp: -50,
      physicalGoodsOnlineShareBp: 2500,
    });
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf({ canSetAverages: true }));
    render(<StatisticsBoard client={client()} tokens={tokens()} today={TODAY} />);
    await screen.findByText('保存全省平均', undefined, WAIT);
    await act(
      async () =>
        void fireEvent.input(await inputOf('[data-field="onlineRetailGrowthBp"]'), { target: { value: '-0.5' } }),
    );
    await act(
      async () =>
        void fireEvent.input(await inputOf('[data-field="physicalGoodsOnlineShareBp"]'), { target: { value: '25' } }),
    );
    await act(async () => void fireEvent.click(screen.getByText('保存全省平均')));
    expect(await screen.findByText('已设置2026年的全省平均', undefined, WAIT)).toBeTruthy();
    await waitFor(() => expect(requests.filter((r) => r.key.startsWith('GET')).length).toBe(2), WAIT);
    const sent = requests.find((r) => r.key === 'PUT /api/v1/statistics/averages/2026');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ onlineRetailGrowthBp: -50, physicalGoodsOnlineShareBp: 2500 });
  });

  it('下载导入模板 saves the bytes the API sent under its name', async () => {
    answer('GET /api/v1/statistics/figures?year=2026', 200, listOf());
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x01, 0x02]);
    const name = '运行监测逐月数据导入模板.xlsx';
    answerRaw(
      'GET /api/v1/statistics/template',
      200,
      {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="_.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      },
      bytes,
    );
    const saved: DownloadedFile[] = [];
    const save = jest.fn((file: DownloadedFile) => void saved.push(file));
    render(<StatisticsBoard client={client()} tokens={tokens()} today={TODAY} save={save} />);
    await act(async () => void fireEvent.click(await screen.findByText('下载导入模板', undefined, WAIT)));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1), WAIT);
    expect(saved[0]?.name).toBe(name);
    expect(Buffer.from(saved[0]?.bytes ?? []).equals(bytes)).toBe(true);
  });
});
