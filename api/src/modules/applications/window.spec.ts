import { describe, expect, it } from '@jest/globals';
import { FixedClock, shanghaiDay } from '../../common/clock.js';
import { windowRefusal } from './window.js';

const MARCH = { opens: '2026-03-01', closes: '2026-03-31' };

describe('the application window, by day in Liaocheng', () => {
  it.each([
    ['the day before it opens', '2026-02-28', false],
    ['the day it opens', '2026-03-01', true],
    ['a day inside', '2026-03-15', true],
    ['the day it closes', '2026-03-31', true],
    ['the day after it closes', '2026-04-01', false],
    ['a later year', '2027-03-15', false],
  ])('%s (%s): open %s', (_label, today, open) => {
    const refusal = windowRefusal(MARCH, 2026, today);
    if (open) expect(refusal).toBeNull();
    else
      expect(refusal).toMatchObject({
        code: 'OUTSIDE_WINDOW',
        message: '不在申报时间内：2026年度的申报时间为2026年3月1日至2026年3月31日',
        details: { opens: '2026-03-01', closes: '2026-03-31', today },
      });
  });

  it('no window: the round is not announced, whatever the day', () => {
    expect(windowRefusal(undefined, 2026, '2026-03-15')).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      message: '2026年度的申报批次尚未公布，暂不能提交申报；可先保存草稿，批次公布后再提交',
      details: { opens: null, closes: null, today: '2026-03-15' },
    });
  });

  it('a one-day window is open on that day only', () => {
    const one = { opens: '2026-05-20', closes: '2026-05-20' };
    expect(['2026-05-19', '2026-05-20', '2026-05-21'].map((d) => windowRefusal(one, 2026, d) === null)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it.each([
    // UTC instant → the day in Asia/Shanghai (UTC+8, no daylight saving).
    ['2026-02-28T15:59:59.999Z', '2026-02-28'],
    ['2026-02-28T16:00:00.000Z', '2026-03-01'],
    ['2026-03-31T15:59:59.999Z', '2026-03-31'],
    ['2026-03-31T16:00:00.000Z', '2026-04-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('%s is %s in Liaocheng', (instant, day) => {
    expect(shanghaiDay(new Date(instant))).toBe(day);
    expect(new FixedClock(new Date(instant)).today()).toBe(day);
  });

  it('opens at midnight Liaocheng time, eight hours before midnight UTC', () => {
    const at = (instant: string) => windowRefusal(MARCH, 2026, new FixedClock(new Date(instant)).today());
    expect(at('2026-02-28T15:59:59Z')).not.toBeNull();
    expect(at('2026-02-28T16:00:00Z')).toBeNull();
    expect(at('2026-03-31T15:59:59Z')).toBeNull();
    expect(at('2026-03-31T16:00:00Z')).not.toBeNull();
  });

  it('the year of the clock is the year in Liaocheng', () => {
    expect(new FixedClock(new Date('2026-12-31T16:30:00Z')).year()).toBe(2027);
  });
});
