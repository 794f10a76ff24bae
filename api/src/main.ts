import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from './app.factory.js';
import { DemoClock } from './common/clock.js';
import { ConfigError, loadConfig } from './config/config.js';
import { seedDemo } from './seed/demo.js';
import { hasWebApp } from './common/web-app.js';

/** Starts the API as configured by the environment. */
export const start = async (): Promise<void> => {
  const config = loadConfig();
  // The demo's clock (演示时钟) keeps its offset beside the demo's data.
  const clock = config.demoClock ? new DemoClock(join(config.dataDir, 'demo-clock.json')) : undefined;
  const { app } = await createApp(config, clock ? { clock } : {});
  if (config.demoSeed) await seedDemo(app, config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  console.log(`电商惠企通 API 已启动：${url}/api （接口文档 ${url}/api/docs，数据库 ${config.database.type}）`);
  if (hasWebApp(config.webAppDir)) {
    console.log(`请在浏览器中打开 ${url}/ 使用电商惠企通（网页版）`);
    console.log(`审核工作台（工作人员，电脑浏览器）：${url}/staff`);
  } else console.log('网页版尚未构建：运行 npm run build:miniapp 后重新启动，即可在浏览器中打开');
};

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  start().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
