import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { startFakeWechat, type FakeWechat } from './fake-server.js';
import { parseWechatError, WechatClient } from './wechat.client.js';

const APP_ID = 'wx-spec-appid';
const APP_SECRET = 'spec-secret-9f3a';

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to reject');
};

/** An origin that answers every request with one fixed body, for responses the fake never gives. */
const startCannedServer = async (body: string): Promise<{ url: string; server: Server }> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('WechatClient.code2Session against the fake WeChat', () => {
  let fake: FakeWechat;
  let client: WechatClient;

  beforeAll(async () => {
    fake = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET });
    client = new WechatClient({ baseUrl: fake.url, appId: APP_ID, appSecret: APP_SECRET });
  });

  afterAll(() => fake.close());

  it('exchanges a code for the openid and unionid', async () => {
    await expect(client.code2Session('alice')).resolves.toEqual({ openid: 'o-alice', unionid: 'u-alice' });
  });

  it('refuses a code the second time, as WeChat does', async () => {
    await expect(client.code2Session('bob')).resolves.toMatchObject({ openid: 'o-bob' });
    await expect(client.code2Session('bob')).rejects.toMatchObject({
      code: 'WECHAT_CODE_INVALID',
      details: { errcode: 40163 },
    });
  });

  it('lets demo- codes be reused', async () => {
    await expect(client.code2Session('demo-carol')).resolves.toMatchObject({ openid: 'o-demo-carol' });
    await expect(client.code2Session('demo-carol')).resolves.toMatchObject({ openid: 'o-demo-carol' });
  });

  it.each([
    ['invalid', 40029, 'WECHAT_CODE_INVALID'],
    ['invalid-expired', 40029, 'WECHAT_CODE_INVALID'],
    ['used-twice', 40163, 'WECHAT_CODE_INVALID'],
    ['frequent', 45011, 'WECHAT_RATE_LIMITED'],
    ['blocked', 40226, 'WECHAT_USER_BLOCKED'],
    ['busy', -1, 'WECHAT_BUSY'],
  ])('maps code %s (errcode %d) to %s with a Chinese message', async (code, errcode, expected) => {
    const error = await rejection(client.code2Session(code));
    expect(error).toMatchObject({ code: expected, details: { errcode } });
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports a wrong secret as WeChat unavailable, never echoing the secret', async () => {
    const wrongSecret = 'wrong-secret-7c21';
    const misconfigured = new WechatClient({ baseUrl: fake.url, appId: APP_ID, appSecret: wrongSecret });
    const error = await rejection(misconfigured.code2Session('dora'));
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { errcode: 40125 } });
    const visible = JSON.stringify({ message: error.message, details: error.details, stack: error.stack });
    expect(visible).not.toContain(wrongSecret);
    expect(visible).not.toContain(APP_SECRET);
  });

  it('reports a wrong appid as WeChat unavailable', async () => {
    const misconfigured = new WechatClient({ baseUrl: fake.url, appId: 'wx-other', appSecret: APP_SECRET });
    await expect(misconfigured.code2Session('erin')).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
      details: { errcode: 40013 },
    });
  });

  it('reports HTTP 500 as WeChat unavailable', async () => {
    await expect(client.code2Session('http-500')).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
      details: { errcode: null, reason: 'HTTP 500' },
    });
  });

  it('gives up on a slow WeChat after timeoutMs', async () => {
    const impatient = new WechatClient({ baseUrl: fake.url, appId: APP_ID, appSecret: APP_SECRET, timeoutMs: 200 });
    const error = await rejection(impatient.code2Session('slow'));
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { errcode: null } });
    expect((error.details as { reason: string }).reason).toMatch(/timeout/);
  });

  it('reports an unreachable WeChat as unavailable', async () => {
    const gone = await startFakeWechat();
    await gone.close();
    const unreachable = new WechatClient({ baseUrl: gone.url, appId: APP_ID, appSecret: APP_SECRET });
    const error = await rejection(unreachable.code2Session('frank'));
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { errcode: null } });
    expect(JSON.stringify(error.details)).not.toContain(APP_SECRET);
  });

  it('sends appid, secret, js_code and grant_type, URL-encoded', async () => {
    const code = 'g&h=i j+k';
    await expect(client.code2Session(code)).resolves.toMatchObject({ openid: `o-${code}` });
    const request = fake.requests.find((r) => r.query['js_code'] === code);
    expect(request).toEqual({
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: APP_ID, secret: APP_SECRET, js_code: code, grant_type: 'authorization_code' },
    });
  });

  it.each(['/proxy/wx', '/proxy/wx/'])('honours a base URL with the path prefix %s', async (suffix) => {
    const prefixed = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET, pathPrefix: '/proxy/wx' });
    try {
      const origin = new URL(prefixed.url).origin;
      const viaProxy = new WechatClient({ baseUrl: `${origin}${suffix}`, appId: APP_ID, appSecret: APP_SECRET });
      await expect(viaProxy.code2Session('grace')).resolves.toMatchObject({ openid: 'o-grace' });
      expect(prefixed.requests.map((r) => r.path)).toEqual(['/proxy/wx/sns/jscode2session']);
    } finally {
      await prefixed.close();
    }
  });
});

describe('WechatClient.code2Session against malformed answers', () => {
  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>'],
    ['a JSON array', '[]'],
    ['no openid', '{"session_key":"abc"}'],
    ['an empty openid', '{"openid":""}'],
  ])('reports %s as WeChat unavailable', async (_label, body) => {
    const { url, server } = await startCannedServer(body);
    try {
      const client = new WechatClient({ baseUrl: url, appId: APP_ID, appSecret: APP_SECRET });
      const error = await rejection(client.code2Session('henry'));
      expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { errcode: null } });
      expect(JSON.stringify(error.details)).not.toContain('abc');
    } finally {
      await closeServer(server);
    }
  });

  it('accepts the legacy errcode 0 on success and omits a missing unionid', async () => {
    const { url, server } = await startCannedServer('{"openid":"o-legacy","session_key":"abc","errcode":0}');
    try {
      const client = new WechatClient({ baseUrl: url, appId: APP_ID, appSecret: APP_SECRET });
      await expect(client.code2Session('ivy')).resolves.toEqual({ openid: 'o-legacy' });
    } finally {
      await closeServer(server);
    }
  });

  it('scrubs the secret should WeChat ever echo it in errmsg', async () => {
    const { url, server } = await startCannedServer(JSON.stringify({ errcode: 40125, errmsg: `bad ${APP_SECRET}` }));
    try {
      const client = new WechatClient({ baseUrl: url, appId: APP_ID, appSecret: APP_SECRET });
      const error = await rejection(client.code2Session('jack'));
      expect(error.code).toBe('WECHAT_UNAVAILABLE');
      expect(JSON.stringify(error.details)).not.toContain(APP_SECRET);
    } finally {
      await closeServer(server);
    }
  });
});

describe('parseWechatError', () => {
  it.each([
    [40029, 'WECHAT_CODE_INVALID'],
    [40163, 'WECHAT_CODE_INVALID'],
    [45011, 'WECHAT_RATE_LIMITED'],
    [40226, 'WECHAT_USER_BLOCKED'],
    [-1, 'WECHAT_BUSY'],
    [40013, 'WECHAT_UNAVAILABLE'],
    [40125, 'WECHAT_UNAVAILABLE'],
    [99999, 'WECHAT_UNAVAILABLE'],
  ])('maps %d to %s', (errcode, code) => {
    expect(parseWechatError(errcode).code).toBe(code);
  });
});
