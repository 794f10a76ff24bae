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
