// What WeChat's base library gives a built mini-program and miniprogram-simulate does not: App,
// getApp, getCurrentPages, and Page (simulate renders components, not pages). A page's config
// is registered as a component whose attachment calls the page's own onLoad/onShow/onReady.
// Then the built app.js is loaded, as WeChat does before any page.
import { join } from 'node:path';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> };

const globals = globalThis as unknown as Record<string, unknown>;
let app: unknown = null;
const pages: unknown[] = [];

/** Installs the globals and loads the built app. Call once per test file (Taro's runtime is a singleton). */
export const loadBuiltApp = (distDir: string, query: Record<string, string> = {}): void => {
  globals['App'] = (config: { onLaunch?: Hook; onShow?: Hook }) => {
    app = config;
    config.onLaunch?.call(config, { path: 'pages/home/index', query: {} });
    config.onShow?.call(config, { path: 'pages/home/index', query: {} });
  };
  globals['getApp'] = () => app;
  globals['getCurrentPages'] = () => pages;
  globals['Page'] = (config: PageConfig) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    const component = globals['Component'] as (definition: Record<string, unknown>) => void;
    component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, Hook> & { route?: string; options?: unknown }) {
          this.route = 'pages/calculator/index';
          this.options = query;
          pages.push(this);
          this.onLoad?.call(this, query);
          this.onShow?.call(this);
        },
        ready(this: Record<string, Hook>) {
          this.onReady?.call(this);
        },
      },
    });
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(distDir, 'app.js'));
};
