import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Reads larger than this bypass the window, and copies move this much at a time. */
const CHUNK = 64 * 1024;

/**
 * The upload is not what its format says it is (truncated, a length pointing past the end, ...).
 * The message reaches the user; `detail` is for the log.
 */
export class MalformedFileError extends Error {
  constructor(readonly detail: string) {
    super('文件内容已损坏或格式不正确，无法处理，请重新导出后再上传');
    this.name = 'MalformedFileError';
  }
}

/**
 * A file read at positions through one handle. Parsers make many small reads (a marker, a box
 * header); a 64 KiB window turns them into few system calls without ever holding the whole file.
 */
export class ByteSource {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    readonly handle: FileHandle,
    readonly size: number,
    readonly mode: number,
  ) {}

  /** Up to `length` bytes at `position`, fewer at the end of the file. May share memory: copy before changing it. */
  async read(position: number, length: number): Promise<Buffer> {
    const end = Math.min(position + length, this.size);
    if (position < 0 || length <= 0 || position >= end) return Buffer.alloc(0);
    const windowEnd = this.windowStart + this.window.length;
    if (position >= this.windowStart && end <= windowEnd) {
      return this.window.subarray(position - this.windowStart, end - this.windowStart);
    }
    if (end - position > CHUNK) return this.readDirect(position, end - position);
    this.window = await this.readDirect(position, Math.min(CHUNK, this.size - position));
    this.windowStart = position;
    return this.window.subarray(0, end - position);
  }

  /** Exactly `length` bytes at `position`, or a MalformedFileError naming `what` was cut short. */
  async exactly(position: number, length: number, what: string): Promise<Buffer> {
    const bytes = await this.read(position, length);
    if (bytes.length !== length) throw new MalformedFileError(`${what} at ${position} runs past the end of the file`);
    return bytes;
  }

  private async readDirect(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === length ? buffer : buffer.subarray(0, filled);
  }
}

/** Opens `path` read-only for the duration of `work`. */
export async function withSource<T>(path: string, work: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    return await work(new ByteSource(handle, stats.size, stats.mode));
  } finally {
    await handle.close();
  }
}

/** One step of rewriting a file: keep a byte range of the original, write new bytes, or write zeros. */
export type Piece =
  | { readonly op: 'copy'; readonly start: number; readonly end: number }
  | { readonly op: 'write'; readonly data: Buffer }
  | { readonly op: 'zero'; readonly length: number };

/**
 * Replaces the file at `source`'s path with the concatenation of `pieces`. The new content goes to a
 * temporary file in the same directory, renamed over the original only once complete: a failure
 * midway leaves the upload as it was, and the rename cannot cross file systems. No fsync: the file
 * is a transient upload, and a crash loses the request anyway.
 */
export async function rewriteFile(path: string, source: ByteSource, pieces: readonly Piece[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const out = await open(temp, 'wx', source.mode & 0o777);
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (const piece of pieces) {
      if (piece.op === 'write') {
        await writeAll(out, piece.data);
      } else if (piece.op === 'zero') {
        for (let left = piece.length; left > 0; left -= CHUNK) {
          await writeAll(out, Buffer.alloc(Math.min(left, CHUNK)));
        }
      } else {
        await copyRange(source.handle, piece.start, piece.end, out, buffer);
      }
    }
    await out.close();
    await rename(temp, path);
  } catch (error) {
    await out.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

async function writeAll(out: FileHandle, data: Buffer): Promise<void> {
  for (let written = 0; written < data.length;) {
    const { bytesWritten } = await out.write(data, written, data.length - written);
    written += bytesWritten;
  }
}

/** Streams [start, end) of `from` into `out` through one reused buffer. */
async function copyRange(from: FileHandle, start: number, end: number, out: FileHandle, buffer: Buffer): Promise<void> {
  for (let position = start; position < end;) {
    const { bytesRead } = await from.read(buffer, 0, Math.min(buffer.length, end - position), position);
    if (bytesRead === 0) throw new MalformedFileError(`the file ended at ${position} while copying up to ${end}`);
    await writeAll(out, buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}
