#!/usr/bin/env node
// The policy command line: `policy evaluate FILE|-`, `policy commendations FILE|-`,
// `policy match [--summary [--workers N]] FILE.jsonl|-`. JSON out on stdout; a bad request or a
// year with no edition exits 2 with a Chinese message on stderr.
import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { type Readable } from 'node:stream';
import { commendations } from './commendations/commendations';
import { PolicyError } from './contracts/errors';
import { evaluate } from './evaluate';
import { matchSummary } from './match/pool';
import { describeError } from './match/summary';

const USAGE = `用法：
  npm run --silent policy -- evaluate FILE|-        评估一家企业可申报的资金奖励（FILE 为请求 JSON，- 读标准输入）
  npm run --silent policy -- commendations FILE|-   计算县（市、区）通报表扬名单
  npm run --silent policy -- match FILE.jsonl|-     批量评估：每行一个请求，每行输出一个完整结果（含判断过程）
  npm run --silent policy -- match --summary FILE.jsonl|-
                                                    批量匹配（免申即享）：每行输出一家企业各项目的状态、最高金额和
                                                    缺少的信息（不含判断过程），使用全部CPU核心，按输入顺序输出
  加 --pretty 输出缩进格式的 JSON（evaluate、commendations）；加 --workers N 指定 --summary 使用的线程数`;

const EXIT_BAD_INPUT = 2;

class UsageError extends Error {}

const describe = describeError;

const readJson = (file: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseJson(text);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PolicyError('INVALID_REQUEST', `请求不是有效的 JSON：${(e as Error).message}`, [
      { field: '(request)', message: '请检查 JSON 格式（引号、逗号、括号）' },
    ]);
  }
};

/** Writes with backpressure, so a huge batch never piles up in memory. */
const write = (line: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (process.stdout.write(line, (err) => (err ? reject(err) : undefined))) resolve();
    else process.stdout.once('drain', resolve);
  });

/**
 * One request per input line, one response per output line, in order. A bad line does not
 * stop the batch: its output line is `{"line":N,"error":{…}}`, the message also goes to
 * stderr, and the exit code is 2 once the batch ends. Blank lines are skipped.
 */
/** Standard input, or the file once it is open (a missing file is a usage error, not a crash). */
const openInput = async (file: string): Promise<Readable> => {
  if (file === '-') return process.stdin;
  const input = createReadStream(file, { highWaterMark: 1024 * 1024 });
  try {
    await new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  } catch (e) {
    throw new UsageError(`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return input;
};

/** Lines answered between two turns of the event loop in `match`. */
const YIELD_EVERY = 256;

const match = async (file: string): Promise<number> => {
  const input = await openInput(file);
  input.setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const raw of lines) {
    lineNo++;
    // Lines of a read chunk and writes that need no wait resolve as one chain of microtasks, and
    // the stream's write callbacks (process.nextTick) cannot run until it breaks: every answer of
    // the chunk (about 25 KB each) stays in memory. Yielding to the event loop now and then lets
    // them go (20,000 lines: 496 MB peak before, and out of memory under a 64 MB heap).
    if (lineNo % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (raw.trim() === '') continue;
    try {
      const response = evaluate(parseJson(raw));
      await write(`${JSON.stringify({ line: lineNo, ...response })}\n`);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      failed++;
      process.stderr.write(`第${lineNo}行：${describe(e)}\n`);
      await write(`${JSON.stringify({ line: lineNo, error: e.toJSON() })}\n`);
    }
  }
  if (failed > 0) process.stderr.write(`共${lineNo}行，其中${failed}行请求有误\n`);
  return failed > 0 ? EXIT_BAD_INPUT : 0;
};

/**
 * 免申即享: one compact line per firm, on every core, in input order. A bad line is answered in
 * place like in `match`, and the exit code is 2 once the batch ends.
 */
const matchSummaryCommand = async (file: string, workers: number): Promise<number> => {
  const totals = await matchSummary(await openInput(file), process.stdout, process.stderr, workers);
  if (totals.failed > 0) process.stderr.write(`共${totals.lines}行，其中${totals.failed}行请求有误\n`);
  return totals.failed > 0 ? EXIT_BAD_INPUT : 0;
};

interface Options {
  pretty: boolean;
  summary: boolean;
  workers: number | null;
  positional: string[];
}

const MAX_WORKERS = 256;

const parseOptions = (args: readonly string[]): Options => {
  const options: Options = { pretty: false, summary: false, workers: null, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--pretty') options.pretty = true;
    else if (arg === '--summary') options.summary = true;
    else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const value = arg === '--workers' ? args[++i] : arg.slice('--workers='.length);
      const n = value !== undefined && /^[1-9]\d{0,2}$/.test(value) ? Number(value) : NaN;
      if (!(n <= MAX_WORKERS)) throw new UsageError(`--workers 必须是1到${MAX_WORKERS}之间的整数（线程数）\n${USAGE}`);
      options.workers = n;
    } else if (arg.startsWith('--') && arg !== '--help') throw new UsageError(`不认识的选项“${arg}”\n${USAGE}`);
    else options.positional.push(arg);
  }
  return options;
};

const run = async (args: readonly string[]): Promise<number> => {
  // Compact JSON by default: byte for byte what the API answers. --pretty indents it for people.
  const { pretty, summary, workers, positional } = parseOptions(args);
  const [command, file, ...extra] = positional;
  const json = (value: unknown): string => `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!command || !file || extra.length > 0) throw new UsageError(USAGE);
  if ((summary || workers !== null) && command !== 'match')
    throw new UsageError(`--summary 和 --workers 只用于 match 命令\n${USAGE}`);
  if (workers !== null && !summary) throw new UsageError(`--workers 只用于 match --summary\n${USAGE}`);
  if (summary) return matchSummaryCommand(file, workers ?? availableParallelism());
  switch (command) {
    case 'evaluate':
      await write(json(evaluate(readJson(file))));
      return 0;
    case 'commendations':
      await write(json(commendations(readJson(file))));
      return 0;
    case 'match':
      return match(file);
    default:
      throw new UsageError(`不认识的命令“${command}”\n${USAGE}`);
  }
};

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof PolicyError) process.stderr.write(`${describe(error)}\n`);
    else if (error instanceof UsageError) process.stderr.write(`${error.message}\n`);
    else {
      process.stderr.write(`内部错误：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      return;
    }
    process.exitCode = EXIT_BAD_INPUT;
  },
);
