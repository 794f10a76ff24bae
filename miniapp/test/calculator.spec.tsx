import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import CalculatorPage from '../src/pages/calculator';

/** Taro's <Input> is a custom element whose own <input> appears a tick after it mounts. */
const typeInto = async (placeholder: string, text: string): Promise<void> => {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"]`);
    if (!found) throw new Error(`no input "${placeholder}"`);
    return found;
  });
  await act(async () => {
    input.value = text;
    fireEvent.input(input, { target: { value: text } });
  });
};

/** A choice (program, kind of firm, yes/no) by its words, without its ☐/☑/○/● sign. */
const choice = (role: 'checkbox' | 'radio', text: string, index = 0): HTMLElement => {
  const found = screen.getAllByRole(role).filter((el) => (el.textContent ?? '').replace(/^[☐☑○●] /, '') === text);
  const el = found[index];
  if (!el) throw new Error(`no ${role} "${text}"`);
  return el;
};

const tap = async (text: string, role: 'checkbox' | 'radio' = 'checkbox', index = 0): Promise<void> => {
  await act(async () => {
    fireEvent.click(choice(role, text, index));
  });
};

const card = (programId: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-result="${programId}"]`);
  if (!found) throw new Error(`no result for ${programId}`);
  return found;
};

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('政策计算器', () => {
  it('asks only what the chosen program needs, and says how far the firm is from the threshold', async () => {
    render(<CalculatorPage />);
    await tap('电商龙头企业流量补贴');
    // Measure 二's facts only: nothing of the livestream base's site or rooms.
    expect(document.querySelector('input[placeholder="请输入占地面积"]')).toBeNull();
    // 二 pays any enterprise that reaches the figure (对当年实现网络零售额1亿元以上企业): no kind is asked.
    expect(() => choice('checkbox', '电商企业')).toThrow();
    await typeInto('请输入当年网络零售额', '99999999.99');
    expect(card('leading-enterprise').textContent).toContain('当年网络零售额需达到1亿元，目前还差0.01元');
    expect(card('leading-enterprise').textContent).toContain('暂不符合');

    await typeInto('请输入当年网络零售额', '100000000');
    expect(card('leading-enterprise').textContent).toContain('当年网络零售额为1亿元，达到1亿元的要求');
  });

  it('reads 0.07 yuan as exactly 7 fen: the 20% cap is 0.01元, and the firm may get 0.01元', async () => {
    render(<CalculatorPage />);
    await tap('电商龙头企业流量补贴');
    await typeInto('请输入当年网络零售额', '100,000,000');
    await typeInto('请输入当年对地方贡献数', '0.07');
    await tap('是', 'radio', 0);
    await tap('是', 'radio', 1);
    const text = card('leading-enterprise').textContent ?? '';
    expect(text).toContain('当年对地方贡献数0.07元的20%为0.01元');
    expect(text).toContain('最多可获 0.01元');
  });

  it('refuses a figure it cannot read exactly, naming the field and the fix', async () => {
    render(<CalculatorPage />);
    await tap('电商龙头企业流量补贴');
    await typeInto('请输入当年网络零售额', '0.001');
    expect(screen.getByRole('alert').textContent).toContain('金额最多精确到分（小数点后两位）');
    expect(card('leading-enterprise').textContent).toContain('请填写当年网络零售额');
  });

  it('keeps what was typed across a restart (device storage)', async () => {
    const first = render(<CalculatorPage />);
    await tap('电商龙头企业流量补贴');
    await typeInto('请输入当年网络零售额', '99999999.99');
    first.unmount();
    expect(document.querySelector('[data-result]')).toBeNull();

    render(<CalculatorPage />);
    expect(choice('checkbox', '电商龙头企业流量补贴').getAttribute('aria-checked')).toBe('true');
    expect(card('leading-enterprise').textContent).toContain('目前还差0.01元');
  });
});
