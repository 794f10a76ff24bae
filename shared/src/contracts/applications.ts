/**
 * The life of an application. Later issues add review, notice and payment states; the
 * transitions table is the one place that says which moves exist.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: { readonly [S in ApplicationStatus]: readonly ApplicationStatus[] } = {
  draft: ['submitted', 'withdrawn'],
  // Withdrawal is possible until a decision is made.
  submitted: ['withdrawn'],
  withdrawn: [],
};

export const APPLICATION_STATUS_LABELS: { readonly [S in ApplicationStatus]: string } = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  APPLICATION_TRANSITIONS[from].includes(to);
