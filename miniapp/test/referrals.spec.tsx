import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { LOAN_CONSENT, memoryTokens, type ParkEvaluationWorkspace, type ReferralView } from '@huiqi/shared';
import { checkCrossBorderDraft, checkLoanDraft, EMPTY_CROSS_BORDER, EMPTY_LOAN } from '../src/finance/referrals';
import { ParksBoard } from '../src/subpackages/staff/parks/board';
import { type DownloadedFile } from '../src/subpackages/staff/pools/download';
import { ReferralsBoard } from '../src/subpackages/staff/referrals/board';
import { useScriptedApi } from './support/scripted-api';

// 融资与跨境's form checks (第十一条's range, the consent), and the workbench's 转介跟踪 and 园区评价
// against a real HTTP server on a loopback port.

const { requests, answer, answerRaw, client } = useScriptedApi();
afterEach(cleanup);
const WAIT = { timeout: 5000 };
const tokens = () => memoryTokens({ accessToken: 'a', refreshToken: 'r' });

describe('the referral forms, checked as the API checks them', () => {
  it('第十一条 单户贷款额度为10万元至1000万元: the amount in yuan, within the range; consent required', () => {
    expect(checkLoanDraft({ amountYuan: '99999.99', purpose: '备货', consent: true }).errors.amountYuan).toBe(
      '贷款金额须在10万元至1000万元之间（第十一条），现为99,999.99元',
    );
    expect(checkLoanDraft({ amountYuan: '1,000.123', purpose: '备货', consent: true }).errors.amountYuan).toMatch(
      /最多两位小数/,
    );
    expect(checkLoanDraft(EMPTY_LOAN).errors).toEqual({
      amountYuan: '请填写贷款金额（元）',
      purpose: '请填写贷款用途',
      consent: '须阅读并勾选同意后才能申请转介',
    });
    expect(checkLoanDraft({ amountYuan: '1,000,000元', purpose: ' 备货周转 ', consent: true }).request).toEqual({
      amountYuan: '1000000',
      purpose: '备货周转',
      consent: true,
      consentVersion: LOAN_CONSENT.version,
    });
  });

  it('第七条: the export mode chosen, the export amount in yuan (0 when none), markets and needs', () => {
    expect(Object.keys(checkCrossBorderDraft(EMPTY_CROSS_BORDER).errors).sort()).toEqual([
      'annualExportYuan',
      'exportMode',
      'markets',
      'needs',
    ]);
    expect(
      checkCrossBorderDraft({ exportMode: 'none', annualExportYuan: '0', markets: '东南亚', needs: '了解一类出口企业' })
        .request,
    ).toEqual({ exportMode: 'none', annualExportYuan: '0', markets: '东南亚', needs: '了解一类出口企业' });
  });
});

const referral = (overrides: Partial<ReferralView> = {}): ReferralView => ({
  id: 3,
  kind: 'loan',
  kindLabel: '齐鲁电商贷',
  orgId: 9,
  orgName: '聊城市某电商有限公司',
  county: 'linqing',
  countyName: '临清市',
  status: 'accepted',
  statusLabel: '已受理',
  amountFen: 50_000_000,
  purpose: '备货周转',
  consentVersion: LOAN_CONSENT.version,
  consentedAt: '2026-06-15T02:00:00.000Z',
  exportMode: null,
  exportModeLabel: null,
  annualExportFen: null,
  markets: null,
  needs: null,
  note: null,
  nextStatuses: ['referred', 'declined'],
  withdrawable: true,
  exportable: true,
  steps: [{ status: 'accepted', label: '已受理', at: '2026-06-15T02:00:00.000Z', note: null }],
  createdAt: '2026-06-15T02:00:00.000Z',
  updatedAt: '2026-06-15T02:00:00.000Z',
  ...overrides,
});

describe('转介跟踪', () => {
  it('moves a referral on with the note, and exports the data summary as the API sent it', async () => {
    answer('GET /api/v1/referrals?status=accepted', 200, { referrals: [referral()] });
    answer('POST /api/v1/referrals/3/status', 200, referral({ status: 'declined', statusLabel: '未获批' }));
    answer('GET /api/v1/referrals?status=accepted', 200, { referrals: [] });
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    answerRaw(
      'GET /api/v1/referrals/3/export',
      200,
      {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="_.xlsx"; filename*=UTF-8''${encodeURIComponent('摘要.xlsx')}`,
      },
      bytes,
    );
    const saved: DownloadedFile[] = [];
    const save = jest.fn((file: DownloadedFile) => void saved.push(file));
    render(<ReferralsBoard client={client()} tokens={tokens()} save={save} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-referral') === '3', undefined, WAIT);
    expect(row.textContent).toContain('申请金额 50万元');
    expect(row.textContent).toContain(`企业已同意提供数据（同意书 ${LOAN_CONSENT.version}）`);

    await act(async () => void fireEvent.click(screen.getByText('导出企业数据摘要（Excel）')));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(saved[0]?.name).toBe('摘要.xlsx');

    const note = await waitFor(() => {
      const found = row.querySelector('[data-field="note"] input');
      if (!found) throw new Error('no input yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(note, { target: { value: '银行评估：纳税记录不足' } }));
    await act(async () => void fireEvent.click(within(row).getByText('未获批')));
    expect(await screen.findByText('聊城市某电商有限公司：已改为“未获批”', undefined, WAIT)).toBeTruthy();
    const sent = requests.find((r) => r.key === 'POST /api/v1/referrals/3/status');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ status: 'declined', note: '银行评估：纳税记录不足' });
  });
});

const workspace = (overrides: Partial<ParkEvaluationWorkspace> = {}): ParkEvaluationWorkspace => ({
  year: 2026,
  status: 'draft',
  statusLabel: '评分中',
  criteria: [
    { name: '企业孵化', weightBp: 6000 },
    { name: '人才培训', weightBp: 4000 },
  ],
  parks: [
    {
      orgId: 5,
      name: '甲园区',
      county: 'linqing',
      countyName: '临清市',
      scores: [{ criterion: '企业孵化', score: 90 }],
      complete: false,
    },
  ],
  ranking: [],
  publishedAt: null,
  ...overrides,
});

describe('园区评价', () => {
  it('a city reviewer enters a park’s scores; a score outside 0–100 is refused before sending', async () => {
    answer('GET /api/v1/park-evaluations/2026/workspace', 200, workspace());
    answer(
      'PUT /api/v1/park-evaluations/2026/parks/5/scores',
      200,
      workspace({
        ranking: [
          {
            orgId: 5,
            name: '甲园区',
            county: 'linqing',
            countyName: '临清市',
            rank: 1,
            weightedScore10k: 860_000,
            weightedScoreText: '86',
            scores: [],
          },
        ],
      }),
    );
    render(<ParksBoard client={client()} role="city-reviewer" initialYear={2026} />);
    const row = await screen.findByText((_, el) => el?.getAttribute('data-park') === '5', undefined, WAIT);
    expect(row.textContent).toContain('未评完');
    const inputs = await waitFor(() => {
      const found = row.querySelectorAll('input');
      if (found.length < 2) throw new Error('no inputs yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(inputs[1] as Element, { target: { value: '101' } }));
    await act(async () => void fireEvent.click(screen.getByText('保存得分')));
    expect(await screen.findByText('“人才培训”的得分须是0到100之间的整数', undefined, WAIT)).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('PUT'))).toBe(false);
    await act(async () => void fireEvent.input(inputs[1] as Element, { target: { value: '80' } }));
    await act(async () => void fireEvent.click(screen.getByText('保存得分')));
    expect(await screen.findByText('第1名 · 甲园区（临清市）· 86分', undefined, WAIT)).toBeTruthy();
    const sent = requests.find((r) => r.key.startsWith('PUT'));
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      scores: [
        { criterion: '企业孵化', score: 90 },
        { criterion: '人才培训', score: 80 },
      ],
    });
    expect(screen.getByText('公布排名')).toBeTruthy();
  });

  it('the administrator sees the criteria editor with the weights’ total, and no score entry', async () => {
    answer('GET /api/v1/park-evaluations/2026/workspace', 200, workspace());
    render(<ParksBoard client={client()} role="admin" initialYear={2026} />);
    expect(await screen.findByText('权重合计 100%', undefined, WAIT)).toBeTruthy();
    expect(screen.queryByText('保存得分')).toBeNull();
    expect(screen.queryByText('公布排名')).toBeNull();
  });
});
