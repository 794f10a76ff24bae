import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type WhitelistApplicationView } from '@huiqi/shared';
import { WhitelistBoard } from '../src/subpackages/whitelist/apply/board';
import { PublicWhitelistBoard } from '../src/subpackages/whitelist/public/board';
import { WhitelistReviewBoard } from '../src/subpackages/staff/whitelist/board';
import { categoriesFor, emptyDraft, formFieldOf, validateWhitelist } from '../src/whitelist/form';
import { useScriptedApi } from './support/scripted-api';

// 白名单推荐 (第八条): the firm's form and its checks, the public list, and the city's review,
// against a real HTTP server on a loopback port.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const WAIT = { timeout: 5000 };
const DESCRIPTION = '聊城市本地MCN机构，签约主播120名，年孵化直播间300个，服务本地企业200余家。';

const application = (overrides: Partial<WhitelistApplicationView> = {}): WhitelistApplicationView => ({
  id: 5,
  orgId: 3,
  orgName: '聊城市某传媒有限公司',
  uscc: '91371500MA3TEST001',
  county: 'linqing',
  countyName: '临清市',
  year: 2026,
  description: DESCRIPTION,
  categories: ['mcn'],
  categoryNames: ['MCN机构'],
  noViolations: true,
  noBadCredit: true,
  files: [],
  status: 'submitted',
  statusLabel: '待市级审核',
  reason: null,
  submittedAt: '2026-06-10T02:00:00.000Z',
  decidedAt: null,
  ...overrides,
});

const org = {
  id: 3,
  uscc: '91371500MA3TEST001',
  name: '聊城市某传媒有限公司',
  county: 'linqing',
  countyName: '临清市',
  orgTypes: ['ecommerce', 'mcn'],
  orgTypeNames: ['电商企业', 'MCN机构'],
  legalRepresentative: '王法人',
  contactName: '赵联系',
  contactPhone: '13912345678',
  demo: false,
  myRole: 'admin',
};

describe('the whitelist form: pure functions', () => {
  it('offers only the kinds of 第八条 the firm is registered as, and checks every field', () => {
    expect(categoriesFor(['ecommerce', 'mcn', 'supply-chain'])).toEqual(['mcn', 'supply-chain']);
    expect(categoriesFor(['ecommerce'])).toEqual([]);
    expect(emptyDraft(['mcn']).categories).toEqual(['mcn']);
    expect(emptyDraft(['mcn', 'supply-chain']).categories).toEqual([]);
    const { request, errors } = validateWhitelist(emptyDraft(['mcn']), 2026);
    expect(request).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['description', 'noBadCredit', 'noViolations']);
    expect(errors.noViolations).toBe('第八条要求无违法违规记录，请确认并勾选声明');
    const ok = validateWhitelist(
      { description: `  ${DESCRIPTION}  `, categories: ['mcn'], noViolations: true, noBadCredit: true, fileIds: [7] },
      2026,
    );
    expect(ok.request).toEqual({
      year: 2026,
      description: DESCRIPTION,
      categories: ['mcn'],
      noViolations: true,
      noBadCredit: true,
      fileIds: [7],
    });
    expect(formFieldOf('categories[1]')).toBe('categories');
    expect(formFieldOf('year')).toBeNull();
  });
});

describe('白名单推荐 for the firm', () => {
  const loads = (applications: WhitelistApplicationView[]) => {
    answer('GET /api/v1/orgs/3', 200, org);
    answer('GET /api/v1/orgs/3/whitelist-applications', 200, { applications });
    answer('GET /api/v1/orgs/3/files', 200, { files: [] });
  };

  it('applies: nothing is sent until the declarations are ticked; the outcome then shows', async () => {
    loads([]);
    answer('POST /api/v1/orgs/3/whitelist-applications', 201, application());
    loads([application()]);
    render(<WhitelistBoard client={client()} orgId={3} year={2026} />);
    const form = await screen.findByText((_, el) => el?.getAttribute('data-form') === 'whitelist', undefined, WAIT);
    // Only MCN of the firm's kinds is offered, and chosen for it.
    expect(form.querySelector('[data-toggle="category-mcn"]')?.getAttribute('aria-checked')).toBe('true');
    expect(form.querySelector('[data-toggle="category-ecommerce"]')).toBeNull();
    const box = await waitFor(() => {
      const found = form.querySelector('textarea');
      if (!found) throw new Error('no textarea yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(box, { target: { value: DESCRIPTION } }));
    await act(async () => void fireEvent.click(within(form).getByText('提交申请')));
    expect(await within(form).findByText('✕ 第八条要求无违法违规记录，请确认并勾选声明', undefined, WAIT)).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);

    await act(async () => void fireEvent.click(form.querySelector('[data-toggle="noViolations"]') as Element));
    await act(async () => void fireEvent.click(form.querySelector('[data-toggle="noBadCredit"]') as Element));
    await act(async () => void fireEvent.click(within(form).getByText('提交申请')));
    const status = await screen.findByText('待市级审核', undefined, WAIT);
    expect(status.getAttribute('data-status')).toBe('submitted');
    const sent = requests.filter((r) => r.key === 'POST /api/v1/orgs/3/whitelist-applications');
    expect(sent.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { year: 2026, description: DESCRIPTION, categories: ['mcn'], noViolations: true, noBadCredit: true },
    ]);
    // Waiting: no form.
    expect(document.querySelector('[data-form="whitelist"]')).toBeNull();
  });

  it('shows a refusal with its reason, and the form to apply again', async () => {
    loads([application({ status: 'refused', statusLabel: '未推荐', reason: '请补充业绩材料' })]);
    render(<WhitelistBoard client={client()} orgId={3} year={2026} />);
    expect(await screen.findByText('未推荐的理由：请补充业绩材料', undefined, WAIT)).toBeTruthy();
    expect(document.querySelector('[data-form="whitelist"]')).not.toBeNull();
  });
});

describe('the public list', () => {
  it('lists a year’s recommended firms and moves between years', async () => {
    answer('GET /api/v1/whitelist?year=2026', 200, {
      year: 2026,
      entries: [
        {
          orgName: '聊城市某传媒有限公司',
          categories: ['mcn'],
          categoryNames: ['MCN机构'],
          county: 'linqing',
          countyName: '临清市',
          year: 2026,
        },
      ],
    });
    answer('GET /api/v1/whitelist?year=2025', 200, { year: 2025, entries: [] });
    render(<PublicWhitelistBoard client={client()} initialYear={2026} />);
    const entry = await screen.findByText(
      (_, el) => el?.getAttribute('data-entry') === '聊城市某传媒有限公司',
      undefined,
      WAIT,
    );
    expect(entry.textContent).toContain('类别：MCN机构');
    expect(entry.textContent).toContain('临清市');
    await act(async () => void fireEvent.click(screen.getByText('‹ 2025年度')));
    expect(await screen.findByText('2025年度暂无推荐企业', undefined, WAIT)).toBeTruthy();
  });
});

describe('白名单推荐 in the workbench', () => {
  it('refusing needs a reason; recommending sends the decision alone; the list is read again', async () => {
    answer('GET /api/v1/whitelist/applications?status=submitted', 200, { applications: [application()] });
    answer('POST /api/v1/whitelist/applications/5/review', 200, application({ status: 'refused' }));
    answer('GET /api/v1/whitelist/applications?status=submitted', 200, { applications: [] });
    render(<WhitelistReviewBoard client={client()} canDecide />);
    const card = await screen.findByText((_, el) => el?.getAttribute('data-application') === '5', undefined, WAIT);
    expect(card.textContent).toContain('无违法违规记录');
    expect(card.textContent).toContain(DESCRIPTION);
    await act(async () => void fireEvent.click(within(card).getByText('不予推荐')));
    expect(await within(card).findByText('不予推荐时请填写理由，企业会看到这段说明', undefined, WAIT)).toBeTruthy();
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
    const box = await waitFor(() => {
      const found = card.querySelector('textarea');
      if (!found) throw new Error('no textarea yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(box, { target: { value: '业绩材料不足' } }));
    await act(async () => void fireEvent.click(within(card).getByText('不予推荐')));
    expect(await screen.findByText('已不予推荐：聊城市某传媒有限公司', undefined, WAIT)).toBeTruthy();
    expect(requests.filter((r) => r.key.startsWith('POST')).map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { decision: 'refuse', reason: '业绩材料不足' },
    ]);
    expect(await screen.findByText('没有待市级审核的申请', undefined, WAIT)).toBeTruthy();
  });

  it('opens a supporting file through the application’s signed link', async () => {
    const opened: unknown[][] = [];
    const original = window.open;
    window.open = ((...args: unknown[]) => {
      opened.push(args);
      return null;
    }) as typeof window.open;
    try {
      answer('GET /api/v1/whitelist/applications?status=submitted', 200, {
        applications: [application({ files: [{ id: 12, name: '信用报告.pdf' }] })],
      });
      answer('POST /api/v1/whitelist/applications/5/files/12/link', 200, {
        path: '/api/v1/files/12/content?expires=1&signature=s',
        expiresAt: '2026-06-10T02:05:00.000Z',
      });
      render(<WhitelistReviewBoard client={client()} canDecide={false} />);
      const button = await screen.findByText('打开 信用报告.pdf', undefined, WAIT);
      await act(async () => void fireEvent.click(button));
      await waitFor(
        () => expect(opened).toEqual([['/api/v1/files/12/content?expires=1&signature=s', '_blank', 'noopener']]),
        WAIT,
      );
    } finally {
      window.open = original;
    }
  });

  it('an administrator reads without the buttons', async () => {
    answer('GET /api/v1/whitelist/applications?status=submitted', 200, { applications: [application()] });
    render(<WhitelistReviewBoard client={client()} canDecide={false} />);
    const card = await screen.findByText((_, el) => el?.getAttribute('data-application') === '5', undefined, WAIT);
    expect(within(card).queryByText('推荐')).toBeNull();
  });
});
