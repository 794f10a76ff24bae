import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type DemoClockView } from '@huiqi/shared';
import { DemoClockCard } from '../src/subpackages/staff/components/api-today';
import { useScriptedApi } from './support/scripted-api';

// 演示时钟 on 公示与异议, against a real HTTP server on a loopback port: hidden where the clock is
// real; a bad number refused in the page; the move confirmed first, then sent, and its outcome said.

const { requests, answer, client } = useScriptedApi();
afterEach(cleanup);

const WAIT = { timeout: 5000 };
const CLOCK: DemoClockView = { enabled: true, now: '2026-07-15T02:00:00.000Z', today: '2026-07-15', offsetDays: 0 };

describe('演示时钟', () => {
  it('shows nothing where the clock is real', () => {
    render(<DemoClockCard client={client()} clock={{ ...CLOCK, enabled: false }} onMoved={() => undefined} />);
    expect(document.querySelector('[data-demo-clock]')).toBeNull();
  });

  it('refuses a bad number in the page, then moves the days after the confirmation', async () => {
    let moved = 0;
    answer('POST /api/v1/demo/clock', 200, { ...CLOCK, today: '2026-07-29', offsetDays: 14, concluded: [41, 42] });
    render(<DemoClockCard client={client()} clock={CLOCK} onMoved={() => (moved += 1)} />);
    const input = await waitFor(() => {
      const found = document.querySelector('input');
      if (!found) throw new Error('no input yet');
      return found;
    }, WAIT);
    await act(async () => void fireEvent.input(input, { target: { value: '45' } }));
    await act(async () => void fireEvent.click(screen.getByText('快进')));
    expect(await screen.findByText('快进天数请填写1到30之间的整数', undefined, WAIT)).toBeTruthy();
    expect(requests).toHaveLength(0);

    await act(async () => void fireEvent.input(input, { target: { value: '14' } }));
    await act(async () => void fireEvent.click(screen.getByText('快进')));
    const dialog = await screen.findByRole('dialog', undefined, WAIT);
    expect(dialog.textContent).toContain('接口日期将从 2026-07-15 快进 14 天');
    await act(async () => void fireEvent.click(within(dialog).getByText('快进 14 天')));
    expect(
      await screen.findByText('已快进到 2026-07-29（共快进 14 天），结束公示 2 件。', undefined, WAIT),
    ).toBeTruthy();
    expect(requests.map((r) => [r.key, JSON.parse(r.body)])).toEqual([['POST /api/v1/demo/clock', { days: 14 }]]);
    expect(moved).toBe(1);
  });
});
