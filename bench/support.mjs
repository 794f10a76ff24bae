// What the benchmarks share: child servers that are always cleaned up, free ports, failing with
// a Chinese message, and rewriting one's own section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

const children = new Set();
const tempDirs = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    console.error(`基准测试被信号 ${signal} 中断`);
    process.exit(1);
  });

/** Removed when the benchmark exits, however it exits. */
export const removeOnExit = (dir) => tempDirs.push(dir);

export const fail = (message) => {
  console.error(`基准测试失败：${message}`);
  process.exit(1);
};

export const round = (x, digits) => Number(x.toFixed(digits));

/**
 * The machine's load average over 1, 5 and 15 minutes: 2 cores, and other work may share them, so
 * each benchmark records the load when it starts and when it ends, beside its figures.
 */
export const loadAverage = () => os.loadavg().map((x) => round(x, 2));

/** Where and when a benchmark ran, recorded beside its figures. */
export const machine = () => {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    date: new Date().toISOString(),
  };
};

/** A port nothing listens on now: listen on port 0, read the number, close. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts `node script` with the env and waits for the line containing `readyMark`. */
export const startServer = (label, script, env, readyMark = '已启动') =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    let ready = false;
    const collect = (chunk) => {
      if (output.length < 20_000) output += chunk;
    };
    const timer = setTimeout(
      () => fail(`${label}在 ${READY_TIMEOUT_MS / 1000} 秒内没有启动。输出：\n${output.trim() || '（无）'}`),
      READY_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      collect(chunk);
      if (!ready && output.includes(readyMark)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', collect);
    child.on('error', (error) => fail(`无法启动${label}：${error.message}`));
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (!ready || !child.stopping)
        fail(`${label}意外退出（${signal ?? `退出码 ${code}`}）。输出：\n${output.trim() || '（无）'}`);
    });
  });

/**
 * The built API (api/dist/main.js) on a free loopback port with a fresh data folder, no demo data,
 * no request logs, no Redis and a global limit no benchmark reaches, plus `env`. Its base URL and
 * process (for stopServer).
 */
export const startApi = async (name, env = {}) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `huiqi-bench-${name}-`));
  removeOnExit(dataDir);
  const port = await freePort();
  const api = await startServer('API 服务（api/dist/main.js）', path.join(root, 'api/dist/main.js'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_SEED: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'development',
    REDIS_URL: '',
    RATE_LIMIT_GLOBAL: '100000000/60',
    ...env,
  });
  return { api, base: `http://127.0.0.1:${port}` };
};

/** Stops a server and waits until its process has gone, so the next run has the cores to itself. */
export const stopServer = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.stopping = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

const INTRO = [
  '# Benchmarks',
  '',
  'Figures come from runs on the machine named in each section, never from guesses. Regenerate a section with',
  '`npm run bench -- <name>`; each run rewrites only its own section.',
  '',
].join('\n');

/**
 * Replaces the `<!-- name:start -->…<!-- name:end -->` section of docs/benchmarks.md (appending it
 * if absent) and formats the file with prettier when it is installed.
 */
export const writeDocSection = async (name, section) => {
  const docPath = `${root}docs/benchmarks.md`;
  let doc;
  try {
    doc = readFileSync(docPath, 'utf8');
  } catch {
    doc = INTRO;
  }
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const body = `${start}\n\n${section.trim()}\n\n${end}`;
  const at = doc.indexOf(start);
  const until = doc.indexOf(end);
  doc =
    at >= 0 && until > at ? doc.slice(0, at) + body + doc.slice(until + end.length) : `${doc.trimEnd()}\n\n${body}\n`;
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(docPath)) ?? {};
    doc = await prettier.format(doc, { ...config, filepath: docPath });
  } catch {
    // Prettier is a dev dependency; without it the section is still valid Markdown.
  }
  writeFileSync(docPath, doc);
};
