import { FAKE_WECHAT_DEFAULT_APP_ID, FAKE_WECHAT_DEFAULT_APP_SECRET, startFakeWechat } from './fake-server.js';

/**
 * Runs the fake WeChat API on its own, for the H5 demo and manual testing:
 * `node api/dist/wechat/fake-server-main.js` (FAKE_WECHAT_PORT, FAKE_WECHAT_HOST).
 */

const DEFAULT_PORT = 3100;

const parsePort = (raw: string | undefined): number => {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`FAKE_WECHAT_PORT 无效：${raw}，请填写 0–65535 之间的整数`);
    process.exit(1);
  }
  return port;
};

const appId = FAKE_WECHAT_DEFAULT_APP_ID;
const appSecret = FAKE_WECHAT_DEFAULT_APP_SECRET;
const host = process.env['FAKE_WECHAT_HOST'] || '127.0.0.1';
const fake = await startFakeWechat({ port: parsePort(process.env['FAKE_WECHAT_PORT']), host, appId, appSecret });

console.log(`模拟微信接口已启动：${fake.url}`);
console.log(`AppID：${appId}`);
console.log(`AppSecret：${appSecret}（仅供本地演示，切勿用于生产）`);
console.log(
  '登录 code：demo-开头的可重复使用；invalid、used-…、frequent、blocked、busy、http-500、slow 模拟微信的各种错误',
);

let closing = false;
const shutdown = (signal: NodeJS.Signals): void => {
  if (closing) return;
  closing = true;
  console.log(`收到 ${signal}，正在关闭模拟微信接口…`);
  fake.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('关闭模拟微信接口失败：', error);
      process.exit(1);
    },
  );
};

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
