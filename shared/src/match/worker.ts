// A worker thread of `policy match --summary`: answers each batch of lines it is sent, in order.
import { Buffer } from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { type Batch, type BatchAnswer } from './protocol';
import { answerLine } from './summary';

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
// Output goes back as bytes the worker encodes and hands over: the main thread only writes them.
const encoder = new TextEncoder();

/** Answers every line of a batch; blank lines keep their number but get no output line. */
const answer = ({ seq, firstLine, bytes }: Batch): BatchAnswer => {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  let errors = '';
  let failed = 0;
  let line = firstLine;
  for (let start = 0; start < data.length; line++) {
    const newline = data.indexOf(NEWLINE, start);
    let end = newline < 0 ? data.length : newline;
    if (end > start && data[end - 1] === CARRIAGE_RETURN) end--;
    const text = data.toString('utf8', start, end);
    start = newline < 0 ? data.length : newline + 1;
    if (text.trim() === '') continue;
    const result = answerLine(line, text);
    out += `${result.json}\n`;
    if (result.error !== null) {
      failed++;
      errors += `${result.error}\n`;
    }
  }
  return { seq, out: encoder.encode(out), errors, failed, crash: null };
};

const port = parentPort;
if (!port) throw new Error('match worker must run in a worker thread');
port.on('message', (batch: Batch) => {
  let reply: BatchAnswer;
  try {
    reply = answer(batch);
  } catch (e) {
    reply = { seq: batch.seq, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply, reply.crash === null ? [reply.out.buffer as ArrayBuffer] : []);
});
