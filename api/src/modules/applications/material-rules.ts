import { type ApplicationStatus, type FileKind, type Material } from '@huiqi/shared';
import { AppError } from '../../common/errors.js';
import { type SlotStatus } from './material-slot.entity.js';

/**
 * The pure decisions about materials, kept out of the service so they are tested as tables
 * (material-rules.spec.ts): how long a file counts as evidence, which kinds a slot takes, what a
 * review does to a slot, and which required materials still stop a submission.
 */

/** The row of a slot that is its file now; `replaced` rows are its history. */
export const CURRENT_SLOT_STATUSES: readonly SlotStatus[] = ['attached', 'accepted', 'rejected'];

/** Statuses that fill a required slot for submission: a file sent back (`rejected`) does not. */
export const FILLED_SLOT_STATUSES: readonly SlotStatus[] = ['attached', 'accepted'];

/**
 * The last day (YYYY-MM-DD) a file attached `today` counts as evidence for a claim year, or null
 * for no end: permanent papers (a licence), the claim year's papers (tax, statistics) to its
 * 31 December, dated ones (a credit report) a number of months from the day they are attached.
 */
export const validUntil = (validity: Material['validity'], claimYear: number, today: string): string | null => {
  if (validity.kind === 'permanent') return null;
  if (validity.kind === 'claim-year') return `${claimYear}-12-31`;
  // The same day N months on, or that month's last day when it has no such day (30 November + 3
  // months is 28 February, not 2 March): Date's own arithmetic would run over into the next month.
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const target = month - 1 + validity.months;
  const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, target, Math.min(day, lastDay))).toISOString().slice(0, 10);
};

/** Why a slot refuses a file of this kind, or null when it takes it. */
export const kindRefusal = (material: Pick<Material, 'name' | 'accepts'>, kind: string): AppError | null =>
  material.accepts.includes(kind as FileKind)
    ? null
    : new AppError('INVALID_REQUEST', `“${material.name}”只接受 ${material.accepts.join('、').toUpperCase()} 文件`, [
        { field: 'fileId', message: `文件类型为 ${kind.toUpperCase()}，该材料不接受` },
      ]);

/**
 * Whether a file may go into a slot given the application's status and the slot's current row: a
 * draft takes files anywhere; once submitted, only where a reviewer sent the file back; returned
 * for supplement, only for a material the return names.
 */
export const attachRefusal = (
  applicationStatus: ApplicationStatus,
  current: SlotStatus | null,
  returnedMaterial = false,
): AppError | null => {
  if (applicationStatus === 'returned')
    return returnedMaterial
      ? null
      : new AppError('INVALID_TRANSITION', '补正时只能更换被退回的材料', { from: applicationStatus });
  return applicationStatus !== 'draft' && current !== 'rejected'
    ? new AppError('INVALID_TRANSITION', '申报已提交，只能更换被退回的材料', { from: applicationStatus })
    : null;
};

/** What a review makes of the slot's current row; a rejection must say why. */
export const reviewEffect = (
  decision: 'accept' | 'reject',
  reason: string | undefined,
): { status: SlotStatus; reason: string | null } | AppError => {
  if (decision === 'reject' && !reason?.trim())
    return new AppError('INVALID_REQUEST', '退回材料时请写明原因', [
      { field: 'reason', message: '请写明退回原因，告诉企业如何修改' },
    ]);
  return { status: decision === 'accept' ? 'accepted' : 'rejected', reason: reason?.trim() ?? null };
};

/** The required materials no filled slot answers: submission waits for them. */
export const missingRequired = (
  materials: readonly Material[],
  slots: readonly { materialId: string; status: SlotStatus }[],
): Material[] => {
  const have = new Set(slots.filter((s) => FILLED_SLOT_STATUSES.includes(s.status)).map((s) => s.materialId));
  return materials.filter((x) => x.required && !have.has(x.id));
};
