/**
 * Work repeated every `everyMs` in this instance, one run after the other (a timeout, not an
 * interval: a slow run never overlaps the next), that never keeps the process alive, and that
 * stops by letting a running pass finish before the database closes under it. Runs that fail are
 * reported to `onError` and the schedule goes on.
 */
export class Repeating {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly everyMs: number,
    private readonly work: (reason: 'boot' | 'scheduled') => Promise<void>,
    private readonly onError: (error: unknown, reason: 'boot' | 'scheduled') => void,
  ) {}

  /** Runs once now, then on schedule; settles when the first run has (or at once with `wait: false`). */
  start({ wait }: { wait: boolean }): Promise<void> {
    const first = this.run('boot').then(() => this.schedule());
    return wait ? first : Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run('scheduled').then(() => this.schedule()), this.everyMs);
    this.timer.unref();
  }

  private run(reason: 'boot' | 'scheduled'): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running = this.work(reason).catch((error: unknown) => this.onError(error, reason));
    return this.running;
  }
}
