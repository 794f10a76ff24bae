import { memoryTokens, type TransportRequest } from '@huiqi/shared';
import { boot, type Booted, firm, publishDemoEdition, refusalOf } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { pdf } from './support/files.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The shared typed client against the booted API: what the mini-program will do, every answer checked against the document. */
describe.each(ENGINES)('the typed client against the API on %s', (engine) => {
  let api: Booted;

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
  });
  afterAll(() => api.close());

  /** A signed-in applicant's client, and what it sent. */
  const signedIn = async (openid: string) => {
    const tokens = memoryTokens();
    const sent: TransportRequest[] = [];
    const client = api.client(tokens, (request) => sent.push(request));
    const session = await client.demoLogin({ body: { role: 'applicant', openid } });
    return { tokens, sent, client, session };
  };

  it('signs in, keeps the session, and calls typed operations with it', async () => {
    const { tokens, client, session } = await signedIn('client-typed');
    expect(tokens.current()).toEqual({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    await expect(client.getMe()).resolves.toEqual(session.user);
    const org = await client.createOrg({ body: firm(1) });
    expect(org).toMatchObject({ myRole: 'admin', county: 'linqing', countyName: '临清市' });
    const facts = await client.putFacts({
      params: { orgId: org.id },
      query: { year: 2026 },
      body: { facts: { orgTypes: ['ecommerce'], onlineRetailFen: 35_678_901_234, registrationDate: '2020-01-01' } },
    });
    expect(facts.facts).toEqual({
      orgTypes: ['ecommerce'],
      onlineRetailFen: 35_678_901_234,
      registrationDate: '2020-01-01',
    });
    const answer = await client.getOrgEligibility({ params: { orgId: org.id }, query: { year: 2026 } });
    expect(answer.programs.find((p) => p.programId === 'leading-enterprise')?.status).toBe('undetermined');
    await expect(client.listMyOrgs()).resolves.toEqual({ orgs: [org] });
  });

  it('rejects a refusal with the API’s code, Chinese message, details and request id', async () => {
    const { client } = await signedIn('client-refused');
    const org = await client.createOrg({ body: firm(2) });
    const taken = await refusalOf(client.createOrg({ body: firm(2) }));
    expect(taken).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      details: [{ field: 'uscc', message: expect.any(String) }],
    });
    expect(taken.message).toMatch(/已被注册/);
    expect(taken.requestId).toMatch(UUID);

    const draft = await client.createApplication({
      params: { orgId: org.id },
      body: { programId: 'leading-enterprise', claimYear: 2026 },
    });
    const refused = await refusalOf(client.submitApplication({ params: { id: draft.id } }));
    if (!refused.is('NOT_ELIGIBLE')) throw new Error(`not NOT_ELIGIBLE: ${refused.code}`);
    // Typed by its code: the conditions to fix, with their clauses.
    expect(refused.details.status).toBe('undetermined');
    expect(refused.details.conditions.map((c) => c.condition)).toEqual([
      'retail-threshold',
      'normal-operation',
      'tax-compliant',
    ]);
    expect(refused.message).toBe('信息不完整，请补充以下信息后再提交');

    const anonymous = await refusalOf(api.client().getMe());
    expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: '请先登录' });
  });

  it('refreshes an expired token once for every call that expires together, and carries on', async () => {
    const { tokens, sent, client, session } = await signedIn('client-refresh');
    const org = await client.createOrg({ body: firm(3) });
    api.clock.advance((api.config.accessTokenTtlSeconds + 1) * 1000);
    sent.length = 0;
    const [me, orgs, again] = await Promise.all([
      client.getMe(),
      client.listMyOrgs(),
      client.getOrg({ params: { orgId: org.id } }),
    ]);
    expect(me.id).toBe(session.user.id);
    expect(orgs.orgs.map((o) => o.id)).toEqual([org.id]);
    expect(again.id).toBe(org.id);
    expect(sent.filter((r) => r.url.endsWith('/api/v1/auth/refresh'))).toHaveLength(1);
    // Three expired, one refresh, three retried with the new token.
    expect(sent).toHaveLength(7);
    expect(tokens.current()?.refreshToken).not.toBe(session.refreshToken);
  });

  it('ends the session when the refresh is refused: signed out elsewhere, then expired', async () => {
    const { tokens, client, session } = await signedIn('client-ended');
    await api.client().logout({ body: { refreshToken: session.refreshToken } });
    api.clock.advance((api.config.accessTokenTtlSeconds + 1) * 1000);
    const ended = await refusalOf(client.getMe());
    expect(ended).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: '登录已失效，请重新登录' });
    expect(ended.requestId).toMatch(UUID);
    expect(tokens.current()).toBeNull();
  });

  it('uploads a file as a form, links it, and gives the link’s URL for the platform to fetch', async () => {
    const { client } = await signedIn('client-files');
    const org = await client.createOrg({ body: firm(4) });
    const bytes = pdf('client-upload');
    const uploaded = await client.uploadFile({
      query: { orgId: org.id },
      body: { file: { name: '营业执照.pdf', type: 'application/pdf', content: bytes } },
    });
    expect(uploaded).toMatchObject({
      deduplicated: false,
      file: { name: '营业执照.pdf', kind: 'pdf', size: bytes.length },
    });
    await expect(client.getFile({ params: { id: uploaded.file.id } })).resolves.toEqual(uploaded.file);
    const link = await client.createFileLink({ params: { id: uploaded.file.id } });
    const signed = new URL(link.path, api.url).searchParams;
    const url = client.urlOf('getFileContent', {
      params: { id: uploaded.file.id },
      query: { expires: signed.get('expires') ?? '', signature: signed.get('signature') ?? '' },
    });
    expect(url).toBe(`${api.url}${link.path}`);
    const content = await fetch(url);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer())).toEqual(bytes);
  });
});
