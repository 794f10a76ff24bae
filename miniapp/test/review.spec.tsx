import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  type ApplicationHistoryEntry,
  type ApplicationView,
  type PublicNoticeList,
  type RoundView,
} from '@huiqi/shared';
import { validateObjection } from '../src/notice/objection-form';
import { OpenRounds } from '../src/pages/home';
import { HistoryItem, ProgressCard } from '../src/subpackages/apply/progress';
import { returnedMaterialIds, Supplement } from '../src/subpackages/apply/supplement';
import { NoticeBoard } from '../src/subpackages/notice/index';
import { useScriptedApi } from './support/scripted-api';

// The applicant's side of review: 首页's open rounds, 申报详情's progress and timeline, 退回补正's
// 重新提交 with its refusals, 公示 with 异议, against a real HTTP server on a loopback port.

const EMPTY_PROGRESS: ApplicationView['progress'] = {
  roundId: null,
  roundTitle: null,
  stage: null,
  awardFen: null,
  awardReason: null,
  returned: null,
  notice: null,
  payment: null,
  rejectionReason: null,
};

const application = (status: ApplicationView['status'], progress: Partial<ApplicationView['progress']>) =>
  ({
    id: 21,
    orgId: 3,
    programId: 'leading-enterprise',
    programTitle: '电商龙头企业流量补贴',
    measure: 2,
    claimYear: 2026,
    editionId: 'demo-2026',
    editionVersion: 1,
    status,
    statusLabel: status,
    factsSnapshot: {},
    evaluation: null,
    maxAmountFen: 40_000_000,
    firmAtSubmission: null,
    createdAt: '2026-06-15T02:00:00.000Z',
    updatedAt: '2026-06-30T02:00:00.000Z',
    submittedAt: '2026-06-16T02:00:00.000Z',
    withdrawnAt: null,
    progress: { ...EMPTY_PROGRESS, ...progress },
  }) satisfies ApplicationView;

const RETURNED = {
  from: 'submitted' as const,
  fromLabel: '县级初审',
  items: [{ kind: 'material' as const, id: 'business-licence', label: '营业执照', reason: '请上传加盖公章的副本' }],
  deadline: '2026-07-10',
  overdue: false,
  at: '2026-06-30T02:00:00.000Z',
};

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const round = (programs: RoundView['programs']): RoundView => ({
  id: 5,
  claimYear: 2026,
  editionId: 'demo-2026',
  title: '2026年度电商政策资金第一批申报',
  opens: '2026-06-01',
  closes: '2026-07-31',
  open: true,
  programs,
  pools: [],
  createdAt: '2026-05-20T02:00:00.000Z',
});

describe('首页: the open rounds', () => {
  it('says plainly when no round is open', async () => {
    answer('GET /api/v1/rounds?open=true', 200, { rounds: [] });
    render(<OpenRounds client={client()} />);
    expect(await screen.findByText('目前没有正在申报的批次')).toBeTruthy();
    expect(screen.queryByText('去申报')).toBeNull();
  });

  it('shows each open round with its window in Chinese dates and 去申报 for each program it takes', async () => {
    answer('GET /api/v1/rounds?open=true', 200, {
      rounds: [
        round([
          { programId: 'leading-enterprise', title: '电商龙头企业流量补贴', measure: 2 },
          { programId: 'livestream-base', title: '直播电商基地奖励', measure: 6 },
        ]),
      ],
    });
    render(<OpenRounds client={client()} />);
    const card = await screen.findByText((_, el) => el?.getAttribute('data-round') === '5');
    expect(card.textContent).toContain('2026年度电商政策资金第一批申报');
    expect(card.textContent).toContain('申报时间：2026年6月1日 至 2026年7月31日');
    expect(card.textContent).toContain('第2条 电商龙头企业流量补贴');
    expect(card.textContent).toContain('第6条 直播电商基地奖励');
    expect(screen.getAllByText('去申报')).toHaveLength(2);
  });
});

describe('申报详情: progress and timeline', () => {
  it('shows the stage with its unit, due date and 超期, the lowered award with its reason, notice and payment', () => {
    render(
      <ProgressCard
        status="paid"
        progress={{
          ...EMPTY_PROGRESS,
          roundTitle: '第一批',
          stage: {
            status: 'finance-review',
            label: '财政审核',
            unit: '市财政局',
            since: '2026-06-30T02:00:00.000Z',
            due: '2026-07-07',
            overdue: true,
          },
          awardFen: 30_000_000,
          awardReason: '本地配套资金核减',
          notice: { starts: '2026-07-08', ends: '2026-07-14', objections: 1 },
          payment: { voucherNo: 'PZ-2026-0001', paidOn: '2026-07-20' },
        }}
      />,
    );
    const text = document.querySelector('[data-progress="paid"]')?.textContent ?? '';
    expect(text).toContain('当前环节：财政审核（市财政局办理）');
    expect(text).toContain('办理期限：2026年7月7日（⚠ 已超期）');
    expect(text).toContain('核定奖励：30万元');
    expect(text).toContain('核减理由：本地配套资金核减');
    expect(text).toContain('公示期：2026年7月8日 至 2026年7月14日');
    expect(text).toContain('收到异议 1 件');
    expect(text).toContain('已于 2026年7月20日 拨付，凭证号 PZ-2026-0001');
  });

  it('tells a return in the timeline: the move, each item with its reason, the deadline; an approval its amount', () => {
    const base: Omit<ApplicationHistoryEntry, 'id' | 'action' | 'label'> = {
      at: '2026-06-30T02:00:00.000Z',
      actor: 'county-reviewer',
      actorLabel: '县级审核人员',
      statusChange: null,
      material: null,
      reason: null,
      returned: null,
      amountFen: null,
    };
    render(
      <>
        <HistoryItem
          entry={{
            ...base,
            id: 1,
            action: 'returned',
            label: '退回补正',
            statusChange: { from: 'submitted', fromLabel: '待县级初审', to: 'returned', toLabel: '退回补正' },
            returned: {
              items: [{ kind: 'material', id: 'business-licence', label: '营业执照', reason: '请上传加盖公章的副本' }],
              deadline: '2026-07-10',
            },
          }}
        />
        <HistoryItem
          entry={{
            ...base,
            id: 2,
            action: 'approved',
            label: '审核通过',
            reason: '按核实的销售额',
            amountFen: 12_345_678,
          }}
        />
      </>,
    );
    const returned = document.querySelector('[data-history="returned"]')?.textContent ?? '';
    expect(returned).toContain('退回补正（待县级初审 → 退回补正）');
    expect(returned).toContain('材料“营业执照”：请上传加盖公章的副本');
    expect(returned).toContain('补正期限：2026年7月10日');
    expect(returned).toContain('县级审核人员');
    const approved = document.querySelector('[data-history="approved"]')?.textContent ?? '';
    expect(approved).toContain('核减理由：按核实的销售额');
    expect(approved).toContain('核定金额：123,456.78元');
  });
});

describe('退回补正', () => {
  it('lets only the returned materials change, and only while returned', () => {
    expect([...returnedMaterialIds(application('returned', { returned: RETURNED }))]).toEqual(['business-licence']);
    expect(returnedMaterialIds(application('submitted', { returned: RETURNED })).size).toBe(0);
  });

  it('shows the items and deadline, shows a MATERIALS_MISSING refusal, then resubmits', async () => {
    const returned = application('returned', { returned: RETURNED });
    answer('POST /api/v1/applications/21/resubmit', 422, {
      code: 'MATERIALS_MISSING',
      message: '还有必交材料没有上传',
      details: { materials: [{ id: 'business-licence', name: '营业执照', shows: '加盖公章的副本' }] },
      requestId: 'r',
    });
    answer('POST /api/v1/applications/21/resubmit', 200, application('submitted', {}));
    const changes: ApplicationView[] = [];
    render(<Supplement client={client()} application={returned} onChanged={(a) => changes.push(a)} />);
    const card = document.querySelector('[data-supplement="21"]')?.textContent ?? '';
    expect(card).toContain('请在 2026年7月10日 前补正并重新提交');
    expect(card).toContain('材料“营业执照”：请上传加盖公章的副本');
    await act(async () => void fireEvent.click(screen.getByText('重新提交')));
    expect(await screen.findByText('✕ 重新提交未通过：还有必交材料没有上传')).toBeTruthy();
    expect(screen.getByText('营业执照：加盖公章的副本')).toBeTruthy();
    expect(changes).toHaveLength(0);
    await act(async () => void fireEvent.click(screen.getByText('重新提交')));
    await screen.findByText('重新提交');
    for (const deadline = Date.now() + 5000; changes.length === 0 && Date.now() < deadline;)
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(changes.map((a) => a.status)).toEqual(['submitted']);
    expect(requests.filter((r) => r.key === 'POST /api/v1/applications/21/resubmit')).toHaveLength(2);
  });
});

describe('公示 and 异议', () => {
  const list: PublicNoticeList = {
    objectionsTo: '聊城市商务投资促进局',
    notices: [
      {
        applicationId: 21,
        firmName: '聊城某电商有限公司',
        programTitle: '电商龙头企业流量补贴',
        measure: 2,
        claimYear: 2026,
        amountFen: 30_000_000,
        starts: '2026-07-08',
        ends: '2026-07-14',
        open: true,
      },
      {
        applicationId: 9,
        firmName: '东阿某直播基地',
        programTitle: '直播电商基地奖励',
        measure: 6,
        claimYear: 2026,
        amountFen: 5_000_000,
        starts: '2026-06-01',
        ends: '2026-06-05',
        open: false,
      },
    ],
  };

  it('checks each field in Chinese before anything is sent', () => {
    const { request, errors } = validateObjection({ name: ' ', phone: '123', reason: '', evidence: '见网店页面' });
    expect(request).toBeNull();
    expect(errors).toEqual({
      name: '请填写姓名',
      phone: '请填写11位手机号或带区号的固定电话',
      reason: '请填写异议理由',
    });
    const ok = validateObjection({
      name: '张三',
      phone: '138 0000 0000',
      reason: '销售额虚报',
      evidence: '见网店页面',
    });
    expect(ok.request).toEqual({ name: '张三', phone: '13800000000', reason: '销售额虚报', evidence: '见网店页面' });
  });

  it('lists firm, program, amount, period and whether objections are open; asks a visitor to sign in', async () => {
    answer('GET /api/v1/public/notices', 200, list);
    render(<NoticeBoard client={client()} signedIn={false} />);
    const open = await screen.findByText((_, el) => el?.getAttribute('data-notice') === '21');
    expect(open.textContent).toContain('聊城某电商有限公司');
    expect(open.textContent).toContain('第2条 电商龙头企业流量补贴（2026年度）');
    expect(open.textContent).toContain('拟奖励 30万元');
    expect(open.textContent).toContain('公示期：2026年7月8日 至 2026年7月14日');
    expect(open.textContent).toContain('公示中，可以提出异议');
    expect(open.textContent).toContain('登录后提出异议');
    const ended = document.querySelector('[data-notice="9"]')?.textContent ?? '';
    expect(ended).toContain('公示期已结束，不再受理异议');
    expect(document.querySelector('[data-notice="9"] taro-button-core')).toBeNull();
  });

  it('files an objection once every field is right', async () => {
    answer('GET /api/v1/public/notices', 200, list);
    answer('GET /api/v1/public/notices', 200, list);
    answer('POST /api/v1/applications/21/objections', 201, {
      id: 1,
      applicationId: 21,
      status: 'open',
      statusLabel: '待处理',
      name: null,
      phone: null,
      reason: '销售额虚报',
      evidence: '见网店页面',
      filedAt: '2026-07-09T02:00:00.000Z',
      ruling: null,
    });
    render(<NoticeBoard client={client()} signedIn />);
    const file = await screen.findByText('提出异议', undefined, { timeout: 5000 }).catch((error: unknown) => {
      throw new Error(`${String(error).slice(0, 200)} requests: ${JSON.stringify(requests)}`);
    });
    await act(async () => void fireEvent.click(file));
    await act(async () => void fireEvent.click(screen.getByText('提交异议')));
    expect(screen.getByText('✕ 请填写姓名')).toBeTruthy();
    expect(screen.getByText('✕ 有填写不正确的地方，请按提示修改')).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
    // Taro's inputs are custom elements: their inner input or textarea appears once each has rendered,
    // later on a busy machine.
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
    await type('name', '张三');
    await type('phone', '13800000000');
    await type('reason', '销售额虚报');
    await type('evidence', '见网店页面');
    await act(async () => void fireEvent.click(screen.getByText('提交异议')));
    expect(await screen.findByText('✓ 异议已提交，审核部门会依法核实处理')).toBeTruthy();
    const sent = requests.find((r) => r.key === 'POST /api/v1/applications/21/objections');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({
      name: '张三',
      phone: '13800000000',
      reason: '销售额虚报',
      evidence: '见网店页面',
    });
  });
});
