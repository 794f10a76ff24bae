import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const API_SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'api/src');
const COMMON = resolve(API_SRC, 'common');
const MODULES = resolve(API_SRC, 'modules');

/** The first folder under `root` that `file` sits in, or null outside it. */
const folderUnder = (root, file) => {
  const path = relative(root, file);
  return path.startsWith('..') || path === '' ? null : path.split(sep)[0];
};

/**
 * The API's layering: `common/` is a leaf (it imports nothing from `modules/`), and a feature
 * module reads another module's tables only through that module's services, never by importing
 * its entities. Relative imports are resolved, so no spelling of a path gets around it.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      commonIsLeaf: 'common/ is a leaf: it must not import from modules/ ({{source}}).',
      foreignEntity:
        "Module '{{from}}' must not import an entity of module '{{to}}' ({{source}}): ask that module's service instead.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = folderUnder(MODULES, file);
    const inCommon = folderUnder(COMMON, file) !== null;
    const check = (node) => {
      const source = node.source?.type === 'Literal' ? node.source.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      const to = folderUnder(MODULES, target);
      if (inCommon && to !== null) context.report({ node, messageId: 'commonIsLeaf', data: { source } });
      if (from !== null && to !== null && from !== to && /\.entity(\.js)?$/.test(target))
        context.report({ node, messageId: 'foreignEntity', data: { source, from, to } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of an enum.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**', 'bench/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        globalThis: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['eslint.config.mjs', 'jest.config.mjs'], rules: { 'no-restricted-syntax': 'off' } },
  {
    // Taro loads the app, its pages, their configs and the build config by their default export.
    files: [
      'miniapp/config/index.ts',
      'miniapp/src/app.ts',
      'miniapp/src/app.config.ts',
      'miniapp/src/pages/**/index.{tsx,config.ts}',
      'miniapp/src/subpackages/**/index.{tsx,config.ts}',
      'miniapp/test/taro-shim.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of an enum.' },
      ],
    },
  },
  {
    files: ['miniapp/**/*.js', 'miniapp/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Nest injects by the runtime class in decorator metadata: imports used there are values.
    files: ['api/**/*.ts', 'test/api/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: { '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }] },
  },
  {
    files: ['api/src/**/*.ts'],
    plugins: { local: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'local/module-boundaries': 'error' },
  },
);
