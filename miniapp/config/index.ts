import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// Taro reads this file with its own loader: it wants the default export.
// API_BASE: where the app sends requests. The H5 build is served by the API itself, so it asks its
// own origin; a weapp build must name an HTTPS domain registered in the mini-program's admin
// console (TARO_APP_API_BASE=https://… npm run build:weapp), and defaults to the local API for
// WeChat DevTools with domain checks off.
const apiBase = (): string => {
  const explicit = process.env['TARO_APP_API_BASE'];
  if (explicit !== undefined) return explicit;
  return process.env['TARO_ENV'] === 'h5' ? '' : 'http://127.0.0.1:3000';
};

const config: UserConfigExport<'webpack5'> = {
  projectName: 'huiqi-miniapp',
  date: '2026-11-30',
  // Our styles are drawn for a 750-wide design (88px = 44 CSS px); NutUI's for 375.
  designWidth: (input) => {
    const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined;
    return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
  },
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env['TARO_ENV'] ?? 'weapp'}`,
  plugins: [],
  defineConstants: { API_BASE: JSON.stringify(apiBase()) },
  // The workbench's PDF viewer loads pdf.js at run time from this origin (src/workbench/pdf.ts):
  // pdfjs-dist's own ES modules (hoisted to the root node_modules), copied as they are into the H5 build only.
  copy: {
    patterns:
      process.env['TARO_ENV'] === 'h5'
        ? ['pdf.min.mjs', 'pdf.worker.min.mjs'].map((name) => ({
            from: `../node_modules/pdfjs-dist/build/${name}`,
            to: `dist/h5/vendor/pdfjs/${name}`,
          }))
        : [],
    options: {},
  },
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  logger: { quiet: true, stats: false },
  // Taro's H5 default asks terser to quote every key, which it also does to private class fields
  // (`#"e"`, a syntax error): @huiqi/shared's results use private fields, so the page that read
  // them failed to load. Unquoted keys are what every supported browser reads anyway.
  terser: { enable: true, config: { output: { quote_keys: false } } },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
    },
    // The weapp build is read by WeChat's own tools and tests: no source maps in the package.
    enableSourceMap: false,
  },
  h5: {
    // pdf.js (copied to vendor/pdfjs above) is published minified, and its worker must be the file
    // its version expects: terser must not rewrite it (it would, as it does every .mjs asset).
    webpackChain(chain) {
      chain.optimization
        .minimizer('terserPlugin')
        .tap((args: Record<string, unknown>[]) => [{ ...args[0], exclude: /^vendor\// }]);
    },
    publicPath: '/',
    staticDirectory: 'static',
    // Real paths (/pages/calculator/index?…) so a shared link is an ordinary URL; the API serves
    // index.html for them (api/src/common/web-app.ts).
    router: { mode: 'browser' },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    enableSourceMap: false,
    postcss: {
      // Pixels, not Taro's default rem: its rem comes from an inline script that sizes the root
      // font from the screen width, which overrides the reader's own font size setting and would
      // need 'unsafe-inline' scripts in the page's content security policy.
      // (postcss-pxtransform supports 'px' for H5; Taro's types list only rpx, vw and rem.)
      pxtransform: { enable: true, config: { targetUnit: 'px' } as Record<string, unknown> },
      autoprefixer: { enable: true, config: {} },
    },
  },
};

export default defineConfig<'webpack5'>(config);
