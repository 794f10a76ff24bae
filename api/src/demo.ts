// `npm start`: the API on embedded defaults for trying the whole journey on a laptop. Demo
// sign-in is on, and unless real WeChat credentials are given, a local fake WeChat answers
// mini-program logins. Production starts `main.js` instead, which has neither.
import { FAKE_WECHAT_DEFAULT_APP_ID, FAKE_WECHAT_DEFAULT_APP_SECRET, startFakeWechat } from './wechat/fake-server.js';
import { start } from './main.js';

const env = process.env;
if (env['NODE_ENV'] === 'production') {
  console.error('演示入口不能用于生产环境，请使用 node api/dist/main.js');
  process.exit(1);
}
env['AUTH_DEMO'] ??= '1';
// 演示时钟: the administrator can move the demo's days forward (a notice period passes in a minute).
env['DEMO_CLOCK'] ??= '1';
if (!env['WECHAT_APP_ID']) {
  const fake = await startFakeWechat({ port: Number(env['FAKE_WECHAT_PORT'] ?? 0) });
  env['WECHAT_API_BASE'] = fake.url;
  env['WECHAT_APP_ID'] = FAKE_WECHAT_DEFAULT_APP_ID;
  env['WECHAT_APP_SECRET'] = FAKE_WECHAT_DEFAULT_APP_SECRET;
  console.log(`未配置微信小程序凭证，使用本地模拟微信服务：${fake.url}`);
}
await start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
