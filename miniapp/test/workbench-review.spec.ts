import { describe, expect, it } from '@jest/globals';
import { type ReviewConditionView } from '@huiqi/shared';
import {
  buildPayment,
  buildReturn,
  buildVerification,
  checkAward,
  isReviewOnly,
  stepIndex,
  viewerKind,
  zoomBy,
} from '../src/workbench/review';

const condition = (over: Partial<ReviewConditionView> = {}): ReviewConditionView => ({
  id: 'retail-threshold',
  clause: '当年实现网络零售额1亿元以上',
  status: 'met',
  explanation: '',
  facts: ['onlineRetailFen'],
  materialIds: [],
  verification: null,
  ...over,
});

describe('workbench/review: the application page logic', () => {
  it('reads the award in yuan exactly, refuses above the max and a lowered one without a reason, flags a second approver', () => {
    expect(checkAward({ yuan: '12345.67', reason: '核减' }, 3_000_000, 50_000_000)).toMatchObject({
      ok: true,
      body: { awardFen: 1_234_567, reason: '核减' },
      lowered: true,
      needsSecondApprover: false,
    });
    expect(checkAward({ yuan: '12345.67', reason: ' ' }, 3_000_000, 50_000_000)).toEqual({
      ok: false,
      errors: { reason: '核定金额低于上限时请写明理由' },
    });
    expect(checkAward({ yuan: '30000.01', reason: 'x' }, 3_000_000, 50_000_000)).toEqual({
      ok: false,
      errors: { award: '核定金额不能高于上限3万元' },
    });
    expect(checkAward({ yuan: '0.001', reason: '' }, 3_000_000, 50_000_000).ok).toBe(false);
    expect(checkAward({ yuan: '600000', reason: '' }, 60_000_000, 50_000_000)).toMatchObject({
      ok: true,
      body: { awardFen: 60_000_000 },
      lowered: false,
      needsSecondApprover: true,
    });
  });

  it('builds an itemised return: every item needs its reason, the deadline after today or left to the API', () => {
    const items = [{ kind: 'material' as const, id: 'licence', label: '营业执照', reason: ' 盖章 ' }];
    expect(buildReturn(items, '', '2026-06-30')).toEqual({
      ok: true,
      body: { items: [{ kind: 'material', id: 'licence', reason: '盖章' }] },
    });
    expect(buildReturn(items, '2026-06-30', '2026-06-30')).toEqual({
      ok: false,
      errors: { deadline: '补正期限须晚于今天' },
    });
    expect(
      buildReturn([{ kind: 'material', id: 'licence', label: '营业执照', reason: '' }], '2026-07-10', '2026-06-30'),
    ).toEqual({
      ok: false,
      errors: { 'material:licence': '请写明“营业执照”需要补正什么' },
    });
    expect(buildReturn([], '', '2026-06-30').ok).toBe(false);
  });

  it('verifies by the kind of condition; a correction sends the typed facts as fen', () => {
    expect(buildVerification(condition(), { verdict: 'met', inputs: {}, note: '', materialIds: [] }).ok).toBe(false);
    expect(
      buildVerification(condition(), {
        verdict: 'corrected',
        inputs: { onlineRetailFen: '1.05' },
        note: ' 见统计表 ',
        materialIds: ['m'],
      }),
    ).toEqual({
      ok: true,
      body: {
        conditionId: 'retail-threshold',
        verdict: 'corrected',
        materialIds: ['m'],
        note: '见统计表',
        facts: { onlineRetailFen: 105 },
      },
    });
    expect(buildVerification(condition(), { verdict: 'corrected', inputs: {}, note: '', materialIds: [] })).toEqual({
      ok: false,
      errors: { facts: '更正时请填写核实后的数据' },
    });
    const reviewOnly = condition({ status: 'review', facts: [] });
    expect(isReviewOnly(reviewOnly)).toBe(true);
    expect(buildVerification(reviewOnly, { verdict: 'unmet', inputs: {}, note: '', materialIds: [] }).ok).toBe(true);
  });

  it('checks a payment, steps through lists and zooms within its steps', () => {
    expect(buildPayment(' PZ-1 ', '2026-06-30', '2026-06-30')).toEqual({
      ok: true,
      body: { voucherNo: 'PZ-1', paidOn: '2026-06-30' },
    });
    expect(buildPayment('', '2026-07-01', '2026-06-30')).toEqual({
      ok: false,
      errors: { voucherNo: '请填写拨付凭证号', paidOn: '拨付日期不能晚于今天' },
    });
    expect([
      stepIndex(0, 3, 1),
      stepIndex(2, 3, 1),
      stepIndex(0, 3, -1),
      stepIndex(-1, 3, -1),
      stepIndex(0, 0, 1),
    ]).toEqual([1, 2, 0, 2, -1]);
    expect([zoomBy(1, 1), zoomBy(1, -1), zoomBy(3, 1), zoomBy(0.5, -1)]).toEqual([1.25, 0.75, 3, 0.5]);
    expect([
      viewerKind({ mime: 'application/pdf' }),
      viewerKind({ mime: 'image/jpeg' }),
      viewerKind({ mime: 'application/zip' }),
    ]).toEqual(['pdf', 'image', 'other']);
  });
});
