import {
  type ApplicationProgress,
  type ReturnedView,
  REVIEW_STAGES,
  type ReviewStage,
  type StageView,
} from '@huiqi/shared';
import { type ApplicationEntity, type ReturnedRecord } from './application.entity.js';

const isStage = (status: string): status is ReviewStage => Object.hasOwn(REVIEW_STAGES, status);

/** The stage an application is at, with its deadline; null for drafts and ended applications. */
export const stageOf = (a: ApplicationEntity, today: string): StageView | null => {
  if (!isStage(a.status)) return null;
  const stage = REVIEW_STAGES[a.status];
  const due = a.status === 'returned' ? (a.returned?.deadline ?? null) : a.stageDue;
  return {
    status: a.status,
    label: stage.label,
    unit: stage.unit,
    since: (a.stageSince ?? a.submittedAt ?? a.updatedAt).toISOString(),
    due,
    overdue: due !== null && today > due,
  };
};

/** A return as the firm reads it; `label` names each item (a condition's clause, a material's or fact's name). */
export const returnedView = (
  r: ReturnedRecord,
  today: string,
  labelOf: (item: ReturnedRecord['items'][number]) => string,
): ReturnedView => ({
  from: r.from,
  fromLabel: REVIEW_STAGES[r.from].label,
  items: r.items.map((item) => ({ ...item, label: labelOf(item) })),
  deadline: r.deadline,
  overdue: today > r.deadline,
  at: r.at,
});

/** Where the application stands in review, notice and payment, for the firm and its reviewers. */
export const progressOf = (
  a: ApplicationEntity,
  context: {
    today: string;
    roundTitle: string | null;
    openObjections: number;
    labelOf: (item: ReturnedRecord['items'][number]) => string;
  },
): ApplicationProgress => ({
  roundId: a.roundId,
  roundTitle: context.roundTitle,
  stage: stageOf(a, context.today),
  awardFen: a.awardFen,
  awardReason: a.awardReason,
  // Shown while the applicant has something to supplement.
  returned: a.status === 'returned' && a.returned ? returnedView(a.returned, context.today, context.labelOf) : null,
  notice:
    a.noticeStarts !== null && a.noticeEnds !== null
      ? { starts: a.noticeStarts, ends: a.noticeEnds, objections: context.openObjections }
      : null,
  payment: a.voucherNo !== null && a.paidOn !== null ? { voucherNo: a.voucherNo, paidOn: a.paidOn } : null,
  rejectionReason: a.status === 'rejected' ? a.rejectionReason : null,
});
