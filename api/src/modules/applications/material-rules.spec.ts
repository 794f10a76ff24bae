import { describe, expect, it } from '@jest/globals';
import { type Material } from '@huiqi/shared';
import { AppError } from '../../common/errors.js';
import {
  attachRefusal,
  CURRENT_SLOT_STATUSES,
  kindRefusal,
  missingRequired,
  reviewEffect,
  validUntil,
} from './material-rules.js';
import { type SlotStatus } from './material-slot.entity.js';

const material = (id: string, required: boolean, accepts: Material['accepts'] = ['pdf']): Material =>
  ({
    id,
    name: `材料${id}`,
    shows: '',
    accepts,
    required,
    validity: { kind: 'permanent' },
    proves: [],
    clause: '',
  }) as unknown as Material;

describe('how long a file counts as evidence', () => {
  it.each([
    ['permanent (a business licence)', { kind: 'permanent' } as const, 2026, '2026-06-15', null],
    ['the claim year (tax papers)', { kind: 'claim-year' } as const, 2025, '2026-06-15', '2025-12-31'],
    ['the claim year, attached in it', { kind: 'claim-year' } as const, 2026, '2026-01-01', '2026-12-31'],
    ['three months (a credit report)', { kind: 'months', months: 3 } as const, 2026, '2026-06-15', '2026-09-15'],
    ['across the new year', { kind: 'months', months: 3 } as const, 2026, '2026-10-15', '2027-01-15'],
    ['twelve months', { kind: 'months', months: 12 } as const, 2026, '2026-02-28', '2027-02-28'],
    // A month without the day ends on its last day, never in the month after.
    ['three months from 30 November', { kind: 'months', months: 3 } as const, 2026, '2026-11-30', '2027-02-28'],
    ['one month from 31 January', { kind: 'months', months: 1 } as const, 2026, '2026-01-31', '2026-02-28'],
    ['one month from 31 January, leap year', { kind: 'months', months: 1 } as const, 2028, '2028-01-31', '2028-02-29'],
    ['one month from 31 March', { kind: 'months', months: 1 } as const, 2026, '2026-03-31', '2026-04-30'],
    ['24 months from 29 February', { kind: 'months', months: 24 } as const, 2028, '2028-02-29', '2030-02-28'],
  ])('%s', (_label, validity, claimYear, today, until) => {
    expect(validUntil(validity, claimYear, today)).toBe(until);
  });
});

describe('which kinds a slot takes', () => {
  const licence = material('licence', true, ['pdf', 'png', 'jpeg']);
  const roster = material('roster', true, ['pdf']);
  it.each([
    [licence, 'pdf', true],
    [licence, 'png', true],
    [licence, 'jpeg', true],
    [licence, 'ofd', false],
    [roster, 'pdf', true],
    [roster, 'png', false],
    [roster, 'heic', false],
  ])('%#: %s', (m, kind, takes) => {
    const refusal = kindRefusal(m, kind);
    if (takes) expect(refusal).toBeNull();
    else
      expect(refusal).toMatchObject({
        code: 'INVALID_REQUEST',
        message: `“${m.name}”只接受 ${m.accepts.join('、').toUpperCase()} 文件`,
        details: [{ field: 'fileId', message: `文件类型为 ${kind.toUpperCase()}，该材料不接受` }],
      });
  });
});

describe('attaching by application status and the slot’s current file', () => {
  const currents: (SlotStatus | null)[] = [null, ...CURRENT_SLOT_STATUSES];
  it.each((['draft', 'submitted'] as const).flatMap((status) => currents.map((current) => [status, current] as const)))(
    '%s application, slot %s',
    (status, current) => {
      const refusal = attachRefusal(status, current);
      if (status === 'draft' || current === 'rejected') expect(refusal).toBeNull();
      else
        expect(refusal).toMatchObject({
          code: 'INVALID_TRANSITION',
          message: '申报已提交，只能更换被退回的材料',
          details: { from: 'submitted' },
        });
    },
  );
});

describe('what a review does to a slot', () => {
  it.each([
    ['accept', undefined, { status: 'accepted', reason: null }],
    ['accept', '  清晰  ', { status: 'accepted', reason: '清晰' }],
    ['reject', '盖章不清晰，请重新扫描', { status: 'rejected', reason: '盖章不清晰，请重新扫描' }],
    ['reject', ' 缺页 ', { status: 'rejected', reason: '缺页' }],
  ] as const)('%s with reason %j', (decision, reason, effect) => {
    expect(reviewEffect(decision, reason)).toEqual(effect);
  });

  it.each([undefined, '', '   '])('a rejection without a reason (%j) is refused', (reason) => {
    const effect = reviewEffect('reject', reason);
    expect(effect).toBeInstanceOf(AppError);
    expect(effect).toMatchObject({ code: 'INVALID_REQUEST', details: [{ field: 'reason' }] });
  });
});

describe('required materials that still stop a submission', () => {
  const materials = [material('a', true), material('b', true), material('c', false)];
  const ids = (slots: { materialId: string; status: SlotStatus }[]) =>
    missingRequired(materials, slots).map((m) => m.id);

  it.each([
    ['nothing attached', [], ['a', 'b']],
    ['one attached', [{ materialId: 'a', status: 'attached' }], ['b']],
    [
      'one accepted, one attached',
      [
        { materialId: 'a', status: 'accepted' },
        { materialId: 'b', status: 'attached' },
      ],
      [],
    ],
    [
      'a file sent back does not count',
      [
        { materialId: 'a', status: 'rejected' },
        { materialId: 'b', status: 'attached' },
      ],
      ['a'],
    ],
    ['a replaced file does not count', [{ materialId: 'a', status: 'replaced' }], ['a', 'b']],
    [
      'an optional material is never missing',
      [
        { materialId: 'a', status: 'attached' },
        { materialId: 'b', status: 'attached' },
        { materialId: 'c', status: 'rejected' },
      ],
      [],
    ],
    ['a slot of another material fills nothing', [{ materialId: 'zzz', status: 'attached' }], ['a', 'b']],
  ] as const)('%s', (_label, slots, missing) => {
    expect(ids([...slots])).toEqual(missing);
  });
});
