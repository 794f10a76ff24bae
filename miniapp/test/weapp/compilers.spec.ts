/**
 * @jest-environment node
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { MESSAGES_TAB_INDEX } from '../../src/services/tabs';
import { DIST, filesOf, wcc, wcsc } from './tools';

// The weapp build through WeChat's own compilers (wcc for WXML and WXS, wcsc for WXSS), offline.
describe("the weapp build and WeChat's compilers", () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, 'app.json'))) throw new Error('没有小程序构建产物：请先运行 npm run build:miniapp');
  });

  it('compiles every .wxml and .wxs with 0 errors', () => {
    expect(filesOf(DIST, ['.wxml']).length).toBeGreaterThanOrEqual(7);
    expect(wcc(DIST)).toEqual({ status: 0, output: '' });
  });

  it('compiles every .wxss with 0 errors', () => {
    expect(filesOf(DIST, ['.wxss']).length).toBeGreaterThanOrEqual(2);
    expect(wcsc(DIST).status).toBe(0);
  });

  it('has only JavaScript that parses', () => {
    for (const file of filesOf(DIST, ['.js']))
      expect(() => new Script(readFileSync(join(DIST, file), 'utf8'), { filename: file })).not.toThrow();
  });

  it('would fail on a broken file (the compilers are really run)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'huiqi-weapp-'));
    try {
      cpSync(DIST, copy, { recursive: true });
      writeFileSync(join(copy, 'pages/home/index.wxml'), '<view>{{a+}}</view>');
      writeFileSync(join(copy, 'pages/calculator/index.wxss'), '.a{color:red');
      expect(wcc(copy).status).not.toBe(0);
      expect(wcsc(copy).status).not.toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps every tab page in the main package and every flow in a subpackage', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
      tabBar: { list: { pagePath: string; text: string }[] };
    };
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '计算器', '我的申报', '消息', '我的']);
    // The unread badge is set on the tab at this index.
    expect(app.tabBar.list[MESSAGES_TAB_INDEX]?.pagePath).toBe('pages/messages/index');
    expect(app.pages).toEqual(app.tabBar.list.map((t) => t.pagePath));
    expect(app.subPackages.map((p) => p.root)).toEqual(
      expect.arrayContaining(['subpackages/auth', 'subpackages/legal']),
    );
  });
});
