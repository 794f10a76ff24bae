import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

export const DIST = join(__dirname, '../../dist/weapp');

/** Every file of a build with one of `extensions`, relative to it, in a stable order. */
export const filesOf = (dir: string, extensions: readonly string[]): string[] => {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (extensions.some((ext) => entry.name.endsWith(ext))) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
};

/** WeChat's Linux compilers from miniprogram-compiler; npm installs them without the execute bit. */
const compiler = (name: 'wcc' | 'wcsc'): string => {
  const path = join(
    dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json')),
    'bin',
    'linux',
    name,
  );
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
};

export interface Compiled {
  status: number | null;
  output: string;
}

/** wcc over every .wxml and .wxs of `dir`, as DevTools compiles a package. */
export const wcc = (dir: string): Compiled => {
  const files = filesOf(dir, ['.wxml', '.wxs']);
  const run = spawnSync(compiler('wcc'), ['-d', ...files, '-gn', '$gwx', '-o', '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

/** wcsc over every .wxss of `dir`. */
export const wcsc = (dir: string): Compiled => {
  const files = filesOf(dir, ['.wxss']);
  const run = spawnSync(compiler('wcsc'), ['-db', '-pc', String(files.length), ...files, '-o', '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

export interface WeappReport {
  packages: Record<string, number>;
  mainBytes: number;
  totalBytes: number;
  files: number;
  missingDependencies: string[];
  moduleErrors: { module: string; error: string }[];
  quality: { name: string; success: boolean; detail?: unknown }[];
}

/** miniprogram-ci's analyseCode and checkCodeQuality on a build (scripts/weapp-report.cjs). */
export const weappReport = (dir: string): WeappReport => {
  const run = spawnSync(process.execPath, [join(__dirname, '../../scripts/weapp-report.cjs'), dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`weapp-report failed: ${run.stderr}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as WeappReport;
};
