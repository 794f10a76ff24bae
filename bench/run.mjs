// Benchmark dispatcher: `npm run bench -- <name>` (the npm script builds every workspace first).
// Each benchmark runs in its own Node process, so its timings and peak memory are its own.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Benchmark name -> script, relative to this directory. Add new benchmarks here. */
const BENCHMARKS = {
  engine: {
    script: './engine.mjs',
    description: '规则引擎：10万家企业 × 9个资金奖励项目（含判断过程），并与 json-rules-engine 对比',
  },
  match: {
    script: './match.mjs',
    description:
      '批量匹配（免申即享）：100万家企业经 policy match --summary（全部CPU核心）的速度与内存，并与 json-rules-engine 对比',
  },
  api: {
    script: './api.mjs',
    description: 'HTTP 接口：资格评估接口（9个项目）在50个并发连接下的吞吐与延迟，并与空白 NestJS 路由对比',
  },
  miniapp: {
    script: './miniapp.mjs',
    description: '小程序：微信主包与总包大小、H5 首屏 JS（原始与 gzip）、CPU 降速4倍时计算器页可交互时间',
  },
  preview: {
    script: './preview.mjs',
    description:
      '政策版本预览：10万家企业（MariaDB 与 SQLite）的预览耗时与 API 进程内存增长，以及外键迁移在有数据的库上的耗时',
  },
  upload: {
    script: './upload.mjs',
    description: '文件上传：20MB 文件上传20次的吞吐，以及 API 进程内存峰值比空闲时高出多少（流式处理）',
  },
  proactive: {
    script: './proactive.mjs',
    description: '主动匹配（免申即享）：MariaDB 上10万家企业，批次开放时筛选全市并写入通知事件的耗时与内存',
  },
  pool: {
    script: './pool.mjs',
    description:
      '资金池并发：两个 API 进程在同一 MariaDB 上同时市级审核200份申报（另各重发一次），池只够50份：吞吐与是否超额',
  },
  notify: {
    script: './notify.mjs',
    description:
      '消息通知：1万个事件经 Redis 队列（BullMQ，两个实例）送达站内信与模拟微信，每秒事件数、重复与丢失，并与进程内投递对比',
  },
};

const usage = () => {
  const lines = ['用法：npm run bench -- <基准测试名称> [参数...]', '', '可用的基准测试：'];
  for (const [name, { description }] of Object.entries(BENCHMARKS)) lines.push(`  ${name.padEnd(10)}${description}`);
  lines.push('', '例如：npm run bench -- engine');
  return lines.join('\n');
};

const [name, ...args] = process.argv.slice(2);
const benchmark = name !== undefined && Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name] : undefined;
if (!benchmark) {
  if (name === undefined) console.error('缺少基准测试名称。\n');
  else console.error(`不认识的基准测试“${name}”。\n`);
  console.error(usage());
  process.exit(2);
}

const script = fileURLToPath(new URL(benchmark.script, import.meta.url));
const child = spawnSync(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit' });
if (child.error) {
  console.error(`无法启动基准测试“${name}”：${child.error.message}`);
  process.exit(1);
}
if (child.signal) {
  console.error(`基准测试“${name}”被信号 ${child.signal} 终止`);
  process.exit(1);
}
process.exit(child.status ?? 1);
