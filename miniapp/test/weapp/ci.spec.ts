/**
 * @jest-environment node
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    expect(Object.keys(report.packages).sort()).toEqual([
      '__APP__',
      'subpackages/apply/',
      'subpackages/auth/',
      'subpackages/legal/',
    ]);
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
