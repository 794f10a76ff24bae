#!/usr/bin/env node
// The policy command line: `policy evaluate FILE|-`, `policy commendations FILE|-`,
// `policy match FILE.jsonl|-`. JSON out on stdout; a bad request or a year with no
// edition exits 2 with a Chinese message on stderr.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { commendations } from './commendations/commendations';
import { PolicyError } from './contracts/errors';
import { evaluate } from './evaluate';

const USAGE = `用法：
  npm run --silent policy -- evaluate FILE|-        评估一家企业可申报的资金奖励（FILE 为请求 JSON，- 读标准输入）
  npm run --silent policy -- commendations FILE|-   计算县（市、区）通报表扬名单
  npm run --silent policy -- match FILE.jsonl|-     批量评估：每行一个请求，每行输出一个结果
  加 --pretty 输出缩进格式的 JSON`;

const EXIT_BAD_INPUT = 2;

class UsageError extends Error {}

const describe = (error: PolicyError): string =>
  [error.message, ...error.details.map((d) => `  - ${d.field}：${d.message}`)].join('\n');

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
const match = async (file: string): Promise<number> => {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new UsageError(`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const raw of lines) {
    lineNo++;
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

const run = async (args: readonly string[]): Promise<number> => {
  // Compact JSON by default: byte for byte what the API answers. --pretty indents it for people.
  const pretty = args.includes('--pretty');
  const [command, file, ...extra] = args.filter((a) => a !== '--pretty');
  const json = (value: unknown): string => `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!command || !file || extra.length > 0) throw new UsageError(USAGE);
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
