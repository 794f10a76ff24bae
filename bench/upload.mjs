// `npm run bench -- upload`: the built API on SQLite receives a 20 MB file 20 times over HTTP
// (multipart, as Taro.uploadFile sends it). Records throughput and how far the API process's
// resident memory rises above its idle level: streaming keeps it flat, buffering would not.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, machine, round, startApi, stopServer, writeDocSection } from './support.mjs';

const require = createRequire(import.meta.url);
const { usccCheckCharacter } = require('../shared/dist/index.js');

const UPLOADS = 20;
const FILE_BYTES = 20 * 1000 * 1000;
const SAMPLE_MS = 10;
const TARGETS = { rssGrowthMb: 50 };
const COMMAND = 'npm run bench -- upload';
const resultsPath = fileURLToPath(new URL('./results/upload.json', import.meta.url));

/** Resident memory of a process, from /proc (Linux), in bytes. */
const rssOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) fail(`无法读取进程 ${pid} 的内存`);
  return kb * 1024;
};

const { api, base } = await startApi('upload', {
  AUTH_DEMO: '1',
  FILE_MAX_MB: '25',
  APPLICATION_FILES_MAX_MB: '1000',
});

const json = async (method, url, token, body) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json();
  if (res.status >= 300) fail(`${method} ${url} 返回 ${res.status}：${JSON.stringify(answer)}`);
  return answer;
};

const { accessToken } = await json('POST', '/api/v1/auth/demo', undefined, { role: 'applicant', openid: 'bench' });
const usccBody = '91371500MA3BENCH0';
const org = await json('POST', '/api/v1/orgs', accessToken, {
  uscc: usccBody + usccCheckCharacter(usccBody),
  name: '基准测试电商有限公司',
  county: 'linqing',
  orgTypes: ['ecommerce'],
  legalRepresentative: '基准测试',
  contactName: '基准测试',
  contactPhone: '13800000000',
});

// A 20 MB PDF: a real header, then filler. Each upload differs in its first line, so every one is
// stored (no deduplication short-cut).
const file = Buffer.alloc(FILE_BYTES, 0x20);
const header = Buffer.from('%PDF-1.4\n% huiqi upload benchmark 000\n');
header.copy(file);

const uploadOnce = async (i) => {
  Buffer.from(String(i).padStart(3, '0')).copy(file, header.length - 4);
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/pdf' }), `基准文件${i}.pdf`);
  const res = await fetch(`${base}/api/v1/files?orgId=${org.id}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  const answer = await res.json();
  if (res.status !== 201 || answer.file?.size !== FILE_BYTES)
    fail(`第${i}次上传返回 ${res.status}：${JSON.stringify(answer).slice(0, 300)}`);
};

// Warm up the code path with one upload, let the heap settle, then take the idle level.
await uploadOnce(0);
if (globalThis.gc) globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 1000));
const idleRss = rssOf(api.pid);

let peakRss = idleRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssOf(api.pid));
}, SAMPLE_MS);
const start = process.hrtime.bigint();
for (let i = 1; i <= UPLOADS; i++) await uploadOnce(i);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(sampler);
peakRss = Math.max(peakRss, rssOf(api.pid));
await stopServer(api);

const megabytes = (UPLOADS * FILE_BYTES) / 1e6;
const results = {
  mbPerSecond: round(megabytes / seconds, 1),
  rssGrowthMb: round((peakRss - idleRss) / 1024 / 1024, 1),
  uploads: UPLOADS,
  fileBytes: FILE_BYTES,
  seconds: round(seconds, 2),
  idleRssMb: round(idleRss / 1024 / 1024, 1),
  peakRssMb: round(peakRss / 1024 / 1024, 1),
  sampleMs: SAMPLE_MS,
  ...machine(),
  command: COMMAND,
  targets: TARGETS,
  meetsTargets: { rssGrowthMb: (peakRss - idleRss) / 1024 / 1024 < TARGETS.rssGrowthMb },
};
mkdirSync(path.dirname(resultsPath), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);

await writeDocSection(
  'upload',
  [
    '## upload',
    '',
    `Machine: ${results.cpu}, ${results.cores} cores, Node ${results.node}. Run ${results.date}, \`${COMMAND}\`.`,
    '',
    `The built API (SQLite, local disk storage) receives ${UPLOADS} uploads of a ${FILE_BYTES / 1e6} MB PDF, one after ` +
      'another, as multipart/form-data. Each upload is streamed to a temp file, its type checked from its bytes, hashed ' +
      '(SHA-256) and moved into storage. The API process’s resident memory is sampled from /proc every ' +
      `${SAMPLE_MS} ms.`,
    '',
    '| Figure | Value | Target | Met |',
    '| --- | --- | --- | --- |',
    `| Throughput | ${results.mbPerSecond} MB/s (${results.seconds} s for ${megabytes} MB) | | |`,
    `| Resident memory above idle, peak | ${results.rssGrowthMb} MB (idle ${results.idleRssMb} MB, peak ${results.peakRssMb} MB) | < ${TARGETS.rssGrowthMb} MB | ${results.meetsTargets.rssGrowthMb ? 'yes' : '**no**'} |`,
  ].join('\n'),
);

console.log(
  [
    `upload：${UPLOADS} 次上传 ${FILE_BYTES / 1e6} MB 文件，${results.mbPerSecond} MB/秒；` +
      `API 进程内存峰值比空闲时高 ${results.rssGrowthMb} MB（目标 < ${TARGETS.rssGrowthMb} MB：${results.meetsTargets.rssGrowthMb ? '达到' : '未达到'}）`,
    '  结果：bench/results/upload.json，docs/benchmarks.md',
  ].join('\n'),
);
