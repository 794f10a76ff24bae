import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { type RelocatedShopPage, type RelocatedShopView } from '@huiqi/shared';
import { ShopsReviewView } from '../src/subpackages/staff/shops/index';
import { useScriptedApi } from './support/scripted-api';

// 迁入店铺核实 against a real HTTP server on a loopback port that answers what each test scripted.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const shop = (overrides: Partial<RelocatedShopView> = {}): RelocatedShopView => ({
  id: 5,
  orgId: 9,
  firmName: '临清测试电商有限公司',
  firmUscc: '91371500MA3TEXT017',
  platform: 'taobao',
  platformName: '淘宝',
  shop: '58001234',
  shopKind: 'id',
  county: 'linqing',
  countyName: '临清市',
  relocatedOn: '2026-03-10',
  status: 'pending',
  statusLabel: '待核实',
  refusalReason: null,
  reviewedAt: null,
  registeredAt: '2026-06-01T02:00:00.000Z',
  updatedAt: '2026-06-01T02:00:00.000Z',
  ...overrides,
});
const page = (shops: RelocatedShopView[]): RelocatedShopPage => ({ shops, total: shops.length, page: 1, pageSize: 20 });

const button = (text: string, within: ParentNode = document): Element => {
  const found = [...within.querySelectorAll('taro-button-core')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
};

describe('迁入店铺核实', () => {
  it('a county reviewer verifies after confirming what it means; the list asks the pending ones only', async () => {
    answer('GET /api/v1/relocated-shops?status=pending', 200, page([shop()]));
    answer('POST /api/v1/relocated-shops/5/verify', 200, shop({ status: 'verified', statusLabel: '已核实' }));
    answer('GET /api/v1/relocated-shops?status=pending', 200, page([]));
    render(<ShopsReviewView client={client()} role="county-reviewer" />);
    await screen.findByText('58001234');
    // No county filter for a county reviewer: the API fixes their county.
    expect(document.querySelector('.shops-review__county')).toBeNull();
    await act(async () => {
      fireEvent.click(button('核实'));
    });
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('临清测试电商有限公司 在淘宝的店铺（58001234）已于 2026-03-10 迁入临清市');
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
    await act(async () => {
      fireEvent.click(button('核实', dialog));
    });
    await screen.findByText('已核实：临清测试电商有限公司 · 淘宝 58001234');
    await screen.findByText('没有符合条件的迁入店铺');
    expect(requests.map((r) => r.key)).toEqual([
      'GET /api/v1/relocated-shops?status=pending',
      'POST /api/v1/relocated-shops/5/verify',
      'GET /api/v1/relocated-shops?status=pending',
    ]);
  });

  it('refusing needs a reason: none sends nothing, one is sent as typed', async () => {
    answer('GET /api/v1/relocated-shops?status=pending', 200, page([shop()]));
    answer('POST /api/v1/relocated-shops/5/refuse', 200, shop({ status: 'refused', refusalReason: '主体不符' }));
    answer('GET /api/v1/relocated-shops?status=pending', 200, page([]));
    render(<ShopsReviewView client={client()} role="county-reviewer" />);
    await screen.findByText('58001234');
    await act(async () => {
      fireEvent.click(button('不通过'));
    });
    await act(async () => {
      fireEvent.click(button('确认不通过'));
    });
    expect((await screen.findByRole('alert')).textContent).toBe('请填写不通过的理由，不能只有空格或不可见字符');
    expect(requests.some((r) => r.key.startsWith('POST'))).toBe(false);
    const box = await waitFor(() => {
      const found = document.querySelector<HTMLTextAreaElement>('[data-refuse="5"] textarea');
      if (!found) throw new Error('no reason box');
      return found;
    });
    await act(async () => {
      box.value = '主体不符';
      fireEvent.input(box, { target: { value: '主体不符' } });
    });
    await act(async () => {
      fireEvent.click(button('确认不通过'));
    });
    await screen.findByText('已退回企业（不通过）：临清测试电商有限公司 · 淘宝 58001234');
    await screen.findByText('没有符合条件的迁入店铺');
    expect(JSON.parse(requests.find((r) => r.key === 'POST /api/v1/relocated-shops/5/refuse')?.body ?? '{}')).toEqual({
      reason: '主体不符',
    });
  });

  it('the city reads every county but does not decide', async () => {
    answer(
      'GET /api/v1/relocated-shops?status=pending',
      200,
      page([shop(), shop({ id: 6, county: 'gaotang', countyName: '高唐县' })]),
    );
    render(<ShopsReviewView client={client()} role="city-reviewer" />);
    // The list's rows (the county picker holds 高唐县 too).
    expect(await screen.findAllByText('由所在县（市、区）审核员核实')).toHaveLength(2);
    expect(document.querySelector('.shops-review__county')?.textContent).toContain('全部县（市、区）');
    expect([...document.querySelectorAll('taro-button-core')].map((b) => b.textContent?.trim())).not.toContain('核实');
  });
});
