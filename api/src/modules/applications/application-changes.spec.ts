import { describe, expect, it } from '@jest/globals';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@huiqi/shared';
import { APPLICATION_RULES, type ApplicationChange, refusalOf } from './application-changes.js';

/** Which changes each status allows: the workflow's rules, row by row. */
const ALLOWED: Record<ApplicationStatus, ApplicationChange[]> = {
  draft: ['application.updated', 'application.submitted', 'application.withdrawn', 'application.material-attached'],
  submitted: [
    'application.withdrawn',
    // Only into a slot a reviewer sent back: the step checks the slot.
    'application.material-attached',
    'application.material-accepted',
    'application.material-rejected',
  ],
  withdrawn: [],
};

describe('changes of an application by status', () => {
  const changes = Object.keys(APPLICATION_RULES) as ApplicationChange[];
  it.each(APPLICATION_STATUSES.flatMap((status) => changes.map((change) => [status, change] as const)))(
    'from %s: %s',
    (status, change) => {
      const refusal = refusalOf(APPLICATION_RULES[change], status);
      if (ALLOWED[status].includes(change)) expect(refusal).toBeNull();
      else expect(refusal).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: status } });
    },
  );

  it('a refused move of status says where the application stands and what was asked', () => {
    expect(refusalOf(APPLICATION_RULES['application.withdrawn'], 'withdrawn')).toMatchObject({
      message: '申报当前为“已撤回”，不能撤回',
      details: { from: 'withdrawn', to: 'withdrawn' },
    });
    expect(refusalOf(APPLICATION_RULES['application.updated'], 'submitted')?.message).toBe(
      '申报当前为“已提交”，只有草稿可以修改',
    );
  });
});
