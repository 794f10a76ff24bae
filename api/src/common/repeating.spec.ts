import { describe, expect, it } from '@jest/globals';
import { Repeating } from './repeating.js';

/** Polls until `done` holds, failing after two seconds. */
const until = async (done: () => boolean): Promise<void> => {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('not in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
};

describe('Repeating', () => {
  it('runs at start, then again and again, one run after the other; a failure is reported and the schedule goes on', async () => {
    const reasons: string[] = [];
    const errors: string[] = [];
    let active = 0;
    let overlapped = false;
    const repeating = new Repeating(
      1,
      async (reason) => {
        active += 1;
        overlapped ||= active > 1;
        reasons.push(reason);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
        if (reasons.length === 2) throw new Error('second run fails');
      },
      (error, reason) => errors.push(`${reason}: ${String(error)}`),
    );
    await repeating.start({ wait: true });
    expect(reasons).toEqual(['boot']);
    await until(() => reasons.length >= 4);
    await repeating.stop();
    expect(reasons.slice(0, 4)).toEqual(['boot', 'scheduled', 'scheduled', 'scheduled']);
    expect(errors).toEqual(['scheduled: Error: second run fails']);
    expect(overlapped).toBe(false);
  });

  it('stops after the running pass has finished, and runs no more', async () => {
    let finished = false;
    let runs = 0;
    let release: () => void = () => undefined;
    const repeating = new Repeating(
      1,
      async () => {
        runs += 1;
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
      () => undefined,
    );
    void repeating.start({ wait: false });
    await until(() => runs === 1);
    const stopping = repeating.stop();
    expect(finished).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    // Several of its periods later, nothing has run (a wait that can only let a wrong timer show itself).
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runs).toBe(1);
  });
});
