import { type Session } from '../contracts/auth';
import { type OrgView } from '../contracts/orgs';
import { ApiError, createApiClient, memoryTokens } from './client';
import { type TransportRequest, type TransportResponse, TransportError } from './transport';

/**
 * The client over a scripted transport (the one dependency it is given): what it sends for each
 * kind of operation, how it reads answers and refusals, and the token refresh. The same client
 * runs against the booted API in test/api/client.spec.ts.
 */

type Handler = (request: TransportRequest) => TransportResponse | Promise<TransportResponse>;

const scripted = (handler: Handler) => {
  const sent: TransportRequest[] = [];
  return {
    sent,
    transport: async (request: TransportRequest) => {
      sent.push(request);
      return handler(request);
    },
  };
};

const json = (status: number, body: unknown): TransportResponse => ({ status, text: JSON.stringify(body) });

const refusal = (status: number, code: string, message: string, details: unknown = []) =>
  json(status, { code, message, details, requestId: 'req-1' });

const session = (n: number): Session => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user: { id: 7, role: 'applicant', county: null, displayName: '微信用户' },
});

const org = { id: 3, name: '测试企业' } as OrgView;

/** Resolves when released: holds answers back so several calls are in flight at once. */
const gate = () => {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
};

describe('the typed client', () => {
  it('sends each operation to its method and path, with the path parameters, query and JSON body', async () => {
    const { sent, transport } = scripted(() => json(200, { orgId: 3, claimYear: 2026, facts: {} }));
    const api = createApiClient({ baseUrl: 'https://api.example.cn', transport, tokens: memoryTokens(session(1)) });
    await api.putFacts({ params: { orgId: 3 }, query: { year: 2026 }, body: { facts: { taxCompliant: true } } });
    await api.call('getOrg', { params: { orgId: 12 } });
    await api.listAudit();
    await api.listAudit({ query: { entity: 'org', entityId: 'a b/c', limit: 5 } });
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT https://api.example.cn/api/v1/orgs/3/facts?year=2026',
      'GET https://api.example.cn/api/v1/orgs/12',
      'GET https://api.example.cn/api/v1/audit',
      'GET https://api.example.cn/api/v1/audit?entity=org&entityId=a%20b%2Fc&limit=5',
    ]);
    expect(sent[0]?.body).toBe('{"facts":{"taxCompliant":true}}');
    expect(sent[0]?.headers).toEqual({
      accept: 'application/json',
      authorization: 'Bearer access-1',
      'content-type': 'application/json',
    });
    expect(sent[1]?.body).toBeUndefined();
    expect(sent[1]?.headers['content-type']).toBeUndefined();
  });

  it('sends the token only where the route needs a sign-in', async () => {
    const { sent, transport } = scripted(() => json(200, { editions: [] }));
    const api = createApiClient({ baseUrl: '', transport, tokens: memoryTokens(session(1)) });
    await api.listEditions();
    await api.getMe();
    expect(sent.map((r) => r.headers['authorization'])).toEqual([undefined, 'Bearer access-1']);
  });

  it('sends no body to a POST that takes none, and a file as a form', async () => {
    const { sent, transport } = scripted((r) =>
      r.url.endsWith('/submit') ? json(200, { id: 5 }) : json(201, { file: { id: 1 }, deduplicated: false }),
    );
    const api = createApiClient({ baseUrl: '', transport });
    await api.submitApplication({ params: { id: 5 } });
    const file = { name: '营业执照.pdf', type: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) };
    await api.uploadFile({ query: { orgId: 3 }, body: { file } });
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/applications/5/submit' });
    expect(sent[0]?.body).toBeUndefined();
    expect(sent[1]).toMatchObject({ method: 'POST', url: '/api/v1/files?orgId=3', form: { field: 'file', file } });
    expect(sent[1]?.body).toBeUndefined();
    expect(sent[1]?.headers['content-type']).toBeUndefined();
  });

  it('hands an upload’s progress listener to the transport, and retries the upload with it after a refresh', async () => {
    let first = true;
    const { sent, transport } = scripted((r) => {
      r.onUploadProgress?.(4, 4);
      if (r.url.endsWith('/refresh')) return json(200, session(2));
      if (first) {
        first = false;
        return refusal(401, 'TOKEN_EXPIRED', '登录已过期');
      }
      return json(201, { file: { id: 1 }, deduplicated: false });
    });
    const api = createApiClient({ baseUrl: '', transport, tokens: memoryTokens(session(1)) });
    const heard: [number, number][] = [];
    const file = { name: '照片.png', type: 'image/png', content: new Uint8Array([1, 2, 3, 4]) };
    await api.uploadFile({ query: { orgId: 3 }, body: { file } }, { onUploadProgress: (s, t) => heard.push([s, t]) });
    expect(sent.map((r) => `${r.url} ${r.onUploadProgress ? 'progress' : '-'}`)).toEqual([
      '/api/v1/files?orgId=3 progress',
      '/api/v1/auth/refresh -',
      '/api/v1/files?orgId=3 progress',
    ]);
    // Each try reports from the start again; the page shows the latest.
    expect(heard).toEqual([
      [4, 4],
      [4, 4],
    ]);
    // Without a listener, the transport is given none.
    await api.uploadFile({ query: { orgId: 3 }, body: { file } });
    expect(sent[3]?.onUploadProgress).toBeUndefined();
  });

  it('resolves the operation’s answer, and nothing for 204', async () => {
    const { transport } = scripted((r) => (r.url.endsWith('/logout') ? { status: 204, text: '' } : json(200, org)));
    const api = createApiClient({ baseUrl: '', transport });
    await expect(api.getOrg({ params: { orgId: 3 } })).resolves.toEqual(org);
    await expect(api.logout({ body: { refreshToken: 'r' } })).resolves.toBeUndefined();
  });

  it('rejects a refusal with its code, Chinese message, details, status and request id, typed by code', async () => {
    const details = { opens: '2026-01-01', closes: '2026-03-31', today: '2026-06-15' };
    const { transport } = scripted(() => refusal(422, 'OUTSIDE_WINDOW', '不在申报时间内', details));
    const api = createApiClient({ baseUrl: '', transport });
    const error = await api.submitApplication({ params: { id: 5 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const refused = error as ApiError;
    expect(refused).toMatchObject({
      code: 'OUTSIDE_WINDOW',
      message: '不在申报时间内',
      status: 422,
      requestId: 'req-1',
    });
    if (!refused.is('OUTSIDE_WINDOW')) throw new Error('not narrowed');
    // Typed: the window's dates, not a field list.
    expect(refused.details.closes).toBe('2026-03-31');
    expect(refused.offline).toBe(false);
  });

  it.each([
    ['a page that is not JSON', { status: 502, text: '<html>Bad Gateway</html>' }, 'BAD_RESPONSE', 502],
    ['JSON that is not the house shape', json(500, { error: 'x' }), 'BAD_RESPONSE', 500],
    ['a success that is not JSON', { status: 200, text: 'ok' }, 'BAD_RESPONSE', 200],
  ])('rejects %s as BAD_RESPONSE, in Chinese', async (_, answer, code, status) => {
    const api = createApiClient({ baseUrl: '', transport: scripted(() => answer).transport });
    await expect(api.getMe()).rejects.toMatchObject({ code, status, message: '服务暂时出错，请稍后再试' });
  });

  it.each([
    ['network', 'NETWORK', '网络连接失败，请检查网络后重试'],
    ['timeout', 'TIMEOUT', '服务器响应超时，请稍后重试'],
  ] as const)('rejects a transport %s failure as %s, offline', async (reason, code, message) => {
    const api = createApiClient({
      baseUrl: '',
      transport: scripted(() => {
        throw new TransportError(reason);
      }).transport,
    });
    const error = (await api.listEditions().catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ code, message, status: 0, requestId: null });
    expect(error.offline).toBe(true);
  });

  it('saves the session a sign-in answers, and clears it at sign-out even when the API fails', async () => {
    const tokens = memoryTokens();
    const { transport } = scripted((r) =>
      r.url.endsWith('/demo') ? json(200, session(1)) : refusal(500, 'INTERNAL', '服务暂时出错，请稍后再试'),
    );
    const api = createApiClient({ baseUrl: '', transport, tokens });
    await api.demoLogin({ body: { role: 'applicant' } });
    expect(tokens.current()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    await expect(api.logout({ body: { refreshToken: 'refresh-1' } })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(tokens.current()).toBeNull();
  });

  it('refreshes once for every call that saw the token expire together, and retries each once', async () => {
    const tokens = memoryTokens(session(1));
    const held = gate();
    let refreshes = 0;
    const { sent, transport } = scripted(async (r) => {
      if (r.url.endsWith('/auth/refresh')) {
        refreshes += 1;
        await held.opened;
        return json(200, session(2));
      }
      return r.headers['authorization'] === 'Bearer access-2'
        ? json(200, org)
        : refusal(401, 'TOKEN_EXPIRED', '登录已过期');
    });
    const api = createApiClient({ baseUrl: '', transport, tokens });
    const calls = [1, 2, 3].map((orgId) => api.getOrg({ params: { orgId } }));
    // Every call has had its refusal before the refresh answers.
    while (sent.filter((r) => r.url.includes('/orgs/')).length < 3 || refreshes < 1)
      await new Promise((resolve) => setImmediate(resolve));
    held.release();
    await expect(Promise.all(calls)).resolves.toEqual([org, org, org]);
    expect(refreshes).toBe(1);
    expect(sent.find((r) => r.url.endsWith('/auth/refresh'))?.body).toBe('{"refreshToken":"refresh-1"}');
    expect(sent.filter((r) => r.headers['authorization'] === 'Bearer access-2')).toHaveLength(3);
    expect(tokens.current()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('uses the token another call already refreshed instead of spending the refresh token again', async () => {
    const tokens = memoryTokens(session(1));
    let refreshes = 0;
    const { sent, transport } = scripted((r) => {
      if (r.url.endsWith('/auth/refresh')) refreshes += 1;
      if (r.headers['authorization'] !== 'Bearer access-1') return json(200, org);
      // While this call was out with the old token, another one refreshed the session.
      tokens.save(session(2));
      return refusal(401, 'TOKEN_EXPIRED', '登录已过期');
    });
    const api = createApiClient({ baseUrl: '', transport, tokens });
    await expect(api.getOrg({ params: { orgId: 1 } })).resolves.toEqual(org);
    expect(refreshes).toBe(0);
    expect(sent.map((r) => r.headers['authorization'])).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('ends the session when the refresh is refused, rejecting with the refusal', async () => {
    const tokens = memoryTokens(session(1));
    const { sent, transport } = scripted((r) =>
      r.url.endsWith('/auth/refresh')
        ? refusal(401, 'UNAUTHENTICATED', '登录已失效，请重新登录')
        : refusal(401, 'TOKEN_EXPIRED', '登录已过期'),
    );
    const api = createApiClient({ baseUrl: '', transport, tokens });
    await expect(api.getMe()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
    expect(tokens.current()).toBeNull();
    // Once: no retry without a token, no second refresh.
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh']);
  });

  it('keeps the session when the refresh could not reach the API', async () => {
    const tokens = memoryTokens(session(1));
    const { transport } = scripted((r) => {
      if (r.url.endsWith('/auth/refresh')) throw new TransportError('network');
      return refusal(401, 'TOKEN_EXPIRED', '登录已过期');
    });
    const api = createApiClient({ baseUrl: '', transport, tokens });
    await expect(api.getMe()).rejects.toMatchObject({ code: 'NETWORK' });
    expect(tokens.current()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('rejects a token that expires again right after the refresh, without refreshing twice', async () => {
    const tokens = memoryTokens(session(1));
    const { sent, transport } = scripted((r) =>
      r.url.endsWith('/auth/refresh') ? json(200, session(2)) : refusal(401, 'TOKEN_EXPIRED', '登录已过期'),
    );
    const api = createApiClient({ baseUrl: '', transport, tokens });
    await expect(api.getMe()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
  });

  it('types every call from the contract: a missing or wrong part, or a wrong answer type, does not compile', () => {
    const api = createApiClient({ baseUrl: '', transport: scripted(() => json(200, {})).transport });
    const answers = <T>(call: Promise<T>): Promise<T> => call;
    // Never run: tsc -b checks these lines (each @ts-expect-error fails the build if its line compiles).
    const typed = (): void => {
      // @ts-expect-error getOrg needs its path parameter
      void api.getOrg();
      // @ts-expect-error a firm's id is a number
      void api.getOrg({ params: { orgId: '3' } });
      // @ts-expect-error the facts of a year need the year
      void api.getFacts({ params: { orgId: 3 } });
      // @ts-expect-error a field the request type does not have
      void api.joinOrg({ body: { code: 'ABCD2345', role: 'admin' } });
      // @ts-expect-error not a program of the catalogue
      void api.createApplication({ params: { orgId: 3 }, body: { programId: 'nope', claimYear: 2026 } });
      // @ts-expect-error the signed download is a link (urlOf), not a call
      void api.getFileContent;
      // @ts-expect-error only an upload takes options (its progress)
      void api.getOrg({ params: { orgId: 3 } }, { onUploadProgress: () => undefined });
      void api.uploadFile({ query: { orgId: 3 }, body: { file: { name: 'a.pdf', content: 'x' } } }, {});
      void answers<OrgView>(api.getOrg({ params: { orgId: 3 } }));
      // @ts-expect-error the answer is the operation's own type
      void answers<Session>(api.getOrg({ params: { orgId: 3 } }));
    };
    expect(typed).toBeInstanceOf(Function);
  });

  it('gives the URL of a signed download for the platform to fetch', () => {
    const api = createApiClient({
      baseUrl: 'https://api.example.cn',
      transport: scripted(() => json(200, {})).transport,
    });
    expect(
      api.urlOf('getFileContent', {
        params: { id: 9 },
        query: { expires: '1790000000', signature: 'a+b/c', download: '1' },
      }),
    ).toBe('https://api.example.cn/api/v1/files/9/content?expires=1790000000&signature=a%2Bb%2Fc&download=1');
  });
});
