import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type CommendationPublication, type CommendationsDraft } from '@huiqi/shared';
import { CommendationsBoard, commendationYears } from '../src/subpackages/staff/commendations/board';
import { observationProblems } from '../src/subpackages/staff/targets/board';
import { useScriptedApi } from './support/scripted-api';

// ECharts needs a canvas jsdom has not: the chart is a stub here (its options are tested in charts.spec.ts).
jest.mock('../src/charts/chart', () => ({
  Chart: ({ label }: { label: string }) => <div data-chart={label} />,
}));

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);
const WAIT = { timeout: 5000 };

const draft: CommendationsDraft = {
  inputs: {
    year: 2023,
    province: { onlineRetailGrowthBp: 1000, physicalGoodsOnlineShareBp: 3000 },
    counties: [],
    months: [{ county: 'linqing', name: '临清市', months: [1, 2, 3, 4, 5] }],
    throughMonth: 6,
    complete: false,
    coverage: '截至2023年6月（临清市仅有1月、2月、3月、4月、5月数据）',
  },
  result: {
    year: 2023,
    edition: { id: 'demo-2023', title: '2023年度政策（演示）', validFrom: '2023-01-01', validTo: '2023-12-31' },
    lists: {
      'retail-growth': [
        { county: 'dongchangfu', name: '东昌府区', rank: 1, value: 5000 },
        { county: 'chiping', name: '茌平区', rank: 2, value: 3000 },
        { county: 'yanggu', name: '阳谷县', rank: 2, value: 3000 },
      ],
      'online-share': [],
      'new-shops': [{ county: 'dongchangfu', name: '东昌府区', rank: 1, value: 501 }],
      'relocated-shops': [],
    },
    criteria: {
      'retail-growth': {
        measure: 1,
        clauses: ['对当年网络零售额增幅高于全省平均增幅'],
        explanation: '增幅高于全省平均',
      },
      'online-share': { measure: 1, clauses: ['c'], explanation: '比重超过全省平均' },
      'new-shops': { measure: 4, clauses: ['c'], explanation: '新增超过500家' },
      'relocated-shops': { measure: 5, clauses: ['c'], explanation: '前三名' },
    },
  },
};

const publication: CommendationPublication = {
  ...draft,
  year: 2023,
  version: 1,
  publishedAt: '2026-06-15T02:00:00.000Z',
  versions: [{ version: 1, publishedAt: '2026-06-15T02:00:00.000Z', coverage: draft.inputs.coverage }],
};

describe('通报表扬 in the workbench', () => {
  it('offers the measures’ years up to today', () => {
    expect(commendationYears('2026-06-15')).toEqual([2026, 2025, 2024, 2023]);
    expect(commendationYears('2023-03-01')).toEqual([2023]);
  });

  it('a city reviewer computes, reviews with ranks and coverage, and publishes after confirming', async () => {
    answer('GET /api/v1/commendations/publications', 200, { years: [] });
    answer('GET /api/v1/commendations/draft?year=2023', 200, draft);
    answer('POST /api/v1/commendations/publications', 201, publication);
    render(<CommendationsBoard client={client()} role="city-reviewer" today="2026-06-15" />);
    await screen.findByText('2023年度尚未发布通报表扬名单', undefined, WAIT);
    expect(screen.queryByText('发布名单')).toBeNull();
    fireEvent.click(screen.getByText('计算名单'));
    await screen.findByText('计算结果（尚未发布）', undefined, WAIT);
    expect(screen.getByText(/数据范围：截至2023年6月/)).toBeTruthy();
    const growth = document.querySelector('[data-list="retail-growth"]') as HTMLElement;
    expect(within(growth).getAllByText('第2名')).toHaveLength(2);
    expect(within(growth).getByText('阳谷县')).toBeTruthy();
    expect(within(growth).getByText('50%')).toBeTruthy();
    const share = document.querySelector('[data-list="online-share"]') as HTMLElement;
    expect(within(share).getByText('没有符合条件的县（市、区）')).toBeTruthy();

    fireEvent.click(screen.getByText('发布名单'));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(within(dialog).getByText(/发布为第1版/)).toBeTruthy();
    fireEvent.click(within(dialog).getByText('发布'));
    await screen.findByText('已发布2023年度通报表扬名单（第1版）', undefined, WAIT);
    const post = requests.find((r) => r.key === 'POST /api/v1/commendations/publications');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({ year: 2023 });
  });

  it('the administrator computes but has no publish button; a refusal is shown in the API’s words', async () => {
    answer('GET /api/v1/commendations/publications', 200, {
      years: [{ year: 2023, version: 1, publishedAt: publication.publishedAt, coverage: '' }],
    });
    answer('GET /api/v1/commendations/publications/2023', 200, publication);
    answer('GET /api/v1/commendations/draft?year=2023', 409, {
      code: 'CONFLICT',
      message: '2023年度的全省平均数据尚未录入，无法计算通报表扬名单',
      details: [{ field: 'year', message: '请先录入' }],
      requestId: 'r',
    });
    render(<CommendationsBoard client={client()} role="admin" today="2026-06-15" />);
    await screen.findByText(/已发布第1版/, undefined, WAIT);
    // The published lists are shown until something is computed.
    expect(screen.getByText('已发布的名单（第1版）')).toBeTruthy();
    fireEvent.click(screen.getByText('计算名单'));
    await screen.findByText('2023年度的全省平均数据尚未录入，无法计算通报表扬名单', undefined, WAIT);
    await waitFor(() => expect(screen.queryByText('发布名单')).toBeNull());
  });
});

describe('目标看板 observation form', () => {
  it('names each field that is wrong before sending', () => {
    expect(
      observationProblems({ indicator: 'online-shops', observedOn: '2023/6/30', value: '-3', source: ' ' }),
    ).toEqual({
      observedOn: '请按YYYY-MM-DD填写观测日期，例如2023-06-30',
      value: '请填写不小于0的整数',
      source: '请填写数据来源，例如 市统计局2023年6月通报',
    });
    expect(
      observationProblems({ indicator: 'online-shops', observedOn: '2023-06-30', value: '100000', source: '统计局' }),
    ).toEqual({});
  });
});
