import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type ApplicationMaterials,
  createApiClient,
  type MaterialView,
  memoryTokens,
  type SlotView,
} from '@huiqi/shared';
import { NETWORK_MESSAGE } from '../src/services/errors';
import { xhrTransport } from '../src/services/taro-transport';
import { MaterialsChecklist } from '../src/subpackages/apply/materials/checklist';
import { type SlotWork, useMaterials } from '../src/subpackages/apply/materials/use-materials';

// The materials checklist: each state a slot can be in (nothing yet, uploading with its progress,
// failed with 重试, attached, sent back with the reviewer's reason), and an upload that fails once
// and is retried with the same file, over the app's own browser transport (XMLHttpRequest) against
// a real HTTP server on a loopback port that answers as the API does.

const material = (id: string, name: string, current: SlotView | null, required = true): MaterialView => ({
  id,
  name,
  shows: `${name}清晰完整`,
  accepts: ['pdf', 'jpeg', 'png'],
  required,
  validity: id === 'credit-report' ? { kind: 'months', months: 3 } : { kind: 'claim-year' },
  proves: ['tax-compliant'],
  provesConditions: [{ id: 'tax-compliant', clause: '获得奖补资金的企业应处于正常经营状态并依法纳税', status: null }],
  current,
  history: [],
});

const slot = (status: SlotView['status'], name: string, reason: string | null = null): SlotView => ({
  fileId: 9,
  file: {
    id: 9,
    orgId: 3,
    name,
    kind: 'pdf',
    mime: 'application/pdf',
    size: 12_800,
    sha256: 'a'.repeat(64),
    uploadedAt: '2026-06-15T02:00:00.000Z',
  },
  status,
  validUntil: '2026-12-31',
  reason,
  attachedAt: '2026-06-15T02:00:00.000Z',
  reviewedAt: status === 'rejected' ? '2026-06-16T02:00:00.000Z' : null,
});

const file = { name: '营业执照.pdf', type: 'application/pdf', size: 4, content: new Uint8Array([37, 80, 68, 70]) };

const item = (id: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-material="${id}"]`);
  if (!found) throw new Error(`no material ${id}`);
  return found;
};

afterEach(cleanup);

describe('材料清单', () => {
  it('shows each slot’s state in words and signs: missing, uploading with progress, failed, attached, rejected', async () => {
    const retried: string[] = [];
    const work: Record<string, SlotWork> = {
      'online-retail-proof': {
        phase: 'uploading',
        source: { kind: 'file', file: { ...file, name: '零售额证明.pdf', size: 2_000_000 } },
        sentBytes: 900_000,
        totalBytes: 2_000_000,
      },
      'tax-certificate': { phase: 'failed', source: { kind: 'file', file }, message: NETWORK_MESSAGE },
    };
    render(
      <MaterialsChecklist
        materials={[
          material('application-form', '申报表', null),
          material('online-retail-proof', '当年网络零售额证明', null),
          material('tax-certificate', '完税证明', null),
          material('business-licence', '营业执照', slot('attached', '执照.pdf')),
          material(
            'credit-report',
            '企业信用报告',
            slot('rejected', '信用报告.pdf', '报告已超过3个月，请重新开具'),
            false,
          ),
        ]}
        claimYear={2026}
        work={work}
        canChange={(m) => m.current?.status !== 'attached'}
        missing={new Set(['application-form'])}
        onPick={() => undefined}
        onLibrary={() => undefined}
        onRetry={(m) => retried.push(m.id)}
      />,
    );
    expect(document.querySelector('.checklist__summary')?.textContent).toContain('必交材料 1/4 项已上传');

    const missing = item('application-form');
    expect(missing.dataset['state']).toBe('missing');
    expect(missing.textContent).toContain('○未上传');
    expect(missing.textContent).toContain('必交');
    expect(missing.textContent).toContain('✕ 提交前必须上传这项材料');
    expect(missing.textContent).toContain('“获得奖补资金的企业应处于正常经营状态并依法纳税”');
    expect(missing.textContent).toContain('可上传：PDF、JPEG 图片、PNG 图片；须为2026年度的材料');
    expect(missing.textContent).toContain('选择文件');

    const uploading = item('online-retail-proof');
    expect(uploading.dataset['state']).toBe('uploading');
    expect(uploading.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('45');
    expect(uploading.textContent).toContain('已上传 45%（878.9 KB / 1.9 MB）');
    // No second upload into a slot while one runs.
    expect(uploading.textContent).not.toContain('选择文件');

    const failed = item('tax-certificate');
    expect(failed.dataset['state']).toBe('failed');
    expect(failed.textContent).toContain('✕ 上传失败：营业执照.pdf');
    expect(failed.textContent).toContain(NETWORK_MESSAGE);
    const retry = [...failed.querySelectorAll('taro-button-core')].find((b) => b.textContent === '重试');
    await act(async () => void fireEvent.click(retry as Element));
    expect(retried).toEqual(['tax-certificate']);

    const attached = item('business-licence');
    expect(attached.textContent).toContain('✓已上传');
    expect(attached.textContent).toContain('执照.pdf');
    expect(attached.textContent).toContain('12.5 KB');
    expect(attached.textContent).toContain('作为证明材料可用至2026年12月31日');
    expect(attached.textContent).not.toContain('选择文件');

    const rejected = item('credit-report');
    expect(rejected.textContent).toContain('✕已退回');
    expect(rejected.textContent).toContain('选交');
    expect(rejected.textContent).toContain('退回原因报告已超过3个月，请重新开具');
    expect(rejected.textContent).toContain('须为近3个月内开具');
    expect(rejected.textContent).toContain('替换为新文件：');
  });
});

describe('上传与重试（真实的 HTTP 服务）', () => {
  let server: Server;
  let base: string;
  let uploads = 0;
  const received: string[] = [];
  let releaseBody: (() => void) | null = null;
  let attached: SlotView | null = null;

  const answer = (): ApplicationMaterials => ({
    applicationId: 5,
    materials: [material('business-licence', '营业执照', attached)],
  });

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // jsdom's XMLHttpRequest keeps the browser's rules: a cross-origin call with a token is preflighted.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT',
        'access-control-allow-headers': 'authorization, content-type, accept',
      });
      res.end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += String(chunk);
    switch (`${req.method} ${req.url}`) {
      case 'GET /api/v1/applications/5/materials':
        return send(res, 200, answer());
      case 'POST /api/v1/files?orgId=3':
        uploads++;
        received.push(body.includes('%PDF') && body.includes('filename="营业执照.pdf"') ? 'pdf' : 'other');
        // The first upload loses its connection, as on a train going into a tunnel.
        if (uploads === 1) return void req.socket.destroy();
        // The second: headers now (the browser's upload is complete), the body once the test has looked.
        res.writeHead(201, { 'content-type': 'application/json' });
        res.flushHeaders();
        await new Promise<void>((resolve) => (releaseBody = resolve));
        res.end(JSON.stringify({ file: { ...slot('attached', '营业执照.pdf').file, id: 41 }, deduplicated: false }));
        return;
      case 'PUT /api/v1/applications/5/materials/business-licence':
        if (body !== '{"fileId":41}') return send(res, 422, { code: 'INVALID_REQUEST', message: body, details: [] });
        attached = { ...slot('attached', '营业执照.pdf'), fileId: 41 };
        return send(res, 200, answer());
      default:
        return send(res, 404, { code: 'NOT_FOUND', message: '不存在', details: [], requestId: 'r' });
    }
  };

  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    createApiClient({
      baseUrl: base,
      transport: xhrTransport,
      tokens: memoryTokens({ accessToken: 'a', refreshToken: 'r' }),
    });

  const Harness = ({ api }: { api: ReturnType<typeof client> }) => {
    const controller = useMaterials(api, 5, 3);
    if (controller.state.kind !== 'ready') return <span>{controller.state.kind}</span>;
    return (
      <div>
        <button onClick={() => void controller.put('business-licence', { kind: 'file', file })}>上传营业执照</button>
        <MaterialsChecklist
          materials={controller.state.materials}
          claimYear={2026}
          work={controller.work}
          canChange={() => true}
          onPick={() => undefined}
          onLibrary={() => undefined}
          onRetry={(m) => void controller.retry(m.id)}
        />
      </div>
    );
  };

  it('keeps the chosen file when an upload fails, and 重试 sends the same file, showing its progress', async () => {
    render(<Harness api={client()} />);
    await screen.findByText('上传营业执照');
    expect(item('business-licence').dataset['state']).toBe('missing');

    await act(async () => void fireEvent.click(screen.getByText('上传营业执照')));
    await waitFor(() => expect(item('business-licence').dataset['state']).toBe('failed'));
    expect(item('business-licence').textContent).toContain(NETWORK_MESSAGE);
    expect(item('business-licence').textContent).toContain('✕ 上传失败：营业执照.pdf');

    const retry = [...item('business-licence').querySelectorAll('taro-button-core')].find(
      (b) => b.textContent === '重试',
    );
    await act(async () => void fireEvent.click(retry as Element));
    // The body went out whole: the bar is full while the answer is still on its way.
    await waitFor(() => expect(item('business-licence').dataset['state']).toBe('uploading'));
    await waitFor(() =>
      expect(item('business-licence').querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100'),
    );
    expect(item('business-licence').textContent).toContain('正在上传：营业执照.pdf');
    await act(async () => releaseBody?.());

    await waitFor(() => expect(item('business-licence').dataset['state']).toBe('attached'));
    expect(item('business-licence').textContent).toContain('✓已上传');
    expect(item('business-licence').textContent).not.toContain('上传失败');
    // Two tries of the same file: nothing was asked of the user again.
    expect(received).toEqual(['pdf', 'pdf']);
  });
});
