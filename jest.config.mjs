import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

// One jest run over every package. Each package is a project with its own transform;
// the API (ES modules, NestJS 12) joins as its own project.
const swcCommonJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

// The API is ES modules (NestJS 12 ships only ESM): swc keeps decorator metadata for Nest's
// dependency injection; relative imports are written with .js, mapped back to the .ts source.
const swcEsm = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

// The mini-program's components under jsdom: Taro's H5 runtime and components (ES modules, so most
// of node_modules is transformed), the app's own babel config, stylesheets stubbed.
const miniappBabel = [
  'babel-jest',
  { configFile: fileURLToPath(new URL('./miniapp/babel.config.js', import.meta.url)) },
];
process.env.TARO_ENV ??= 'h5';

export default {
  // Suites boot APIs and seed databases: on a busy shared machine a hook can take several times
  // its quiet duration. Room to finish, not a timing assertion.
  testTimeout: 30_000,
  // Two workers even on two cores (jest's default there is one, in band): suites spend much of their time waiting on
  // a server, a database or a child process, and the run's shared API (test/api/support/global-setup.mjs) then has
  // jest's main process to itself. On this machine the api project took 153 s in band and 87 s with two workers.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    {
      displayName: 'api',
      testEnvironment: 'node',
      roots: ['<rootDir>/api/src', '<rootDir>/test/api', '<rootDir>/test/browser'],
      testMatch: ['**/*.spec.ts'],
      // One API per engine for the run, for suites that need no configuration of their own (shared-api.ts).
      globalSetup: '<rootDir>/test/api/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/api/support/global-teardown.mjs',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': swcEsm },
    },
    {
      displayName: 'shared',
      testEnvironment: 'node',
      roots: ['<rootDir>/shared/src'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcCommonJs },
    },
    {
      displayName: 'miniapp',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      roots: ['<rootDir>/miniapp/test'],
      testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
      testPathIgnorePatterns: ['<rootDir>/miniapp/test/weapp/'],
      setupFiles: ['<rootDir>/miniapp/test/setup.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/miniapp/test/taro-shim.ts',
        '\\.(css|scss)$': '<rootDir>/miniapp/test/style-stub.js',
      },
      transform: { '^.+\\.m?[jt]sx?$': miniappBabel },
      // Taro's H5 runtime, its components and their dependencies ship ES modules.
      transformIgnorePatterns: [
        '^(?!.*/node_modules/(@tarojs|@nutui|@stencil|@babel/runtime|@react-spring|@use-gesture|swiper|ssr-window|dom7|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
      ],
    },
    {
      // The weapp build as WeChat's tools read it: its compilers, miniprogram-ci, miniprogram-simulate.
      displayName: 'miniapp-weapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/miniapp/test/weapp'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': miniappBabel },
      // The built files run as WeChat runs them, untransformed.
      transformIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'cross-package',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/api/', '<rootDir>/test/browser/'],
      transform: { '^.+\\.ts$': swcCommonJs },
    },
  ],
};
