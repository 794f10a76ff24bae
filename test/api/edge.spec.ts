import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { builtInEditions, type ErrorBody } from '@huiqi/shared';
import { ROUTE_BODY_LIMITS } from '../../api/src/common/body.js';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { pdf, upload } from './support/files.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire: not decompressed, unlike fetch's. */
  bytes: Buffer;
  json<T = ErrorBody>(): T;
}

/**
 * One HTTP request with full control of headers and body framing (fetch adds and hides both), on
 * its own connection: a kept-alive one could still look busy to the server when the suite closes it.
 */
const send = (
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            json: <T>() => JSON.parse(bytes.toString('utf8')) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      // No Content-Length: the size is only known once the body has been read.
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 4096) req.write(body.subarray(i, i + 4096));
    } else if (options.body !== undefined) req.setHeader('content-length', Buffer.byteLength(options.body));
    req.end(options.chunked ? undefined : options.body);
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHINESE = /[\u4e00-\u9fff]/;

/** The house shape, with the id that came back in the header, and nothing of the request echoed. */
const expectHouseShape = (res: Raw, status: number, code: string, mustNotContain: string[] = []): ErrorBody => {
  expect(res.status).toBe(status);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.code).toBe(code);
  expect(body.message).toMatch(CHINESE);
  expect(body.requestId).toMatch(UUID);
  expect(res.headers['x-request-id']).toBe(body.requestId);
  for (const text of mustNotContain) expect(res.bytes.toString('utf8')).not.toContain(text);
  return body;
};

const JSON_TYPE = { 'content-type': 'application/json' };

/** `{"facts":{"x":[{"a":[{"a":…}]}]}}`, `depth` levels deep: about 4 bytes a level. */
const deepBody = (depth: number): string => {
  const pairs = Math.floor((depth - 2) / 2);
  return `{"facts":{"x":${'[{"a":'.repeat(pairs)}1${'}]'.repeat(pairs)}}}`;
};

// The README's example request (docs/examples/leading-enterprise.json).
const EXAMPLE = readFileSync(join(process.cwd(), 'docs', 'examples', 'leading-enterprise.json'), 'utf8');

describe.each(ENGINES)('input limits before work on %s', (engine) => {
  let api: Booted;
  let token: string;
  let orgId: number;
  let appId: number;

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    token = await api.login('applicant', 'edge-owner');
    orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(40) })).body.id;
    appId = (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token,
        body: { programId: 'talent-hiring', claimYear: 2026 },
      })
    ).body.id;
  });
  afterAll(() => api.close());

  const auth = () => ({ ...JSON_TYPE, authorization: `Bearer ${token}` });
  const savedFacts = async () =>
    (await api.call<{ facts: object }>('GET', `/api/v1/orgs/${orgId}/facts?year=2026`, { token })).body.facts;

  it('a body nested 3,000 deep answers 400 in Chinese before validation, and writes nothing', async () => {
    const body = deepBody(3000);
    expect(body.length).toBeGreaterThan(11_000);
    expect(body.length).toBeLessThan(16 * 1024);
    for (const [method, path] of [
      ['PUT', `/api/v1/orgs/${orgId}/facts?year=2026`],
      ['PATCH', `/api/v1/applications/${appId}`],
      ['POST', '/api/v1/eligibility'],
    ] as const) {
      const res = await send(api.url, method, path, { headers: auth(), body });
      const reply = expectHouseShape(res, 400, 'INVALID_REQUEST');
      expect(reply.details).toEqual([{ field: '(request)', message: 'JSON 嵌套超过8层，请检查请求内容' }]);
    }
    expect(await savedFacts()).toEqual({});
  });

  it('/api/health stays responsive while 40 such requests are in flight, and each is refused', async () => {
    const body = deepBody(3000);
    const flood = Array.from({ length: 40 }, () =>
      send(api.url, 'PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { headers: auth(), body }),
    );
    const health = await api.call<{ status: string; database: { ok: boolean } }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { ok: true } });
    const replies = await Promise.all(flood);
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(400));
    expect(await savedFacts()).toEqual({});
  });

  it('every legitimate body fits: a whole edition document as a draft patch (7 deep, 19.6 KB)', async () => {
    const admin = await api.login('admin', 'edge-admin');
    expect(
      (await api.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: '2031' } })).status,
    ).toBe(201);
    // The whole document but its id, which a draft never changes.
    const document = structuredClone(builtInEditions()[0]) as unknown as Record<string, unknown>;
    delete document['id'];
    const body = JSON.stringify({ document: { ...document, title: '2031年版（测试）' } });
    expect(body.length).toBeGreaterThan(16 * 1024);
    const res = await send(api.url, 'PATCH', '/api/v1/editions/2031', {
      headers: { ...JSON_TYPE, authorization: `Bearer ${admin}` },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.json<{ document: { title: string } }>().document.title).toBe('2031年版（测试）');
    // The same bytes on a form's route are over its limit.
    const facts = await send(api.url, 'PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { headers: auth(), body });
    expectHouseShape(facts, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body over the route’s limit answers 413 naming the limit, with or without Content-Length', async () => {
    const big = JSON.stringify({ facts: { trainedHireCount: 1 }, padding: 'x'.repeat(20_000) });
    for (const chunked of [false, true]) {
      const res = await send(api.url, 'PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, {
        headers: auth(),
        body: big,
        chunked,
      });
      const reply = expectHouseShape(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(reply.message).toBe('请求内容过大：此接口最多接受 16 KB，请精简后重试');
      expect(reply.details).toEqual({ maxBytes: 16_384 });
    }
    const admin = await api.login('admin', 'edge-admin');
    const edition = await send(api.url, 'PATCH', '/api/v1/editions/2031', {
      headers: { ...JSON_TYPE, authorization: `Bearer ${admin}` },
      body: JSON.stringify({ document: { title: 'x'.repeat(300_000) } }),
    });
    expect(expectHouseShape(edition, 413, 'PAYLOAD_TOO_LARGE').details).toEqual({ maxBytes: 262_144 });
    expect(await savedFacts()).toEqual({});
  });

  it('a request id the caller chose reaches the audit log only when it is a UUID', async () => {
    const admin = await api.login('admin', 'edge-admin');
    const lastAudit = async () =>
      (
        await api.call<{ entries: { requestId: string }[] }>('GET', `/api/v1/audit?entity=org&orgId=${orgId}&limit=1`, {
          token: admin,
        })
      ).body.entries[0]?.requestId;
    for (const forged of [
      'forged-id',
      '<script>alert(1)</script>',
      'a'.repeat(64),
      `${randomBytes(16).toString('hex')}`,
    ]) {
      const res = await send(api.url, 'PATCH', `/api/v1/orgs/${orgId}`, {
        headers: { ...auth(), 'x-request-id': forged },
        body: JSON.stringify({ contactName: '赵联系' }),
      });
      expect(res.status).toBe(200);
      const id = res.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect(id).not.toBe(forged);
      expect(await lastAudit()).toBe(id);
    }
    const given = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
    const kept = await send(api.url, 'PATCH', `/api/v1/orgs/${orgId}`, {
      headers: { ...auth(), 'x-request-id': given },
      body: JSON.stringify({ contactName: '赵联系' }),
    });
    expect(kept.headers['x-request-id']).toBe(given);
    expect(await lastAudit()).toBe(given);
  });
});

describe('the wire: content types, framework errors, logs, headers, compression', () => {
  let api: Booted;
  let token: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    api = await boot('sqlite', { LOG_LEVEL: 'info' }, { logStream });
    await publishDemoEdition(api, 2026);
    token = await api.login('applicant', 'wire-owner');
  });
  afterAll(() => api.close());

  it('every route named in the body limits table exists, so none silently falls back to the default', () => {
    const fastify = api.app.app.getHttpAdapter().getInstance();
    const names = Object.keys(ROUTE_BODY_LIMITS);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const [method, url] = name.split(' ') as [string, string];
      expect({ name, routed: fastify.hasRoute({ method: method as 'GET', url }) }).toEqual({ name, routed: true });
    }
  });

  describe('JSON routes take application/json only', () => {
    const body = '{"claimYear":2023,"facts":{}}';

    it.each([
      ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'claimYear=2023&facts='],
      ['text/plain', { 'content-type': 'text/plain' }, body],
      ['no content type at all', {}, body],
      ['XML', { 'content-type': 'application/xml' }, '<request/>'],
      ['JSON in another charset', { 'content-type': 'application/json; charset=iso-8859-1' }, body],
      ['a look-alike type', { 'content-type': 'application/jsonp' }, body],
      ['multipart on a JSON route', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--\r\n'],
      ['a compressed body', { ...JSON_TYPE, 'content-encoding': 'gzip' }, body],
    ])('%s answers 415 in Chinese', async (_label, headers, sent) => {
      const res = await send(api.url, 'POST', '/api/v1/eligibility', { headers, body: sent });
      const reply = expectHouseShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(reply.message).toMatch(/JSON|压缩/);
    });

    it.each([
      ['application/json', 'application/json'],
      ['with charset=utf-8', 'application/json; charset=utf-8'],
      ['in capitals', 'Application/JSON; Charset=UTF-8'],
    ])('%s is read', async (_label, type) => {
      const res = await send(api.url, 'POST', '/api/v1/eligibility', { headers: { 'content-type': type }, body });
      expect(res.status).toBe(200);
    });

    it('a POST without data but with the JSON type (as wx.request sends it) is a POST without a body', async () => {
      const org = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(41) })).body.id;
      const res = await send(api.url, 'POST', `/api/v1/orgs/${org}/invites`, {
        headers: { ...JSON_TYPE, authorization: `Bearer ${token}` },
        body: '',
      });
      expect(res.status).toBe(201);
    });

    it('a body refused before it was read closes the connection, so nothing waits on its rest', async () => {
      // The headers go first and the body only after the answer, as a slow phone sends them.
      const closed = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const url = new URL(api.url);
        // A kept-alive connection: only the server can end it early.
        const agent = new Agent({ keepAlive: true });
        const req = httpRequest({
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/v1/eligibility',
          headers: { 'content-type': 'text/plain', 'content-length': String(body.length) },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          res.resume();
          req.write(body);
          // Resolves only when the server ends the connection; a kept-alive one would stay open.
          res.socket.on('close', () => {
            agent.destroy();
            resolve({ status: res.statusCode ?? 0, connection: res.headers['connection'] });
          });
        });
        req.flushHeaders();
      });
      expect(closed).toEqual({ status: 415, connection: 'close' });
    });

    it('the upload route still takes multipart', async () => {
      const org = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(42) })).body.id;
      const res = await upload(api.url, token, org, pdf('wire'), '营业执照.pdf');
      expect([200, 201]).toContain(res.status);
    });

    it.each([
      ['__proto__ at the top', '{"__proto__":{"isAdmin":true},"claimYear":2023,"facts":{}}', '__proto__'],
      ['__proto__ written with escapes', '{"claimYear":2023,"facts":{"\\u005f_proto__":{}}}', 'facts.__proto__'],
      [
        'constructor.prototype deep inside',
        '{"claimYear":2023,"facts":{"a":[{"constructor":{"prototype":{}}}]}}',
        'facts.a[0].constructor',
      ],
    ])('a prototype-poisoning key (%s) answers 400 naming it', async (_label, sent, field) => {
      const res = await send(api.url, 'POST', '/api/v1/eligibility', { headers: JSON_TYPE, body: sent });
      expect(expectHouseShape(res, 400, 'INVALID_REQUEST').details).toEqual([
        { field, message: expect.stringContaining('不允许使用') },
      ]);
    });
  });

  describe('framework errors in the house shape, never echoing the request', () => {
    it('an over-long route parameter answers 414', async () => {
      const id = '1'.repeat(300);
      expectHouseShape(await send(api.url, 'GET', `/api/v1/orgs/${id}`), 414, 'URI_TOO_LONG', [id]);
    });

    it('an over-long URL answers 414', async () => {
      const path = `/api/v1/programs?year=2026&q=${'ECHO'.repeat(1000)}`;
      expectHouseShape(await send(api.url, 'GET', path), 414, 'URI_TOO_LONG', ['ECHO']);
    });

    it('a URL beyond what Node reads answers 431', async () => {
      const path = `/api/${'ECHO'.repeat(5000)}`;
      expectHouseShape(await send(api.url, 'GET', path), 431, 'HEADERS_TOO_LARGE', ['ECHO']);
    });

    it('malformed percent-encoding answers 400', async () => {
      expectHouseShape(await send(api.url, 'GET', '/api/v1/orgs/%E0%A4%A'), 400, 'INVALID_REQUEST', ['%E0']);
    });

    it('unknown routes and methods answer 404', async () => {
      expectHouseShape(await send(api.url, 'GET', '/api/v1/ECHO-route'), 404, 'NOT_FOUND', ['ECHO']);
      expectHouseShape(await send(api.url, 'DELETE', '/api/health'), 404, 'NOT_FOUND');
      expectHouseShape(await send(api.url, 'GET', '/api/docs/ECHO.js'), 404, 'NOT_FOUND', ['ECHO']);
    });

    it('JSON that does not parse answers 400 without quoting the body', async () => {
      const res = await send(api.url, 'POST', '/api/v1/eligibility', {
        headers: JSON_TYPE,
        body: '{"claimYear": ECHO-MARKER}',
      });
      expectHouseShape(res, 400, 'INVALID_REQUEST', ['ECHO-MARKER']);
    });

    it('bytes that are not UTF-8 answer 400', async () => {
      const res = await send(api.url, 'POST', '/api/v1/eligibility', {
        headers: JSON_TYPE,
        body: Buffer.concat([
          Buffer.from('{"claimYear":2023,"facts":{"county":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}}'),
        ]),
      });
      expectHouseShape(res, 400, 'INVALID_REQUEST');
    });
  });

  it('request logs carry no signature or token from the URL', async () => {
    const signature = 'f'.repeat(64);
    const refresh = randomBytes(24).toString('base64url');
    await send(api.url, 'GET', `/api/v1/files/1/content?expires=1800000000&signature=${signature}&download=1`);
    await send(api.url, 'GET', `/api/v1/programs?year=2026&token=${refresh}`);
    await send(api.url, 'GET', `/api/v1/programs?year=2026&x=${refresh}${refresh}`);
    const requests = lines
      .map((line) => JSON.parse(line) as { req?: { url: string } })
      .flatMap((entry) => (entry.req ? [entry.req.url] : []));
    // The assertions below could pass on an empty log: the requests must be there.
    expect(requests).toContain('/api/v1/files/1/content?expires=1800000000&signature=[REDACTED]&download=1');
    expect(requests).toContain('/api/v1/programs?year=2026&token=[REDACTED]');
    expect(requests).toContain('/api/v1/programs?year=2026&x=[REDACTED]');
    const log = lines.join('\n');
    expect(log).not.toContain(signature);
    expect(log).not.toContain(refresh);
  });

  describe('security headers', () => {
    it('every API answer forbids sniffing, framing and referrers, and loads nothing', async () => {
      for (const res of [await send(api.url, 'GET', '/api/health'), await send(api.url, 'GET', '/api/v1/nothing')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
        );
        // HSTS only in production: a laptop's http://localhost must not be pinned to https.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('Swagger UI runs under a policy without inline scripts, every script from this origin', async () => {
      const page = await send(api.url, 'GET', '/api/docs');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      const html = page.bytes.toString('utf8');
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBe(3);
      for (const [, attributes, inline] of scripts) {
        expect(inline?.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '';
        expect(src).toMatch(/^\/api\/docs\//);
        const script = await send(api.url, 'GET', src);
        expect(script.status).toBe(200);
        expect(script.headers['content-type']).toContain('javascript');
      }
      const init = (await send(api.url, 'GET', '/api/docs/huiqi-init.js')).bytes.toString('utf8');
      expect(init).toContain("url: '/api/docs-json'");
    });

    it('in production, HSTS too', async () => {
      const production = await boot('sqlite', {
        NODE_ENV: 'production',
        AUTH_DEMO: '0',
        TOKEN_SECRET: randomBytes(32).toString('base64url'),
        ALLOW_SQLITE_IN_PRODUCTION: '1',
        LOG_LEVEL: 'silent',
      });
      try {
        const res = await send(production.url, 'GET', '/api/health');
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      } finally {
        await production.close();
      }
    });
  });

  describe('compression', () => {
    const eligibility = (encoding: string) =>
      send(api.url, 'POST', '/api/v1/eligibility', {
        headers: { ...JSON_TYPE, 'accept-encoding': encoding },
        body: EXAMPLE,
      });

    it.each([
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ])(
      'the eligibility answer arrives as %s, under 6 KB on the wire, and decompresses to the same JSON',
      async (encoding, inflate) => {
        const plain = await eligibility('identity');
        expect(plain.headers['content-encoding']).toBeUndefined();
        const packed = await eligibility(encoding);
        expect(packed.status).toBe(200);
        expect(packed.headers['content-encoding']).toBe(encoding);
        expect(packed.headers['vary']).toMatch(/accept-encoding/i);
        expect(packed.bytes.length).toBeLessThan(6 * 1024);
        expect(inflate(packed.bytes).equals(plain.bytes)).toBe(true);
      },
    );

    it('GET /api/v1/programs?year=2026 is compressed too', async () => {
      const sizes: Record<string, number> = {};
      for (const encoding of ['identity', 'gzip', 'br']) {
        const res = await send(api.url, 'GET', '/api/v1/programs?year=2026', {
          headers: { 'accept-encoding': encoding },
        });
        expect(res.status).toBe(200);
        sizes[encoding] = res.bytes.length;
      }
      expect(sizes['br']).toBeLessThan((sizes['identity'] ?? 0) / 4);
      expect(sizes['gzip']).toBeLessThan((sizes['identity'] ?? 0) / 4);
    });

    it('small answers are sent as they are', async () => {
      const res = await send(api.url, 'GET', '/api/health', { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.bytes.length).toBeLessThan(1024);
      expect(res.headers['content-encoding']).toBeUndefined();
    });

    it('a stored file is never compressed again on download', async () => {
      const org = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(43) })).body.id;
      // 4 KB of a PDF that compresses well, so only the content type can keep it from being compressed.
      const bytes = Buffer.concat([pdf('download'), Buffer.alloc(4096, 0x20)]);
      const id = (await upload(api.url, token, org, bytes, '证明.pdf')).body.file?.id;
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token });
      const res = await send(api.url, 'GET', link.body.path, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.bytes.length).toBe(Number(res.headers['content-length']));
    });
  });
});
