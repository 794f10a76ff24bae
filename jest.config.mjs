// One jest run over every package. Each package is a project with its own transform;
// the API (ES modules, NestJS 12) joins as its own project.
const swcCommonJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

export default {
  projects: [
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
      transform: { '^.+\\.ts$': swcCommonJs },
    },
  ],
};
