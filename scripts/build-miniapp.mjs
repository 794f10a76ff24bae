// Builds the mini-program for WeChat (miniapp/dist/weapp) and for the browser (miniapp/dist/h5),
// each only when its inputs changed since its last build: `npm test`, `npm start` and the
// benchmark all need both builds, and an unchanged tree should not pay ~30 s for them again.
// Usage: node scripts/build-miniapp.mjs [weapp|h5 ...] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = join(root, 'miniapp');
const args = process.argv.slice(2);
const force = args.includes('--force');
const wanted = args.filter((a) => !a.startsWith('--'));
const targets = wanted.length > 0 ? wanted : ['weapp', 'h5'];
for (const target of targets) {
  if (target !== 'weapp' && target !== 'h5') {
    console.error(`不认识的构建目标“${target}”：只能是 weapp 或 h5`);
    process.exit(2);
  }
}

/** Every file under `path` (or `path` itself), sorted, so the hash does not depend on the walk. */
const filesUnder = (path) => {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => filesUnder(join(path, e.name)))
    .sort();
};

// What a build reads: the app, its build configuration, the shared rules it bundles, the locked
// dependency versions, and the API address compiled into it.
const INPUTS = [
  'miniapp/src',
  'miniapp/config',
  'miniapp/babel.config.js',
  'miniapp/project.config.json',
  'miniapp/package.json',
  'shared/dist',
  'package-lock.json',
];

const inputsHash = (target) => {
  const hash = createHash('sha256');
  hash.update(`${target}\n${process.env.TARO_APP_API_BASE ?? ''}\n`);
  for (const input of INPUTS)
    for (const file of filesUnder(join(root, input))) {
      hash.update(relative(root, file));
      hash.update(readFileSync(file));
    }
  return hash.digest('hex');
};

const stampDir = join(miniapp, 'dist', '.stamps');
const taro = join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');

for (const target of targets) {
  const stamp = join(stampDir, target);
  const hash = inputsHash(target);
  const output = join(miniapp, 'dist', target);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(output)) {
    console.log(`小程序 ${target} 构建已是最新，跳过`);
    continue;
  }
  console.log(`正在构建小程序 ${target}…`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [taro, 'build', '--type', target], {
    cwd: miniapp,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // Taro exits 0 when it refuses its own configuration (a config check's message, no build): the
  // build counts only if its entry file was written by this run.
  const entry = join(output, target === 'h5' ? 'index.html' : 'app.json');
  const written = existsSync(entry) && statSync(entry).mtimeMs >= started - 1000;
  if (!written || run.status !== 0 || /Failed to compile|编译失败|ERROR in /.test(run.stdout + run.stderr)) {
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    console.error(`小程序 ${target} 构建失败`);
    process.exit(1);
  }
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, hash);
  console.log(`小程序 ${target} 构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}
