import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { FileEntity } from './file.entity.js';
import { FILE_STORAGE, type FileStorage, type StoredObject } from './storage.js';

/**
 * Nothing younger than this is swept. For a temp file: longer than any upload pauses between two
 * writes (mtime moves with every write; WeChat's uploadFile gives up after 60 s), for uploads of
 * another instance sharing the disk, which this process cannot see. For a stored file: longer than
 * any upload takes from `put` to its row (milliseconds; a transaction that waits an hour has
 * failed). File ages are read on the file system's clock (Date.now against mtimes the kernel
 * wrote), not the app's Clock, which tests move for business dates.
 */
export const SWEEP_MIN_AGE_MS = 3600_000;

/** Stored objects checked against the rows in one query. */
const BATCH = 200;

/**
 * Temp files of an upload: `<id>.upload` (files.service.ts), and the sibling that metadata
 * stripping writes before renaming it over the upload (`.<id>.upload.<hex>.tmp`, content/io.ts).
 */
const UPLOAD_TEMP = /^\.?([0-9a-f-]{36})\.upload(?:\.[0-9a-f]+\.tmp)?$/;

/** The uploads this process is receiving: their temp files are never swept, however old. */
@Injectable()
export class UploadsInFlight {
  private readonly ids = new Set<string>();

  /** A new upload's id; its temp file is `<id>.upload`. Call `end` once the temp file is gone. */
  begin(): string {
    const id = randomUUID();
    this.ids.add(id);
    return id;
  }

  end(id: string): void {
    this.ids.delete(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

export interface SweepReport {
  temp: { count: number; bytes: number };
  stored: { count: number; bytes: number };
}

/**
 * Removes what uploads left behind: temp files of uploads that died (a crash, a kill -9) and
 * stored files no row references (a crash between `put` and the row). It runs at boot and then
 * every FILE_SWEEP_INTERVAL_SECONDS, and never removes a file a live upload or a row needs: the
 * argument is in docs/files.md.
 */
@Injectable()
export class FileSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FileSweeper');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Sweeps in this process run one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: ((report: SweepReport) => void)[] = [];
  /**
   * A test seam: runs after a stored object was judged unreferenced and before its removal is
   * attempted, so a test can upload the same bytes at exactly that moment.
   */
  readonly testHooks: { beforeRemove?: (key: string) => Promise<void> } = {};

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly inFlight: UploadsInFlight,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweepLogged('boot').catch(() => undefined);
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // Let a running sweep finish before the database closes under it.
    await this.queue.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.scheduled(), this.config.files.sweepIntervalSeconds * 1000);
    // A pending sweep never keeps the process alive.
    this.timer.unref();
  }

  private async scheduled(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    const report = await this.sweepLogged('scheduled').catch(() => undefined);
    if (report) for (const resolve of waiting) resolve(report);
    else this.waiting.push(...waiting);
    this.schedule();
  }

  /** The report of the next scheduled sweep that starts after this call. */
  nextScheduledSweep(): Promise<SweepReport> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** One sweep now, after any sweep of this process already running. */
  sweep(): Promise<SweepReport> {
    const run = this.queue.catch(() => undefined).then(() => this.sweepOnce());
    this.queue = run;
    return run;
  }

  private async sweepLogged(reason: 'boot' | 'scheduled'): Promise<SweepReport> {
    try {
      const report = await this.sweep();
      this.logger.log({
        msg: 'file sweep',
        reason,
        tempFilesRemoved: report.temp.count,
        tempBytesRemoved: report.temp.bytes,
        storedFilesRemoved: report.stored.count,
        storedBytesRemoved: report.stored.bytes,
      });
      return report;
    } catch (error) {
      this.logger.error({ msg: 'file sweep failed', reason, err: String(error) });
      throw error;
    }
  }

  private async sweepOnce(): Promise<SweepReport> {
    const report: SweepReport = { temp: { count: 0, bytes: 0 }, stored: { count: 0, bytes: 0 } };
    const cutoff = Date.now() - SWEEP_MIN_AGE_MS;

    for await (const temp of this.storage.listTemp()) {
      const id = UPLOAD_TEMP.exec(temp.name)?.[1];
      if (id === undefined || temp.modifiedAt.getTime() > cutoff || this.inFlight.has(id)) continue;
      if (await this.storage.removeTemp(temp.name)) {
        report.temp.count += 1;
        report.temp.bytes += temp.size;
      }
    }

    let batch: StoredObject[] = [];
    for await (const object of this.storage.list()) {
      if (object.modifiedAt.getTime() > cutoff) continue;
      batch.push(object);
      if (batch.length >= BATCH) {
        await this.sweepStored(batch, report);
        batch = [];
      }
    }
    await this.sweepStored(batch, report);
    return report;
  }

  private async sweepStored(objects: StoredObject[], report: SweepReport): Promise<void> {
    if (objects.length === 0) return;
    const used = await this.referenced(objects.map((o) => o.key));
    for (const object of objects) {
      if (used.has(object.key)) continue;
      await this.testHooks.beforeRemove?.(object.key);
      // Asked again once the object is out of reach of any later put: a row written meanwhile keeps it.
      const stillUnreferenced = async () => !(await this.referenced([object.key])).has(object.key);
      if (await this.storage.removeIfUnchanged(object, stillUnreferenced)) {
        report.stored.count += 1;
        report.stored.bytes += object.size;
      }
    }
  }

  /** The keys among `keys` that some row references. */
  private async referenced(keys: string[]): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(FileEntity)
      .find({ select: { storageKey: true }, where: { storageKey: In(keys) } });
    return new Set(rows.map((r) => r.storageKey));
  }
}
