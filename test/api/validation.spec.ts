import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';

interface ErrorReply {
  code: string;
  message: string;
  details: { field: string; message: string }[];
  requestId: string;
}

const CLI = join(process.cwd(), 'shared', 'dist', 'cli.js');
// The example request (docs/examples/leading-enterprise.json).
const EXAMPLE = JSON.parse(
  readFileSync(join(process.cwd(), 'docs', 'examples', 'leading-enterprise.json'), 'utf8'),
) as {
  claimYear: number;
  facts: Record<string, unknown>;
};

/** Validate at the edge: every refusal is a 400 naming the field in Chinese, and writes nothing. */
describe.each(ENGINES)('validation and the contract on %s', (engine) => {
  let api: Booted;
  let token: string;
  let orgId: number;

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    token = await api.login('applicant', 'validator');
    orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(3) })).body.id;
  });
  afterAll(() => api.close());

  const refusal = async (method: string, path: string, body: unknown, raw?: string) => {
    const res = await api.call<ErrorReply>(method, path, { token, body, raw });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_REQUEST');
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(typeof res.body.requestId).toBe('string');
    return res.body.details;
  };

  it.each([
    ['a USCC failing its check character', { uscc: '914403001922038217' }, 'uscc', '校验位不正确'],
    ['a USCC with a letter outside the alphabet', { uscc: '91440300192203821I' }, 'uscc', '不含I、O、S、V、Z'],
    ['a county outside Liaocheng', { county: 'beijing' }, 'county', '聊城市'],
    ['an unknown kind of firm', { orgTypes: ['bank'] }, 'orgTypes', '主体类型'],
    ['a malformed phone number', { contactPhone: '12345' }, 'contactPhone', '手机号'],
    ['an unknown field', { founded: 1999 }, 'founded', '不认识的字段'],
  ])('registering a firm with %s is refused naming the field', async (_label, change, field, words) => {
    const details = await refusal('POST', '/api/v1/orgs', { ...firm(4), ...change });
    expect(details.map((d) => d.field)).toContain(field);
    expect(details.find((d) => d.field === field)?.message).toContain(words);
  });

  it('a missing field is named', async () => {
    const withoutName = Object.fromEntries(Object.entries(firm(4)).filter(([key]) => key !== 'name'));
    const details = await refusal('POST', '/api/v1/orgs', withoutName);
    expect(details.map((d) => d.field)).toEqual(['name']);
  });

  it.each([
    ['a negative amount', { onlineRetailFen: -1 }, 'facts.onlineRetailFen', '不小于0的整数'],
    ['a fractional amount', { onlineRetailFen: 100.5 }, 'facts.onlineRetailFen', '单位为分'],
    ['an amount as a string', { localContributionFen: '100' }, 'facts.localContributionFen', '单位为分'],
    ['an unknown fact', { onlineRetailFenn: 1 }, 'facts.onlineRetailFenn', '不认识的事实字段'],
    ['an impossible date', { registrationDate: '2023-02-30' }, 'facts.registrationDate', '真实存在的日期'],
  ])(
    'saving facts with %s is refused naming the field, and nothing is written',
    async (_label, facts, field, words) => {
      const details = await refusal('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, {
        facts: { trainedHireCount: 15, ...facts },
      });
      expect(details).toEqual([{ field, message: expect.stringContaining(words) }]);
      const saved = await api.call<{ facts: Record<string, unknown> }>('GET', `/api/v1/orgs/${orgId}/facts?year=2026`, {
        token,
      });
      expect(saved.body.facts).toEqual({});
      const history = await api.call<{ changes: unknown[] }>('GET', `/api/v1/orgs/${orgId}/facts/history?year=2026`, {
        token,
      });
      expect(history.body.changes).toEqual([]);
    },
  );

  it.each([
    ['an unknown program', { programId: 'free-money', claimYear: 2026 }, 'programId'],
    ['a year written as text', { programId: 'talent-hiring', claimYear: '2026' }, 'claimYear'],
    ['an unknown field', { programId: 'talent-hiring', claimYear: 2026, amountFen: 1 }, 'amountFen'],
  ])('creating an application with %s is refused naming the field', async (_label, body, field) => {
    const details = await refusal('POST', `/api/v1/orgs/${orgId}/applications`, body);
    expect(details.map((d) => d.field)).toContain(field);
  });

  it.each([
    ['PATCH', 'org', { contactPhone: '110' }, 'contactPhone'],
    ['PATCH', 'org', { uscc: '914403001922038216' }, 'uscc'],
    ['POST', 'join', { code: 'abc' }, 'code'],
    ['PATCH', 'application', { facts: 'all' }, 'facts'],
    ['PATCH', 'application', { refreshFromOrg: 'yes' }, 'refreshFromOrg'],
  ])('%s %s with a bad %j is refused naming %s', async (method, target, body, field) => {
    const app = (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token,
        body: { programId: 'branch-conversion', claimYear: 2026 },
      })
    ).body.id;
    const path =
      target === 'org'
        ? `/api/v1/orgs/${orgId}`
        : target === 'join'
          ? '/api/v1/orgs/join'
          : `/api/v1/applications/${app}`;
    const details = await refusal(method, path, body);
    expect(details.map((d) => d.field)).toEqual([field]);
    if (app) await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token });
  });

  it('administrators’ inputs are validated the same way', async () => {
    const admin = await api.login('admin', 'validator-admin');
    const draft = await api.call<ErrorReply>('POST', '/api/v1/editions/2023/drafts', {
      token: admin,
      body: { id: 'Bad Id!' },
    });
    expect(draft.status).toBe(400);
    expect(draft.body.details.map((d) => d.field)).toEqual(['id']);
    const patch = await api.call<ErrorReply>('PATCH', '/api/v1/editions/2023', {
      token: admin,
      body: { document: [] },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.details.map((d) => d.field)).toEqual(['document']);
    const audit = await api.call<ErrorReply>('GET', '/api/v1/audit?limit=5000', { token: admin });
    expect(audit.status).toBe(400);
    expect(audit.body.details.map((d) => d.field)).toEqual(['limit']);
  });

  it('path and query parameters are named too', async () => {
    expect((await refusal('GET', '/api/v1/orgs/abc', undefined)).map((d) => d.field)).toEqual(['orgId']);
    expect((await refusal('GET', `/api/v1/orgs/${orgId}/facts?year=23`, undefined)).map((d) => d.field)).toEqual([
      'year',
    ]);
  });

  it('a body that is not JSON is refused in Chinese', async () => {
    await refusal('POST', '/api/v1/orgs', undefined, '{"uscc":');
  });

  describe('POST /api/v1/eligibility: the contract, open to anyone', () => {
    it('answers byte for byte what the command line answers', async () => {
      const res = await api.call('POST', '/api/v1/eligibility', { body: EXAMPLE });
      const cli = spawnSync(process.execPath, [CLI, 'evaluate', '-'], {
        input: JSON.stringify(EXAMPLE),
        encoding: 'utf8',
      });
      expect(cli.status).toBe(0);
      expect(res.status).toBe(200);
      expect(`${res.text}\n`).toBe(cli.stdout);
    });

    it('refuses a malformed request with 400 naming each field, and a year with no edition with 422', async () => {
      const bad = await api.call<ErrorReply>('POST', '/api/v1/eligibility', {
        body: { claimYear: 2023, facts: { onlineRetailFen: -5, typo: true } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d) => d.field)).toEqual(['facts.onlineRetailFen', 'facts.typo']);
      const none = await api.call<ErrorReply>('POST', '/api/v1/eligibility', { body: { claimYear: 2024, facts: {} } });
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('NO_EDITION');
      expect(none.body.message).toContain('2024年度没有施行中的政策版本');
    });

    it('evaluates a year with a published demo edition', async () => {
      const res = await api.call<{ edition: { id: string } }>('POST', '/api/v1/eligibility', {
        body: { ...EXAMPLE, claimYear: 2026 },
      });
      expect(res.status).toBe(200);
      expect(res.body.edition.id).toBe('demo-2026');
    });

    it('POST /api/v1/commendations answers like the command line', async () => {
      const body = {
        year: 2023,
        province: { onlineRetailGrowthBp: 1520, physicalGoodsOnlineShareBp: 2650 },
        counties: [{ county: 'linqing', onlineRetailGrowthBp: 2100, newOnlineShops: 612 }],
      };
      const res = await api.call('POST', '/api/v1/commendations', { body });
      const cli = spawnSync(process.execPath, [CLI, 'commendations', '-'], {
        input: JSON.stringify(body),
        encoding: 'utf8',
      });
      expect(res.status).toBe(200);
      expect(`${res.text}\n`).toBe(cli.stdout);
    });
  });

  it('GET /api/v1/programs lists every program of the year with its award, caps, pool and window', async () => {
    const res = await api.call<{
      edition: { id: string };
      programs: {
        programId: string;
        pool: { capFen: number };
        applicationWindow: { opens: string };
        conditions: unknown[];
      }[];
    }>('GET', '/api/v1/programs?year=2023');
    expect(res.status).toBe(200);
    expect(res.body.programs).toHaveLength(9);
    const leading = res.body.programs.find((p) => p.programId === 'leading-enterprise');
    expect(leading?.pool.capFen).toBe(200_000_000);
    expect(leading?.applicationWindow.opens).toBe('2023-01-01');
    expect(leading?.conditions.length).toBe(4);
    const editions = await api.call<{ editions: { id: string; status: string }[] }>('GET', '/api/v1/editions');
    expect(editions.body.editions.map((e) => e.id).sort()).toEqual(['2023', 'demo-2026']);
  });
});
