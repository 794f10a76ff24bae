// Creates a staff account on the configured database (DB_URL, or the SQLite file under DATA_DIR):
//   npm run --silent staff -- create --username wang --role city-reviewer --name 王审核
//   npm run --silent staff -- create --username li --role county-reviewer --county linqing
// The password is read from STAFF_PASSWORD, or asked for on the terminal.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../common/errors.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../database/data-source.js';
import { createStaff } from '../modules/auth/staff.js';
import { type Role } from '../common/roles.js';

const USAGE = `用法：npm run --silent staff -- create --username 用户名 --role 角色 [--county 县] [--name 显示名]
  角色：county-reviewer（需 --county）、city-reviewer、finance、admin
  密码：环境变量 STAFF_PASSWORD，或在终端输入（至少10位，含字母和数字）`;

const askPassword = async (): Promise<string> => {
  if (process.env['STAFF_PASSWORD']) return process.env['STAFF_PASSWORD'];
  if (!process.stdin.isTTY)
    throw new AppError('INVALID_REQUEST', '请通过 STAFF_PASSWORD 提供密码', [
      { field: 'password', message: '缺少密码' },
    ]);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('请输入密码：');
  } finally {
    rl.close();
  }
};

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      county: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create' || !values.username || !values.role) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const dataSource = await openDatabase(config.database);
  try {
    const user = await createStaff(
      dataSource,
      {
        username: values.username,
        role: values.role as Role,
        county: values.county,
        displayName: values.name,
        password: await askPassword(),
      },
      new Date(),
    );
    console.log(`已创建工作人员账号：${user.username}（${user.role}${user.county ? `，${user.county}` : ''}）`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
};

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(
        [
          error.message,
          ...(Array.isArray(error.details) ? error.details.map((d) => `  - ${d.field}：${d.message}`) : []),
        ].join('\n'),
      );
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
