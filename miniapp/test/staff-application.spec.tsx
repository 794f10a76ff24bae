import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  type ApplicationHistory,
  type ApplicationMaterials,
  type MaterialView,
  type ReviewConditionView,
  type ReviewView,
} from '@huiqi/shared';
import { ApplicationReview } from '../src/subpackages/staff/application/review-page';
import { type PdfDocument, type PdfLoader } from '../src/workbench/pdf';
import { useScriptedApi } from './support/scripted-api';

// 申报审核 against a real HTTP server on a loopback port (scripted answers). pdf.js cannot draw in
// jsdom: the page is given a fake document, so what is tested is the page's logic around it.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

beforeAll(() => {
  // jsdom has no 2D canvas; the fake document draws nothing anyway.
  HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as HTMLCanvasElement['getContext'];
});

const opened: string[] = [];
const fakePdf: PdfLoader = (url) => {
  opened.push(url);
  const doc: PdfDocument = {
    numPages: 3,
    getPage: () =>
      Promise.resolve({
        getViewport: ({ scale }) => ({ width: 600 * scale, height: 800 * scale }),
        render: () => ({ promise: Promise.resolve(), cancel: () => undefined }),
      }),
    destroy: () => Promise.resolve(),
  };
  return Promise.resolve(doc);
};

const condition = (id: string, clause: string, facts: ReviewConditionView['facts'], materialIds: string[]) =>
  ({
    id,
    clause,
    status: 'met',
    explanation: `${clause}：已满足`,
    facts,
    materialIds,
    verification: null,
  }) satisfies ReviewConditionView;

const review = (
  over: Partial<ReviewView> = {},
  status: ReviewView['application']['status'] = 'city-review',
): ReviewView => ({
  application: {
    id: 21,
    orgId: 3,
    programId: 'leading-enterprise',
    programTitle: '电商龙头企业流量补贴',
    measure: 2,
    claimYear: 2026,
    editionId: 'demo-2026',
    editionVersion: 1,
    status,
    statusLabel: '待市级复审',
    factsSnapshot: { onlineRetailFen: 20_000_000_000, normalOperation: true },
    evaluation: null,
    maxAmountFen: 40_000_000,
    firmAtSubmission: {
      name: '聊城某电商有限公司',
      uscc: '91371500MA3C000000',
      county: 'dongchangfu',
      countyName: '东昌府区',
    },
    createdAt: '2026-06-15T02:00:00.000Z',
    updatedAt: '2026-06-30T02:00:00.000Z',
    submittedAt: '2026-06-16T02:00:00.000Z',
    withdrawnAt: null,
    progress: {
      roundId: 5,
      roundTitle: '2026年度第一批',
      stage: {
        status,
        label: '市级复审',
        unit: '市商务投资促进局',
        since: '2026-06-20T02:00:00.000Z',
        due: '2026-07-04',
        overdue: false,
      },
      awardFen: null,
      awardReason: null,
      returned: null,
      notice: null,
      payment: null,
      rejectionReason: null,
    },
  },
  evaluation: {
    programId: 'leading-enterprise',
    measure: 2,
    title: '电商龙头企业流量补贴',
    status: 'eligible',
    maxAmountFen: 40_000_000,
    poolId: 'pool',
    oneOff: false,
    award: { amountFen: 40_000_000, clause: '每实现1万元给予4元', explanation: '' },
    conditions: [],
    caps: [],
    missingFacts: [],
    summary: '',
  },
  verifiedFacts: { onlineRetailFen: 18_000_000_000, normalOperation: true },
  conditions: [
    condition('retail-threshold', '当年实现网络零售额1亿元以上', ['onlineRetailFen'], ['sales-statement']),
    condition('normal-operation', '处于正常经营状态', ['normalOperation'], ['business-licence']),
  ],
  maxAwardFen: 3_000_000,
  secondApprovalAboveFen: 50_000_000,
  pendingApproval: null,
  objections: [],
  actions: ['verify', 'approve', 'return', 'reject'],
  blockedReason: null,
  ...over,
});

const material = (id: string, name: string, proves: string, mime: string, fileId: number): MaterialView => ({
  id,
  name,
  shows: `${name}的内容`,
  accepts: ['pdf'],
  required: true,
  validity: { kind: 'permanent' },
  proves: [proves],
  provesConditions: [{ id: proves, clause: proves, status: 'met' }],
  current: {
    fileId,
    file: {
      id: fileId,
      orgId: 3,
      name: `${name}.${mime === 'application/pdf' ? 'pdf' : 'png'}`,
      kind: 'pdf',
      mime,
      size: 1000,
      sha256: 'x',
      uploadedAt: '2026-06-15T02:00:00.000Z',
    },
    status: 'accepted',
    validUntil: null,
    reason: null,
    attachedAt: '2026-06-15T02:00:00.000Z',
    reviewedAt: '2026-06-17T02:00:00.000Z',
  },
  history: [],
});

const MATERIALS: ApplicationMaterials = {
  applicationId: 21,
  materials: [
    material('sales-statement', '网络零售额统计表', 'retail-threshold', 'application/pdf', 7),
    material('business-licence', '营业执照', 'normal-operation', 'image/png', 8),
  ],
};
const HISTORY: ApplicationHistory = { applicationId: 21, entries: [], truncated: false };

const script = (view: ReviewView) => {
  answer('GET /api/v1/applications/21/review', 200, view);
  answer('GET /api/v1/applications/21/materials', 200, MATERIALS);
  answer('GET /api/v1/applications/21/history', 200, HISTORY);
  answer('POST /api/v1/files/7/link', 200, { path: '/api/v1/files/7/content?expires=1&signature=s', expiresAt: '' });
  answer('POST /api/v1/files/8/link', 200, { path: '/api/v1/files/8/content?expires=1&signature=s', expiresAt: '' });
};

const open = async (view: ReviewView) => {
  script(view);
  render(<ApplicationReview client={client()} id={21} loadPdf={fakePdf} today="2026-06-30" />);
  await screen.findByText('聊城某电商有限公司', undefined, { timeout: 5000 });
};

const click = async (text: string) => act(async () => void fireEvent.click(screen.getByText(text)));

const boxOf = (field: string) =>
  waitFor(
    () => {
      const box = document.querySelector(`[data-field="${field}"] input, [data-field="${field}"] textarea`);
      if (!box) throw new Error(`no ${field} box`);
      return box;
    },
    { timeout: 5000 },
  );
const type = async (field: string, value: string) => {
  const box = await boxOf(field);
  await act(async () => void fireEvent.input(box, { target: { value } }));
};

/** The confirmation dialog's 确定 (the dialog says what will happen first). */
const confirmDialog = async () => {
  const dialog = await screen.findByRole('dialog');
  const text = dialog.textContent ?? '';
  const ok = [...dialog.querySelectorAll('taro-button-core')].find((b) => b.textContent === '确定');
  if (!ok) throw new Error('no 确定');
  await act(async () => void fireEvent.click(ok));
  return text;
};

const sent = (key: string) => requests.filter((r) => r.key === key).map((r) => JSON.parse(r.body) as unknown);

describe('申报审核: the application with its evidence', () => {
  it('shows each condition with its clause and explanation beside the materials that prove it; a click opens one in the viewer', async () => {
    await open(review());
    const retail = document.querySelector('[data-condition="retail-threshold"]')?.textContent ?? '';
    expect(retail).toContain('当年实现网络零售额1亿元以上');
    expect(retail).toContain('当年实现网络零售额1亿元以上：已满足');
    expect(retail).toContain('网络零售额统计表');
    expect(retail).not.toContain('营业执照');
    expect(document.querySelector('[data-condition="normal-operation"]')?.textContent).toContain('营业执照');
    // The declared value with the corrected one beside it.
    const fact = document.querySelector('[data-fact="onlineRetailFen"]')?.textContent ?? '';
    expect(fact).toContain('2亿元');
    expect(fact).toContain('更正为 18,000万元');
    expect(fact).toContain('审核确认');
    // The first PDF is opened through its signed link, with its pages.
    expect(await screen.findByText('第 1 / 3 页', undefined, { timeout: 5000 })).toBeTruthy();
    expect(opened.at(-1)).toBe('/api/v1/files/7/content?expires=1&signature=s');
    await act(
      async () => void fireEvent.click(document.querySelector('[data-material-link="business-licence"]') as Element),
    );
    await waitFor(() => expect(document.querySelector('[data-viewer="business-licence"] img')).toBeTruthy());
    const image = document.querySelector('[data-viewer="business-licence"] img') as HTMLImageElement;
    expect(image.getAttribute('src')).toBe('/api/v1/files/8/content?expires=1&signature=s');
    expect(image.style.width).toBe('100%');
    const zoomIn = [...document.querySelectorAll('taro-button-core')].find((b) => b.textContent?.startsWith('放大'));
    await act(async () => void fireEvent.click(zoomIn as Element));
    expect(image.style.width).toBe('125%');
    await act(async () => void fireEvent.keyDown(document.body, { key: '-' }));
    await act(async () => void fireEvent.keyDown(document.body, { key: '-' }));
    expect(image.style.width).toBe('75%');
  });

  it('shows blockedReason in a box and no action buttons', async () => {
    await open(review({ actions: [], blockedReason: '您与该企业存在关联关系，须回避' }));
    expect(screen.getByRole('alert').textContent).toContain('您与该企业存在关联关系，须回避');
    const buttons = [...document.querySelectorAll('taro-button-core')].map((b) => b.textContent ?? '');
    for (const word of ['通过并核定', '退回补正', '不予通过', '核实 / 更正', '材料通过'])
      expect(buttons.filter((b) => b.startsWith(word))).toEqual([]);
    expect(document.querySelector('.ar-actions')).toBeNull();
    await act(async () => void fireEvent.keyDown(document.body, { key: 'a' }));
    expect(document.querySelector('[data-panel]')).toBeNull();
  });

  it('refuses a lowered award without a reason in the page, then sends the typed yuan as exact fen', async () => {
    await open(review());
    await act(async () => void fireEvent.keyDown(document.body, { key: 'a' }));
    expect(document.querySelector('[data-panel="approve"]')).toBeTruthy();
    // Prefilled with the maximum, in yuan.
    expect(((await boxOf('award')) as HTMLInputElement).value).toBe('30000');
    await type('award', '12345.67');
    await click('审核通过…');
    expect(screen.getByText('✕ 核定金额低于上限时请写明理由')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await type('award', '30000.01');
    await type('award-reason', '按核实的零售额核减');
    await click('审核通过…');
    expect(screen.getByText('✕ 核定金额不能高于上限3万元')).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('POST /api/v1/applications'))).toBe(false);

    await type('award', '12345.67');
    await click('审核通过…');
    answer('POST /api/v1/applications/21/approve', 200, review({}, 'finance-review'));
    script(review({ actions: [] }, 'finance-review'));
    const said = await confirmDialog();
    expect(said).toContain('核定金额 12,345.67元（上限 3万元）');
    expect(said).toContain('核减理由：按核实的零售额核减');
    expect(said).toContain('聊城某电商有限公司将收到通知');
    expect(await screen.findByText('返回待办队列', undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent('POST /api/v1/applications/21/approve')).toEqual([
      { awardFen: 1_234_567, reason: '按核实的零售额核减' },
    ]);
  });

  it('returns for supplement with itemised reasons and a deadline', async () => {
    await open(review());
    await act(async () => void fireEvent.keyDown(document.body, { key: 'r' }));
    await click('退回补正…');
    expect(screen.getByText('✕ 请至少选择一项需要补正的条件、材料或数据')).toBeTruthy();
    const pick = (key: string) =>
      act(
        async () =>
          void fireEvent.click(document.querySelector(`[data-return-item="${key}"] [role="checkbox"]`) as Element),
      );
    await pick('material:business-licence');
    await pick('fact:onlineRetailFen');
    await click('退回补正…');
    expect(screen.getByText('✕ 请写明“营业执照”需要补正什么')).toBeTruthy();
    await type('return-material:business-licence', '请上传加盖公章的副本');
    await type('return-fact:onlineRetailFen', '与统计表不一致，请核对');
    await type('deadline', '2026-07-10');
    await click('退回补正…');
    answer('POST /api/v1/applications/21/return', 200, review({}, 'returned'));
    script(review({ actions: ['reject'] }, 'returned'));
    const said = await confirmDialog();
    expect(said).toContain('退回补正 2 项');
    expect(said).toContain('营业执照：请上传加盖公章的副本');
    expect(said).toContain('补正期限：2026年7月10日');
    expect(await screen.findByText('✓ 已退回补正', undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent('POST /api/v1/applications/21/return')[0]).toEqual({
      items: [
        { kind: 'material', id: 'business-licence', reason: '请上传加盖公章的副本' },
        { kind: 'fact', id: 'onlineRetailFen', reason: '与统计表不一致，请核对' },
      ],
      deadline: '2026-07-10',
    });
  });

  it("shows the API's Chinese refusal and keeps the form", async () => {
    await open(review());
    await act(async () => void fireEvent.keyDown(document.body, { key: 'x' }));
    await type('reject-reason', '材料虚假');
    await click('不予通过…');
    answer('POST /api/v1/applications/21/reject', 409, {
      code: 'CONFLICT',
      message: '该申报已不在市级复审环节',
      details: [],
      requestId: 'r',
    });
    const said = await confirmDialog();
    expect(said).toContain('理由：材料虚假');
    expect(
      await screen.findByText('✕ 不予通过未成功：该申报已不在市级复审环节', undefined, { timeout: 5000 }),
    ).toBeTruthy();
    expect(document.querySelector('[data-panel="reject"]')).toBeTruthy();
  });

  it('corrects a condition with yuan typed exactly and shows the trace from the answer', async () => {
    await open(review());
    const retail = () => document.querySelector('[data-condition="retail-threshold"]') as Element;
    await act(async () => void fireEvent.click(retail().querySelector('taro-button-core') as Element));
    await act(async () => void fireEvent.click(screen.getByText('○ 更正')));
    const box = await waitFor(() => {
      const input = retail().querySelector('[data-verify] input');
      if (!input) throw new Error('no input');
      return input;
    });
    await act(async () => void fireEvent.input(box, { target: { value: '150000000.05' } }));
    await click('保存核实结果');
    const verified = review({
      conditions: [
        {
          ...condition('retail-threshold', '当年实现网络零售额1亿元以上', ['onlineRetailFen'], ['sales-statement']),
          explanation: '核实后网络零售额1.5亿元，已满足',
          verification: {
            verdict: 'corrected',
            note: null,
            materialIds: ['sales-statement'],
            byRole: 'city-reviewer',
            stage: 'city-review',
            at: '2026-06-30T02:00:00.000Z',
          },
        },
      ],
    });
    answer('PUT /api/v1/applications/21/verification', 200, verified);
    script(verified);
    await confirmDialog();
    expect(await screen.findByText('核实后网络零售额1.5亿元，已满足', undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent('PUT /api/v1/applications/21/verification')).toEqual([
      {
        conditions: [
          {
            conditionId: 'retail-threshold',
            verdict: 'corrected',
            materialIds: ['sales-statement'],
            facts: { onlineRetailFen: 15_000_000_005 },
          },
        ],
      },
    ]);
  });
});
