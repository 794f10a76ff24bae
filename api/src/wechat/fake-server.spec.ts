import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeWechat, type FakeWechat } from './fake-server.js';

const APP_ID = 'wx-fake-spec';
const APP_SECRET = 'fake-spec-secret';

describe('fake WeChat server', () => {
  let fake: FakeWechat;

  const get = async (path: string, query: Record<string, string>): Promise<Response> =>
    fetch(`${fake.url}${path}?${new URLSearchParams(query).toString()}`);

  const token = async (): Promise<string> => {
    const response = await get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  };

  const send = async (accessToken: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${fake.url}/cgi-bin/message/subscribe/send?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  const message = {
    touser: 'o-alice',
    template_id: 'tpl-approved',
    page: 'pages/applications/detail?id=7',
    data: { thing1: { value: '直播带货补贴' }, phrase2: { value: '已通过' } },
    miniprogram_state: 'trial',
    lang: 'zh_CN',
  };

  beforeAll(async () => {
    fake = await startFakeWechat({ appId: APP_ID, appSecret: APP_SECRET });
  });

  afterAll(() => fake.close());

  describe('GET /cgi-bin/token', () => {
    it('issues a fresh access token valid for 7200 s', async () => {
      const response = await get('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: APP_ID,
        secret: APP_SECRET,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = (await response.json()) as { access_token: unknown; expires_in: unknown };
      expect(body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      expect(await token()).not.toBe(body.access_token);
    });

    it.each([
      [{ appid: 'wx-other', secret: APP_SECRET }, 40013],
      [{ appid: APP_ID, secret: 'nope' }, 40125],
    ])('refuses wrong credentials %o with %d', async (credentials, errcode) => {
      const response = await get('/cgi-bin/token', { grant_type: 'client_credential', ...credentials });
      await expect(response.json()).resolves.toMatchObject({ errcode });
    });
  });

  describe('POST /cgi-bin/message/subscribe/send', () => {
    it('records a message sent with a valid token', async () => {
      await expect(send(await token(), message)).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
      expect(fake.sentMessages).toContainEqual(message);
    });

    it('refuses an unknown access token with 40001 and records nothing', async () => {
      const before = fake.sentMessages.length;
      await expect(send('forged-token', message)).resolves.toEqual({ errcode: 40001, errmsg: 'invalid credential' });
      expect(fake.sentMessages).toHaveLength(before);
    });

    it.each(['touser', 'template_id'])('refuses a message without %s with 47003', async (field) => {
      const before = fake.sentMessages.length;
      const incomplete = Object.fromEntries(Object.entries(message).filter(([key]) => key !== field));
      await expect(send(await token(), incomplete)).resolves.toMatchObject({ errcode: 47003 });
      expect(fake.sentMessages).toHaveLength(before);
    });

    it('refuses a body that is not JSON with 47001', async () => {
      const response = await fetch(`${fake.url}/cgi-bin/message/subscribe/send?access_token=${await token()}`, {
        method: 'POST',
        body: 'touser=o-alice',
      });
      await expect(response.json()).resolves.toMatchObject({ errcode: 47001 });
    });
  });

  describe('GET /sns/jscode2session', () => {
    const session = (query: Record<string, string>): Promise<Response> =>
      get('/sns/jscode2session', { appid: APP_ID, secret: APP_SECRET, grant_type: 'authorization_code', ...query });

    it('answers a deterministic base64 session_key beside the openid', async () => {
      const first = (await (await session({ js_code: 'demo-kim' })).json()) as Record<string, unknown>;
      const second = (await (await session({ js_code: 'demo-kim' })).json()) as Record<string, unknown>;
      expect(first).toEqual({ openid: 'o-demo-kim', unionid: 'u-demo-kim', session_key: expect.any(String) });
      expect(first['session_key']).toBe(second['session_key']);
      expect(Buffer.from(String(first['session_key']), 'base64')).toHaveLength(16);
    });

    it.each([
      [{}, 40029],
      [{ js_code: 'liam', grant_type: 'client_credential' }, 40029],
    ])('refuses %o with %d', async (query, errcode) => {
      const response = await session(query);
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ errcode });
    });

    it('answers http-500 with HTTP 500 and an empty body', async () => {
      const response = await session({ js_code: 'http-500' });
      expect(response.status).toBe(500);
      await expect(response.text()).resolves.toBe('');
    });
  });

  it('answers any other path with a JSON 404', async () => {
    const response = await fetch(`${fake.url}/cgi-bin/unknown`);
    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toEqual({ errcode: 404, errmsg: 'not found' });
  });

  it('records the method, path and query of every request', async () => {
    await get('/cgi-bin/token', { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET });
    expect(fake.requests.at(-1)).toEqual({
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET },
    });
  });
});
