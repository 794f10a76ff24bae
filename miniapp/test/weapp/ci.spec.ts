/**
 * @jest-environment node
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, weappReport } from './tools';

// miniprogram-ci's own checks, offline: the dependency graph and the package sizes as WeChat counts them.
describe('the weapp build and miniprogram-ci', () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, 'app.json'))) throw new Error('没有小程序构建产物：请先运行 npm run build:miniapp');
  });

  it('has no dependency errors, passes the quality checks, and keeps the main package under 1 MB', () => {
    const report = weappReport(DIST);
    expect(report.missingDependencies).toEqual([]);
    expect(report.moduleErrors).toEqual([]);
    expect(report.quality.filter((check) => !check.success).map((check) => check.name)).toEqual([]);
    // Every subpackage app.json declares is a package of its own, and nothing else is.
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { subPackages: { root: string }[] };
    const declared = app.subPackages.map((p) => `${p.root.replace(/\/$/, '')}/`);
    expect(declared).toEqual(
      expect.arrayContaining(['subpackages/apply/', 'subpackages/auth/', 'subpackages/legal/', 'subpackages/org/']),
    );
    expect(Object.keys(report.packages).sort()).toEqual(['__APP__', ...declared].sort());
    // WeChat allows 2 MB; our budget is half of it.
    expect(report.mainBytes).toBeLessThan(1024 * 1024);
  });

  it('reports a page whose script is missing (the check can fail)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'huiqi-weapp-'));
    try {
      cpSync(DIST, copy, { recursive: true });
      rmSync(join(copy, 'pages/me/index.js'));
      expect(weappReport(copy).missingDependencies).toEqual(['Page:pages/me/index.json → Js:pages/me/index.js']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
