// `policy match --summary`: the input is cut into batches of whole lines, the batches go round
// the worker threads, and their answers are written in input order. At most two batches per
// worker are in flight; reading waits for the oldest answer to be written, and writing waits for
// the output to drain, so memory stays flat whatever the size of the input.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import { type Readable, type Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { type Batch, type BatchAnswer } from './protocol';

/** Bytes of input per batch: thousands of lines, so messages between threads cost nothing. */
const BATCH_BYTES = 512 * 1024;
const IN_FLIGHT_PER_WORKER = 2;
const NEWLINE = 10;

export interface MatchTotals {
  /** Lines read, blank ones included. */
  lines: number;
  /** Lines refused (each answered with its error). */
  failed: number;
}

/** A worker thread and the replies it owes, oldest first (a worker answers in the order it is sent). */
class Lane {
  private readonly worker = new Worker(join(__dirname, 'worker.js'));
  private readonly waiting: { resolve: (a: BatchAnswer) => void; reject: (e: Error) => void }[] = [];

  constructor() {
    this.worker.on('message', (answer: BatchAnswer) => this.waiting.shift()?.resolve(answer));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`批量评估的工作线程意外退出（退出码 ${code}）`)));
  }

  send(batch: Batch): Promise<BatchAnswer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      // The bytes are a copy made for this batch: hand them over instead of copying again.
      this.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
    });
  }

  private failAll(error: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

const countLines = (bytes: Uint8Array): number => {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
};

/** Writes, waiting for the stream to drain when its buffer is full. */
const write = (stream: Writable, text: string | Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    if (text.length === 0) return resolve();
    const onError = (e: Error) => reject(e);
    stream.once('error', onError);
    const flushed = stream.write(text, () => stream.off('error', onError));
    if (flushed) resolve();
    else stream.once('drain', () => resolve());
  });

/**
 * Answers every line of `input` on `workers` threads, writing one output line per non-blank input
 * line to `out` in input order and each refusal's message to `err`.
 */
export const matchSummary = async (
  input: Readable,
  out: Writable,
  err: Writable,
  workers: number,
): Promise<MatchTotals> => {
  const lanes = Array.from({ length: workers }, () => new Lane());
  const inFlight: Promise<BatchAnswer>[] = [];
  let seq = 0;
  let nextLine = 1;
  let failed = 0;
  let lastByte = NEWLINE;

  const writeOldest = async (): Promise<void> => {
    const answer = await (inFlight.shift() as Promise<BatchAnswer>);
    if (answer.crash !== null) throw new Error(`批量评估的工作线程出错：${answer.crash}`);
    failed += answer.failed;
    await write(err, answer.errors);
    await write(out, answer.out);
  };

  const dispatch = async (data: Buffer, length: number): Promise<void> => {
    if (inFlight.length >= workers * IN_FLIGHT_PER_WORKER) await writeOldest();
    const bytes = new Uint8Array(length);
    bytes.set(data.subarray(0, length));
    const firstLine = nextLine;
    // Counted before sending: sending hands the bytes over to the worker.
    nextLine += countLines(bytes);
    const answer = (lanes[seq % workers] as Lane).send({ seq, firstLine, bytes });
    // Awaited in order by writeOldest; until then a worker's failure must not count as unhandled.
    answer.catch(() => undefined);
    inFlight.push(answer);
    seq++;
  };

  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1] as number;
      // A batch is cut at the last line end once there is enough; a line longer than a batch
      // waits for a chunk that ends it (copying the pieces once, not at every chunk).
      if (pendingBytes < BATCH_BYTES || chunk.indexOf(NEWLINE) < 0) continue;
      const data = Buffer.concat(pending, pendingBytes);
      const cut = data.lastIndexOf(NEWLINE) + 1;
      await dispatch(data, cut);
      pending = cut < data.length ? [data.subarray(cut)] : [];
      pendingBytes = data.length - cut;
    }
    if (pendingBytes > 0) await dispatch(Buffer.concat(pending, pendingBytes), pendingBytes);
    while (inFlight.length > 0) await writeOldest();
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
  }
  // A last line without a newline is a line too.
  return { lines: nextLine - 1 + (lastByte === NEWLINE ? 0 : 1), failed };
};
