import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  builtInEditions,
  type Edition,
  type EditionDocument,
  type EditionPreview,
  type EditionView,
} from '@huiqi/shared';
import { EditionsAdmin } from '../src/subpackages/staff/editions/index';
import { useScriptedApi } from './support/scripted-api';

// 政策版本 against a real HTTP server on a loopback port that answers what each test scripted.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const base = (): Edition => JSON.parse(JSON.stringify(builtInEditions()[0])) as Edition;

const view = (id: string, status: EditionView['status']): EditionView => ({
  id,
  title: base().title,
  claimYear: 2023,
  status,
  demo: false,
  version: status === 'published' ? 1 : null,
  contentHash: status === 'published' ? `${id}5f0c2a9e`.padEnd(64, '0') : null,
  validFrom: '2023-01-01',
  validTo: '2023-12-31',
  applicationWindow: null,
  applicationNotice: '',
  publishedAt: status === 'published' ? '2023-01-05T02:00:00.000Z' : null,
});

const draftDoc = (id = '2027', change: (e: Edition) => void = () => undefined): EditionDocument => {
  const document = { ...base(), id };
  change(document);
  return { id, status: 'draft', claimYear: document.claimYear, document };
};

const field = (path: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-field="${path}"]`);
  if (!found) throw new Error(`no field ${path}`);
  return found;
};

const click = async (text: string, within: ParentNode = document): Promise<void> => {
  const target = await waitFor(() => {
    const found = [
      ...within.querySelectorAll('taro-button-core, [role="tab"], [role="radio"], [role="checkbox"]'),
    ].find((el) => el.textContent?.trim().startsWith(text));
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  });
  await act(async () => {
    fireEvent.click(target);
  });
};

/** Taro's <Input> is a custom element whose own <input> appears a tick after it mounts. */
const typeInto = async (path: string, text: string): Promise<void> => {
  const input = await waitFor(() => {
    const found = field(path).querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
    if (!found) throw new Error(`no input in ${path}`);
    return found;
  });
  await act(async () => {
    input.value = text;
    fireEvent.input(input, { target: { value: text } });
  });
};

const dialog = (): HTMLElement => screen.getByRole('dialog');

const inputValue = (path: string): Promise<string | undefined> =>
  waitFor(() => {
    const input = field(path).querySelector<HTMLInputElement>('input');
    if (!input) throw new Error(`no input in ${path}`);
    return input.value;
  });

const bodyOf = (key: string): unknown => {
  const found = requests.find((r) => r.key === key);
  if (!found) throw new Error(`no request ${key}`);
  return JSON.parse(found.body) as unknown;
};

/** The list, then 编辑 on the draft 2027. */
const openDraft = async (doc: EditionDocument = draftDoc()): Promise<void> => {
  answer('GET /api/v1/editions', 200, { editions: [view('2027', 'draft'), view('2023', 'published')] });
  answer('GET /api/v1/editions/2027', 200, doc);
  render(<EditionsAdmin client={client()} />);
  const row = await waitFor(() => {
    const found = document.querySelector('[data-edition="2027"]');
    if (!found) throw new Error('no row');
    return found;
  });
  expect(row.textContent).toContain('草稿');
  expect(row.textContent).toContain('—（草稿）');
  await click('编辑', row);
  await screen.findByText('快捷键：S 保存 · P 预览影响');
};

describe('政策版本: the draft editor', () => {
  it('sends a yuan field typed as 1234.56 as 123456 fen, and only what changed', async () => {
    await openDraft();
    await click('资金池');
    expect(await inputValue('pools.pool-leading.capFen')).toBe('2000000');
    await typeInto('pools.pool-leading.capFen', '1234.56');
    expect(field('pools.pool-leading.capFen').textContent).toContain('即 1,234.56元');
    expect(field('pools.pool-leading.capFen').textContent).toContain('已修改');

    answer(
      'PATCH /api/v1/editions/2027',
      200,
      draftDoc('2027', (e) => Object.assign(e.pools['pool-leading'] ?? {}, { capFen: 123_456 })),
    );
    await click('保存');
    // Confirmed first: it says what will be saved, and nothing is sent before 保存 in the dialog.
    expect(dialog().textContent).toContain('电商龙头企业流量补贴资金：上限（元）：2000000元 → 1234.56元');
    expect(requests.some((r) => r.key.startsWith('PATCH'))).toBe(false);
    await click('保存', dialog());

    await screen.findByText('已保存 1 处修改');
    expect(bodyOf('PATCH /api/v1/editions/2027')).toEqual({
      document: { pools: { 'pool-leading': { capFen: 123_456 } } },
    });
    expect(field('pools.pool-leading.capFen').textContent).not.toContain('已修改');
  });

  it('refuses what is typed wrong beside the field, sending nothing', async () => {
    await openDraft();
    await click('审核设置');
    await typeInto('review.countyWorkingDays', '0');
    await click('保存');
    await waitFor(() =>
      expect(field('review.countyWorkingDays').querySelector('[role="alert"]')?.textContent).toBe(
        '必须是1到250之间的工作日数',
      ),
    );
    expect(screen.getByText('有 1 处填写有误，请按提示修改后再保存')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.some((r) => r.key.startsWith('PATCH'))).toBe(false);
  });

  it('shows the API’s field error beside the field it names, opening that field’s group', async () => {
    await openDraft();
    await click('资金池');
    await typeInto('pools.pool-talent.capFen', '50');
    answer('PATCH /api/v1/editions/2027', 400, {
      code: 'INVALID_REQUEST',
      message: '政策版本数据有误：programs.talent-hiring.parameters.maxAwardFen.value',
      details: [
        { field: 'programs.talent-hiring.parameters.maxAwardFen.value', message: '单项奖励不能超过资金池上限' },
      ],
      requestId: 'r',
    });
    await click('保存');
    await click('保存', dialog());

    await waitFor(() =>
      expect(
        field('programs.talent-hiring.parameters.maxAwardFen.value').querySelector('[role="alert"]')?.textContent,
      ).toBe('单项奖励不能超过资金池上限'),
    );
    expect(screen.getByText('政策版本数据有误：programs.talent-hiring.parameters.maxAwardFen.value')).toBeTruthy();
    expect(screen.getByRole('tab', { selected: true }).textContent).toContain('第9条');
    // What was typed is kept.
    await click('资金池');
    expect(await inputValue('pools.pool-talent.capFen')).toBe('50');
  });

  it('s saves and p previews from the keyboard', async () => {
    await openDraft();
    await click('版本信息');
    await typeInto('validityClause', '本措施有效期至2027年12月31日');
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 's' });
    });
    expect(dialog().textContent).toContain('有效期原文');
    await click('取消', dialog());
    expect(requests.some((r) => r.key.startsWith('PATCH'))).toBe(false);

    answer('GET /api/v1/editions/2027/preview', 200, preview());
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'p' });
    });
    expect(await screen.findByText(/还有 1 处修改未保存/)).toBeTruthy();
    expect(screen.getByRole('table', { name: '资金池需求' })).toBeTruthy();
  });
});

const preview = (changes = 2): EditionPreview => ({
  draftId: '2027',
  baseId: '2023',
  claimYear: 2023,
  firms: 40,
  changes: Array.from({ length: changes }, (_, i) => ({
    orgId: i + 1,
    orgName: `企业${i + 1}`,
    programId: 'leading-enterprise' as const,
    before: { status: 'eligible' as const, maxAmountFen: 10_000_000 },
    after: { status: 'eligible' as const, maxAmountFen: 12_500_000 },
    effect: 'more' as const,
  })),
  changesTotal: changes,
  programs: [
    {
      programId: 'leading-enterprise',
      eligibleBefore: 3,
      eligibleAfter: 3,
      gains: 0,
      loses: 0,
      more: changes,
      less: 0,
      undetermined: 0,
    },
  ],
  pools: [
    {
      poolId: 'pool-leading',
      title: '电商龙头企业流量补贴资金',
      capFenBefore: 200_000_000,
      capFenAfter: 200_000_000,
      demandFenBefore: 150_000_000,
      demandFenAfter: 250_000_000,
      oversubscribedAfter: true,
    },
  ],
});

describe('政策版本: 预览影响 and 发布', () => {
  it('shows who gains or loses with the difference in yuan, a page of firms at a time, and each pool against its cap', async () => {
    await openDraft();
    answer('GET /api/v1/editions/2027/preview', 200, preview(20));
    await click('预览影响');
    const firms = await screen.findByRole('table', { name: '受影响的企业' });
    expect(firms.querySelectorAll('[data-org]')).toHaveLength(15);
    expect(firms.querySelector('[data-org="1"]')?.textContent).toContain('+2.5万元');
    expect(screen.getByText('第 1 / 2 页，共 20 条')).toBeTruthy();
    await click('下一页');
    expect(screen.getByRole('table', { name: '受影响的企业' }).querySelectorAll('[data-org]')).toHaveLength(5);
    const pool = document.querySelector('[data-pool="pool-leading"]');
    expect(pool?.textContent).toContain('150万元 → 250万元');
    expect(pool?.textContent).toContain('超出');
  });

  it('publishing confirms what it means, with the preview, and only then calls the API', async () => {
    await openDraft();
    answer('GET /api/v1/editions/2027/preview', 200, preview());
    await click('发布');
    const text = (await screen.findByRole('dialog')).textContent ?? '';
    expect(text).toContain('2023 年度的政策版本');
    expect(text).toContain('2023年1月1日起施行');
    expect(text).toContain('发布后不能再修改');
    expect(text).toContain('筛查 40 家企业，共 2 处变化');
    expect(text).toContain('需求超过上限的资金池：电商龙头企业流量补贴资金');
    expect(requests.some((r) => r.key.endsWith('/publish'))).toBe(false);

    answer('POST /api/v1/editions/2027/publish', 200, { ...draftDoc(), status: 'published' });
    answer('GET /api/v1/editions', 200, { editions: [view('2027', 'published'), view('2023', 'published')] });
    await click('确认发布', dialog());
    await screen.findByText('已发布 · 只读（如需调整请复制为草稿）');
    expect(requests.filter((r) => r.key === 'POST /api/v1/editions/2027/publish')).toHaveLength(1);
    // Read-only now: no inputs, no 保存.
    expect(document.querySelector('[data-field="title"] textarea')).toBeNull();
    expect(screen.queryByText('快捷键：S 保存 · P 预览影响')).toBeNull();
    // The list behind it is read again (its status changed).
    await waitFor(() => expect(requests.filter((r) => r.key === 'GET /api/v1/editions')).toHaveLength(2));
  });

  it('shows the API’s refusal to publish', async () => {
    await openDraft();
    answer('GET /api/v1/editions/2027/preview', 200, preview());
    answer('POST /api/v1/editions/2027/publish', 409, {
      code: 'CONFLICT',
      message: '该政策版本已发布',
      details: [],
      requestId: 'r',
    });
    await click('发布');
    await click('确认发布', await screen.findByRole('dialog'));
    expect(await screen.findByText('该政策版本已发布')).toBeTruthy();
  });
});

describe('政策版本: 复制为草稿', () => {
  it('copies with the id, year and validity it asks, then sets the year and dates on the draft', async () => {
    answer('GET /api/v1/editions', 200, { editions: [view('2023', 'published')] });
    render(<EditionsAdmin client={client()} />);
    const row = await waitFor(() => {
      const found = document.querySelector('[data-edition="2023"]');
      if (!found) throw new Error('no row');
      return found;
    });
    expect(row.textContent).toContain('已发布 · 第1版');
    expect(row.textContent).toContain('20235f0c2a9e…');
    await click('复制为草稿', row);
    expect(await inputValue('copy.id')).toBe('2024');
    await typeInto('copy.id', '2024-test');

    answer('POST /api/v1/editions/2023/drafts', 201, draftDoc('2024-test'));
    answer(
      'PATCH /api/v1/editions/2024-test',
      200,
      draftDoc('2024-test', (e) =>
        Object.assign(e, { claimYear: 2024, validFrom: '2024-01-01', validTo: '2024-12-31' }),
      ),
    );
    answer('GET /api/v1/editions', 200, { editions: [view('2024-test', 'draft'), view('2023', 'published')] });
    await click('创建草稿');
    expect(dialog().textContent).toContain('复制为新草稿 2024-test：2024 年度');
    await click('复制', dialog());

    await screen.findByText('草稿 · 2024 年度');
    expect(bodyOf('POST /api/v1/editions/2023/drafts')).toEqual({ id: '2024-test' });
    expect(bodyOf('PATCH /api/v1/editions/2024-test')).toEqual({
      document: { claimYear: 2024, validFrom: '2024-01-01', validTo: '2024-12-31' },
    });
    await waitFor(() => expect(requests.filter((r) => r.key === 'GET /api/v1/editions')).toHaveLength(2));
  });

  it('refuses a bad id beside the field without calling the API', async () => {
    answer('GET /api/v1/editions', 200, { editions: [view('2023', 'published')] });
    render(<EditionsAdmin client={client()} />);
    await click('复制为草稿');
    await typeInto('copy.id', '2024 版');
    await click('创建草稿');
    expect(field('copy.id').querySelector('[role="alert"]')?.textContent).toContain('只能用小写字母、数字和连字符');
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
  });
});
