import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ApplicationView, createApiClient, memoryTokens } from '@huiqi/shared';
import ApplicationsPage, { ApplicationList } from '../src/pages/applications';
import { xhrTransport } from '../src/services/taro-transport';

// 我的申报: signed out, the list's loading, error (with 重试), empty and filled states, against a
// real HTTP server on a loopback port answering as the API does.

const application = (id: number, status: ApplicationView['status'], maxAmountFen: number | null): ApplicationView => ({
  id,
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
  maxAmountFen,
  firmAtSubmission: null,
  createdAt: '2026-06-15T02:00:00.000Z',
  updatedAt: '2026-06-30T17:00:00.000Z',
  submittedAt: null,
  withdrawnAt: null,
  progress: {
    roundId: null,
    roundTitle: null,
    stage: null,
    awardFen: null,
    awardReason: null,
    returned: null,
    notice: null,
    payment: null,
    rejectionReason: null,
  },
});

/** What the server answers next for the firm's list, one answer a request. */
const answers: ((res: ServerResponse) => void)[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': 'authorization, accept' }).end();
      return;
    }
    const next = req.url === '/api/v1/orgs/3/applications' ? answers.shift() : undefined;
    if (next) next(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(cleanup);

const json = (status: number, body: unknown) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const client = () =>
  createApiClient({
    baseUrl: base,
    transport: xhrTransport,
    tokens: memoryTokens({ accessToken: 'a', refreshToken: 'r' }),
  });

describe('我的申报', () => {
  it('asks a signed-out visitor to sign in', () => {
    localStorage.clear();
    render(<ApplicationsPage />);
    expect(screen.getByText('登录后查看您的申报')).toBeTruthy();
    expect(screen.getByText('去登录')).toBeTruthy();
  });

  it('shows loading, then the API’s failure with 重试, then the empty state with the way to 首页', async () => {
    // The first answer waits until the test has seen the loading state.
    let arrived: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => (arrived = resolve));
    let hold: () => void = () => undefined;
    answers.push((res) => {
      hold = () =>
        json(500, { code: 'INTERNAL', message: '服务暂时出错，请稍后再试', details: [], requestId: 'r' })(res);
      arrived();
    });
    answers.push(json(200, { applications: [] }));
    render(<ApplicationList orgId={3} client={client()} />);
    expect(await screen.findByText('正在加载…')).toBeTruthy();
    await requested;
    await act(async () => hold());
    expect(await screen.findByText('服务暂时出错，请稍后再试')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('重试')));
    expect(await screen.findByText('还没有申报')).toBeTruthy();
    expect(screen.getByText('去首页看项目')).toBeTruthy();
  });

  it('lists each application with its program, year, status in a word and a sign, amount and last change', async () => {
    answers.push(
      json(200, {
        applications: [
          application(12, 'submitted', 40_000_000),
          application(9, 'draft', null),
          application(4, 'withdrawn', null),
        ],
      }),
    );
    render(<ApplicationList orgId={3} client={client()} />);
    const submitted = await screen.findByText((_, el) => el?.getAttribute('data-application') === '12');
    expect(submitted.textContent).toContain('第2条 电商龙头企业流量补贴');
    expect(submitted.textContent).toContain('↑待初审');
    expect(submitted.textContent).toContain('2026年度 · 申报编号 12');
    expect(submitted.textContent).toContain('最多可获 40万元');
    // 17:00 UTC is the next day in Liaocheng.
    expect(submitted.textContent).toContain('最后更新：2026年7月1日');
    expect(submitted.textContent).toContain('查看详情 ›');
    const draft = document.querySelector('[data-application="9"]');
    expect(draft?.textContent).toContain('✎草稿');
    expect(draft?.textContent).toContain('继续填写 ›');
    expect(draft?.textContent).not.toContain('最多可获');
    expect(document.querySelector('[data-application="4"]')?.textContent).toContain('↩已撤回');
  });
});
