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

export default {
  projects: [
    {
      displayName: 'api',
      testEnvironment: 'node',
      roots: ['<rootDir>/api/src', '<rootDir>/test/api'],
      testMatch: ['**/*.spec.ts'],
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
      displayName: 'cross-package',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/api/'],
      transform: { '^.+\\.ts$': swcCommonJs },
    },
  ],
};
