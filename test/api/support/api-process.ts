import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from './test-env.mjs';

// jest runs from the repository's root (scripts/jest.mjs), as the other suites' paths assume.
const ROOT = process.cwd();
/** The built API, as `npm start` runs it; `npm test` builds before jest runs. */
export const API_MAIN = join(ROOT, 'api', 'dist', 'main.js');
const READY = /API 已启动：(http:\/\/[^\s/]+)\/api/;

/** A built API running as a process of its own: its base URL, and how to stop it. */
export interface ApiProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built API as a child process on `dbUrl` (demo sign-in on, port chosen by the
 * system) and resolves once it says it is listening; rejects with its output if it exits first
 * or is not up within `readyMs`.
 */
export const startApiProcess = (dbUrl: string, readyMs = 45_000): Promise<ApiProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huiqi-process-'));
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      // WeChat is never called here: demo sign-in only.
      ...testEnv({ dbUrl, dataDir, wechatUrl: 'http://127.0.0.1:9' }),
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the API process was not up within ${readyMs} ms:\n${output}`));
    }, readyMs);
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      const ready = READY.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ url: ready[1], process: child, stop });
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      reject(new Error(`the API process exited (${signal ?? code}) before it was up:\n${output}`));
    });
  });
};
