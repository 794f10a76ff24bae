import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Simulate from 'miniprogram-simulate';
import { loadBuiltApp } from './shim';

// The built 计算器 page (Taro's output for weapp: base.wxml templates, the page's JS, the shared
// rules bundled in) rendered by miniprogram-simulate: what WeChat would show, minus WeChat.
const DIST = join(__dirname, '../../dist/weapp');

/* eslint-disable @typescript-eslint/no-require-imports */
const simulate = require('miniprogram-simulate') as typeof Simulate;
// The event system j-component renders with: events reach Taro's handlers as WeChat sends them.
const exparser = require('miniprogram-exparser') as {
  Event: {
    create(name: string, detail: object, options: object): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

type WxDom = HTMLElement & { __wxElement?: unknown };

const fire = (element: Element, name: 'tap' | 'input', detail: object = {}): void => {
  const target = (element as WxDom).__wxElement;
  if (!target) throw new Error(`not a rendered WeChat element: ${element.outerHTML.slice(0, 80)}`);
  exparser.Event.dispatchEvent(
    target,
    exparser.Event.create(name, detail, {
      bubbles: true,
      composed: true,
      capturePhase: true,
      extraFields: { touches: {}, changedTouches: {} },
    }),
  );
};

/** Taro renders through an asynchronous setData: poll the page, within a bound, until it shows `text`. */
const showing = async (root: HTMLElement, text: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (root.textContent?.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the page never showed "${text}"`);
};

const chip = (root: HTMLElement, text: string): Element => {
  const found = [...root.querySelectorAll('wx-view')].find((el) => el.textContent === `☐ ${text}`);
  if (!found) throw new Error(`no choice "${text}"`);
  return found;
};

describe('the built 计算器 page, rendered from the weapp build', () => {
  let root: HTMLElement;

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'app.js'))) throw new Error('没有小程序构建产物：请先运行 npm run build:miniapp');
    // WeChat's JavaScript engine has no structuredClone; jsdom has none either, so the bundled rules
    // must do without it here as they must on a phone.
    expect(typeof (globalThis as { structuredClone?: unknown }).structuredClone).toBe('undefined');
    loadBuiltApp(DIST);
    const id = simulate.load(join(DIST, 'pages/calculator/index'), 'page', { rootPath: DIST });
    const page = simulate.render(id);
    page.attach(document.createElement('div'));
    root = page.dom as HTMLElement;
    await showing(root, '1. 选择要测算的项目');
  });

  it('asks for the chosen program’s facts and explains how far the firm is from the threshold', async () => {
    fire(chip(root, '电商龙头企业流量补贴'), 'tap');
    await showing(root, '☑ 电商龙头企业流量补贴');

    const label = [...root.querySelectorAll('wx-text')].find((el) => el.textContent === '当年网络零售额');
    const input = label?.parentElement?.querySelector('wx-input');
    if (!input) throw new Error('no input for 当年网络零售额');
    fire(input, 'input', { value: '99999999.99', cursor: 11 });
    await showing(root, '当年网络零售额需达到1亿元，目前还差0.01元');
    expect(root.textContent).toContain('暂不符合');
  });
});
