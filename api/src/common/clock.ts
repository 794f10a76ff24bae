import { readFileSync, writeFileSync } from 'node:fs';

/** The day in Asia/Shanghai (UTC+8, no daylight saving) at an instant, YYYY-MM-DD: policy dates are local to Liaocheng. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The time, injectable so rules about dates (application windows) are testable. */
export abstract class Clock {
  abstract now(): Date;

  /** Today in Asia/Shanghai as YYYY-MM-DD: policy dates are local to Liaocheng. */
  today(): string {
    return shanghaiDay(this.now());
  }

  /** The current year in Asia/Shanghai. */
  year(): number {
    return Number(this.today().slice(0, 4));
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that can be moved forward: the demo's (演示时钟) and the tests'. */
export interface AdvanceableClock {
  advance(ms: number): void;
}

export const isAdvanceable = (clock: Clock): clock is Clock & AdvanceableClock =>
  typeof (clock as Partial<AdvanceableClock>).advance === 'function';

/**
 * The demo's clock (`npm start` only, DEMO_CLOCK=1, refused in production): the system's time moved
 * forward by an offset the administrator sets (演示时钟), so a demo can pass a notice period's working
 * days in a minute. The offset is kept beside the demo's database (`file`), so a restart keeps the
 * demo's today.
 */
export class DemoClock extends Clock implements AdvanceableClock {
  private offsetMs: number;

  constructor(private readonly file: string | null = null) {
    super();
    this.offsetMs = file ? readOffset(file) : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
    if (this.file) writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs }));
  }
}

const readOffset = (file: string): number => {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const offset = (value as { offsetMs?: unknown }).offsetMs;
    return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
  } catch {
    return 0;
  }
};

/** A clock that stays at one moment: for the command line's one change, and for tests. */
export class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}

/** An instant in Asia/Shanghai, `YYYY-MM-DD HH:MM:SS`: how a person there reads a time. */
export const shanghaiTime = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
