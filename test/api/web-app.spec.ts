import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_APP_CSP } from '../../api/src/common/web-app.js';
import { boot, type Booted } from './support/app.js';

// The API serving the mini-program's H5 build at `/`. A build of a few files is made here, so the
// suite does not depend on the real build (the browser suite runs against that one).
const INDEX = '<!doctype html><html><head><script defer src="/js/app.0123abcd.js"></script></head><body></body></html>';
const SCRIPT = 'console.log("app")';
const SECRET = 'NEXT-TO-THE-BUILD-NOT-IN-IT';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request whose path goes out exactly as written (fetch would resolve `..` itself). */
const raw = (base: string, method: string, path: string): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });

const expectJson404 = (res: Raw): void => {
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(JSON.parse(res.text) as object).sort()).toEqual(['code', 'details', 'message', 'requestId']);
};

describe('the H5 build at /', () => {
  let api: Booted;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'huiqi-web-'));
    const build = join(root, 'h5');
    mkdirSync(join(build, 'js'), { recursive: true });
    mkdirSync(join(build, 'css'), { recursive: true });
    writeFileSync(join(build, 'index.html'), INDEX);
    writeFileSync(join(build, 'js', 'app.0123abcd.js'), SCRIPT);
    writeFileSync(join(build, 'css', 'app.89abcdef.css'), 'body{margin:0}');
    writeFileSync(join(build, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(root, 'secret.txt'), SECRET);
    api = await boot('sqlite', { WEB_APP_DIR: build });
  });
  afterAll(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached, under a policy that allows only what the app needs', async () => {
    const res = await raw(api.url, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    for (const [directive, sources] of Object.entries(WEB_APP_CSP))
      expect(csp).toContain(`${directive} ${sources.join(' ')}`);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("answers the app's own routes with index.html (the browser router), queries and all", async () => {
    for (const path of [
      '/pages/calculator/index',
      '/pages/calculator/index?y=2023&p=all&f=%7B%7D',
      '/subpackages/auth/login/index',
    ]) {
      const res = await raw(api.url, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
    }
  });

  it('sends /staff to the workbench’s queue with a 302 (the workbench signs staff in from there)', async () => {
    const res = await raw(api.url, 'GET', '/staff');
    expect(res.status).toBe(302);
    expect(res.headers['location']).toBe('/subpackages/staff/queue/index');
    expect(res.headers['cache-control']).toBe('no-store');
    const page = await raw(api.url, 'GET', String(res.headers['location']));
    expect(page.status).toBe(200);
    expect(page.text).toBe(INDEX);
  });

  it('serves hashed files for a year, other files for an hour', async () => {
    const script = await raw(api.url, 'GET', '/js/app.0123abcd.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.text).toBe(SCRIPT);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const logo = await raw(api.url, 'GET', '/logo.png');
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('keeps JSON 404s for /api and for missing files, never the page in their place', async () => {
    const unknown = await raw(api.url, 'GET', '/api/v1/no-such-route');
    expectJson404(unknown);
    // The API's own headers: nothing on an API answer may load or run.
    expect(unknown.headers['content-security-policy']).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expectJson404(await raw(api.url, 'GET', '/api'));
    expectJson404(await raw(api.url, 'GET', '/js/app.deadbeef.js'));
    expectJson404(await raw(api.url, 'GET', '/pages/missing.js'));
    expectJson404(await raw(api.url, 'GET', '/somewhere-else'));
    expectJson404(await raw(api.url, 'POST', '/'));
    // An over-long id is still refused by the router (414), not caught by a catch-all.
    const long = await raw(api.url, 'GET', `/api/v1/applications/${'1'.repeat(150)}`);
    expect(long.status).toBe(414);
    const health = await raw(api.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
  });

  it('never reads a file outside the build, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/js/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/js/..%2f..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/..\\secret.txt',
    ]) {
      const res = await raw(api.url, 'GET', path);
      expect(res.text).not.toContain(SECRET);
      expect(res.text).not.toContain('root:');
    }
  });
});

describe('without an H5 build', () => {
  it('answers / as the API always did: a JSON 404', async () => {
    const api = await boot('sqlite', { WEB_APP_DIR: join(tmpdir(), 'huiqi-no-such-build') });
    try {
      expectJson404(await raw(api.url, 'GET', '/'));
    } finally {
      await api.close();
    }
  });
});
