import { type ErrorBodyOf } from '@huiqi/shared';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Connected } from './support/connect.js';
import { firm, sharedApi } from './support/shared-api.js';
import { ENGINES } from './support/databases.js';

/** The answers here are field lists (INVALID_REQUEST and its kin). */
type ErrorBody = ErrorBodyOf<'INVALID_REQUEST'>;

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
  let api: Connected;
  let token: string;
  let orgId: number;

  beforeAll(async () => {
    api = await sharedApi(engine);
    token = await api.login('applicant', 'validator');
    orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(3) })).body.id;
  });

  const refusal = async (method: string, path: string, body: unknown, raw?: string) => {
    const res = await api.call<ErrorBody>(method, path, { token, body, raw });
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
    ['POST', '/api/v1/auth/wechat', {}, [['code', 'wx.login']]],
    ['POST', '/api/v1/auth/refresh', {}, [['refreshToken', 'refreshToken']]],
    ['POST', '/api/v1/auth/logout', {}, [['refreshToken', 'refreshToken']]],
    [
      'POST',
      '/api/v1/auth/staff',
      {},
      [
        ['username', '请输入用户名'],
        ['password', '请输入密码'],
      ],
    ],
    ['POST', '/api/v1/orgs/join', {}, [['code', '请填写邀请码']]],
    [
      'POST',
      '/api/v1/orgs',
      { uscc: firm(4).uscc },
      [
        ['name', '请填写企业名称'],
        ['county', '请选择'],
        ['orgTypes', '主体类型'],
        ['legalRepresentative', '法定代表人'],
        ['contactName', '联系人'],
        ['contactPhone', '联系电话'],
      ],
    ],
  ])(
    '%s %s without its fields says what to give for each, not that it is too long',
    async (method, path, body, expected) => {
      const details = await refusal(method, path, body);
      for (const [field, words] of expected as [string, string][])
        expect(details).toContainEqual({ field, message: expect.stringContaining(words) });
      for (const d of details) expect(d.message).not.toMatch(/太长了|太短了|数值过/);
    },
  );

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
    const draft = await api.call<ErrorBody>('POST', '/api/v1/editions/2023/drafts', {
      token: admin,
      body: { id: 'Bad Id!' },
    });
    expect(draft.status).toBe(400);
    expect(draft.body.details.map((d) => d.field)).toEqual(['id']);
    const patch = await api.call<ErrorBody>('PATCH', '/api/v1/editions/2023', {
      token: admin,
      body: { document: [] },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.details.map((d) => d.field)).toEqual(['document']);
    const audit = await api.call<ErrorBody>('GET', '/api/v1/audit?limit=5000', { token: admin });
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
      const bad = await api.call<ErrorBody>('POST', '/api/v1/eligibility', {
        body: { claimYear: 2023, facts: { onlineRetailFen: -5, typo: true } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d) => d.field)).toEqual(['facts.onlineRetailFen', 'facts.typo']);
      const none = await api.call<ErrorBody>('POST', '/api/v1/eligibility', { body: { claimYear: 2024, facts: {} } });
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
    interface ProgramsReply {
      edition: { id: string; applicationWindow: { opens: string } | null; applicationNotice: string };
      programs: {
        programId: string;
        pool: { capFen: number };
        applicationWindow: { opens: string } | null;
        conditions: unknown[];
      }[];
    }
    const res = await api.call<ProgramsReply>('GET', '/api/v1/programs?year=2023');
    expect(res.status).toBe(200);
    expect(res.body.programs).toHaveLength(9);
    const leading = res.body.programs.find((p) => p.programId === 'leading-enterprise');
    expect(leading?.pool.capFen).toBe(200_000_000);
    // The built-in 2023 edition has no window of its own: no application round is open.
    expect(leading?.applicationWindow).toBeNull();
    expect(res.body.edition.applicationWindow).toBeNull();
    expect(res.body.edition.applicationNotice).toBe('2023年度的申报批次尚未公布，公布后才能提交申报');
    const demo = await api.call<ProgramsReply>('GET', '/api/v1/programs?year=2026');
    expect(demo.body.programs[0]?.applicationWindow).toEqual({ opens: '2026-01-01', closes: '2026-12-31' });
    expect(demo.body.edition.applicationNotice).toBe('申报时间为2026年1月1日至2026年12月31日');
    // 二 reads the figure, 正常经营 and 依法纳税: any enterprise may apply (no kind condition).
    expect(leading?.conditions.length).toBe(3);
    const editions = await api.call<{ editions: { id: string; status: string }[] }>('GET', '/api/v1/editions');
    // The built-in edition and the shared API's demo editions (global-setup.mjs); no suite on it publishes others.
    expect(editions.body.editions.map((e) => e.id).sort()).toEqual(['2023', 'demo-2026', 'demo-2027']);
  });

  describe('human-entered text: one shared validator, refusals name the field, nothing is written', () => {
    const myOrgs = async () => (await api.call<{ orgs: { id: number }[] }>('GET', '/api/v1/orgs', { token })).body.orgs;
    const org = async () => (await api.call<Record<string, unknown>>('GET', `/api/v1/orgs/${orgId}`, { token })).body;

    it.each([
      ['a right-to-left override in the name', { name: '聊城\u202efdp.exe公司' }, 'name', '改变文字方向'],
      ['a name of zero-width spaces only', { name: '\u200b\u200b\u200b' }, 'name', '不能只有空格或不可见字符'],
      [
        'a whitespace-only legal representative',
        { legalRepresentative: ' \u3000 ' },
        'legalRepresentative',
        '请填写法定代表人姓名',
      ],
      ['a newline in the contact name', { contactName: '赵\n联系' }, 'contactName', '不能换行'],
      ['a control character in the name', { name: '聊城\u0007电商公司' }, 'name', '控制字符'],
      ['half a surrogate pair in the name', { name: '聊城\ud800电商公司' }, 'name', '无法识别的字符'],
      ['a one-character contact', { contactName: '赵' }, 'contactName', '至少2个字'],
    ])('registering a firm with %s is refused naming the field', async (_label, change, field, words) => {
      const before = await myOrgs();
      const details = await refusal('POST', '/api/v1/orgs', { ...firm(5), ...change });
      expect(details).toEqual([{ field, message: expect.stringContaining(words) }]);
      expect(await myOrgs()).toEqual(before);
    });

    it.each([
      ['name', '聊城\u202efdp.exe公司'],
      ['name', '\ufeff\u2060'],
      ['legalRepresentative', '   '],
      ['contactName', '赵\r\n联系'],
    ])('changing %s to a refused text leaves the firm as it was', async (field, value) => {
      const before = await org();
      const details = await refusal('PATCH', `/api/v1/orgs/${orgId}`, { [field]: value });
      expect(details.map((d) => d.field)).toEqual([field]);
      expect(await org()).toEqual(before);
    });

    it('stores the normalised text: NFC, trimmed, counted in characters', async () => {
      // "e" + combining acute is two code points; stored NFC it is the single "é".
      const res = await api.call<{ name: string; contactName: string }>('PATCH', `/api/v1/orgs/${orgId}`, {
        token,
        body: { name: '  聊城Cafe\u0301电商有限公司\u3000', contactName: `${'𠀀'.repeat(64)}` },
      });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('聊城Caf\u00e9电商有限公司');
      const stored = await org();
      expect(stored['name']).toBe('聊城Caf\u00e9电商有限公司');
      // 64 characters outside the Basic Multilingual Plane: 128 UTF-16 units, within the 64 allowed.
      expect(stored['contactName']).toBe('𠀀'.repeat(64));
      const tooLong = await refusal('PATCH', `/api/v1/orgs/${orgId}`, { contactName: '𠀀'.repeat(65) });
      expect(tooLong).toEqual([{ field: 'contactName', message: '联系人姓名最多64个字' }]);
      await api.call('PATCH', `/api/v1/orgs/${orgId}`, { token, body: { name: firm(3).name, contactName: '赵联系' } });
    });

    it('a review reason may have several lines, but no hidden characters', async () => {
      // Validation comes before the service, so an application that does not exist is enough.
      const path = '/api/v1/applications/987654/materials/business-licence/review';
      const bidi = await refusal('POST', path, { decision: 'reject', reason: '材料不全\u202e请补充' });
      expect(bidi).toEqual([{ field: 'reason', message: expect.stringContaining('退回原因含有改变文字方向') }]);
      const blank = await refusal('POST', path, { decision: 'reject', reason: '\n\u200b\n' });
      expect(blank.map((d) => d.field)).toEqual(['reason']);
      const lines = await api.call<ErrorBody>('POST', path, {
        token,
        body: { decision: 'reject', reason: '营业执照已过期。\r\n请上传新的营业执照。' },
      });
      expect(lines.body.code).toBe('NOT_FOUND');
    });

    it('the audit log is searched with checked text too', async () => {
      const admin = await api.login('admin', 'validator-admin');
      const res = await api.call<ErrorBody>('GET', '/api/v1/audit?entityId=%E2%80%AE1', { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d) => d.field)).toEqual(['entityId']);
    });
  });

  describe('integers in paths and queries: decimal digits only', () => {
    it.each(['0x7EA', '2.026e3', '%202026', '2026%20', '2026.0', '%2B2026', '', '02026', '2026&year=2026'])(
      'year=%s is refused naming the parameter, wherever a year is read',
      async (year) => {
        for (const path of [
          `/api/v1/orgs/${orgId}/facts?year=${year}`,
          `/api/v1/orgs/${orgId}/facts/history?year=${year}`,
          `/api/v1/orgs/${orgId}/eligibility?year=${year}`,
          `/api/v1/programs?year=${year}`,
        ]) {
          const details = await refusal('GET', path, undefined);
          expect(details).toEqual([{ field: 'year', message: '必须是1900到9999之间的整数年份，例如2023' }]);
        }
        const put = await refusal('PUT', `/api/v1/orgs/${orgId}/facts?year=${year}`, {
          facts: { trainedHireCount: 3 },
        });
        expect(put.map((d) => d.field)).toEqual(['year']);
      },
    );

    it('a year is any calendar year (1900 to 9999): 1999 has no edition, 1899 is refused naming the range', async () => {
      for (const path of [`/api/v1/orgs/${orgId}/eligibility?year=1999`, `/api/v1/programs?year=1999`]) {
        const res = await api.call<ErrorBody>('GET', path, { token });
        expect([path, res.status, res.body.code]).toEqual([path, 422, 'NO_EDITION']);
        expect(res.body.message).toContain('1999年度没有施行中的政策版本');
      }
      expect((await api.call('GET', `/api/v1/orgs/${orgId}/facts?year=1999`, { token })).status).toBe(200);
      const created = await api.call<ErrorBody>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token,
        body: { programId: 'talent-hiring', claimYear: 1999 },
      });
      expect([created.status, created.body.code]).toEqual([422, 'NO_EDITION']);
      for (const year of ['1899', '10000'])
        expect(await refusal('GET', `/api/v1/programs?year=${year}`, undefined)).toEqual([
          { field: 'year', message: '必须是1900到9999之间的整数年份，例如2023' },
        ]);
      expect(
        await refusal('POST', `/api/v1/orgs/${orgId}/applications`, { programId: 'talent-hiring', claimYear: 1899 }),
      ).toEqual([{ field: 'claimYear', message: '必须是1900到9999之间的整数年份，例如2023' }]);
    });

    it('year=2026 itself is read', async () => {
      expect((await api.call('GET', `/api/v1/orgs/${orgId}/facts?year=2026`, { token })).status).toBe(200);
    });

    it.each(['0x1', '1e0', '%2B1', '%201', '1.0', '01', '-1', '0', '99999999999'])(
      'the id %s in a path is refused naming the parameter',
      async (id) => {
        expect((await refusal('GET', `/api/v1/orgs/${id}`, undefined)).map((d) => d.field)).toEqual(['orgId']);
        expect((await refusal('GET', `/api/v1/applications/${id}`, undefined)).map((d) => d.field)).toEqual(['id']);
      },
    );

    it('the id in a query is read the same way', async () => {
      const details = await refusal('POST', '/api/v1/files?orgId=0x1', undefined);
      expect(details.map((d) => d.field)).toEqual(['orgId']);
    });

    it.each([
      ['limit=0x10', 'limit'],
      ['limit=%2010', 'limit'],
      ['limit=1e2', 'limit'],
      ['limit=10&limit=20', 'limit'],
      ['orgId=1.0', 'orgId'],
      ['orgId=%2B1', 'orgId'],
    ])('the audit query %s is refused naming %s', async (query, field) => {
      const admin = await api.login('admin', 'validator-admin');
      const res = await api.call<ErrorBody>('GET', `/api/v1/audit?${query}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d) => d.field)).toEqual([field]);
      const fine = await api.call<{ entries: unknown[] }>('GET', `/api/v1/audit?limit=10&orgId=${orgId}`, {
        token: admin,
      });
      expect(fine.status).toBe(200);
    });
  });

  describe('unknown keys are refused whatever their name', () => {
    const myOrgs = async () => (await api.call<{ orgs: { id: number }[] }>('GET', '/api/v1/orgs', { token })).body.orgs;

    it.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', 'prototype'])(
      'a firm registered with "%s" is refused naming it, and nothing is written',
      async (key) => {
        const before = await myOrgs();
        // Raw JSON: an object literal with "__proto__" would set the prototype instead of a key.
        const raw = JSON.stringify(firm(6)).replace(/^\{/, `{"${key}":"x",`);
        const details = await refusal('POST', '/api/v1/orgs', undefined, raw);
        expect(details).toEqual([{ field: key, message: expect.stringContaining(key) }]);
        expect(await myOrgs()).toEqual(before);
      },
    );

    it.each(['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__'])(
      'a fact named "%s" is refused naming it, not silently dropped',
      async (key) => {
        const raw = `{"facts":{"trainedHireCount":15,"${key}":1}}`;
        const details = await refusal('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, undefined, raw);
        expect(details.map((d) => d.field)).toEqual([`facts.${key}`]);
        const saved = await api.call<{ facts: Record<string, unknown> }>(
          'GET',
          `/api/v1/orgs/${orgId}/facts?year=2026`,
          { token },
        );
        expect(saved.body.facts).toEqual({});
      },
    );

    it('a query parameter named toString is refused too', async () => {
      const admin = await api.login('admin', 'validator-admin');
      const res = await api.call<ErrorBody>('GET', '/api/v1/audit?toString=1', { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d) => d.field)).toEqual(['toString']);
    });

    it('an unknown key and a bad field are reported together', async () => {
      const details = await refusal('PATCH', `/api/v1/orgs/${orgId}`, { contactPhone: '110', valueOf: 1 });
      expect(details.map((d) => d.field)).toEqual(['contactPhone', 'valueOf']);
    });
  });

  describe('a firm’s kinds: no repeats, a bounded list', () => {
    const org = async () =>
      (await api.call<{ orgTypes: string[] }>('GET', `/api/v1/orgs/${orgId}`, { token })).body.orgTypes;

    it('registering with a repeated kind is refused at the repeat’s index', async () => {
      const details = await refusal('POST', '/api/v1/orgs', {
        ...firm(7),
        orgTypes: ['ecommerce', 'mcn', 'ecommerce'],
      });
      expect(details).toEqual([{ field: 'orgTypes[2]', message: '与第1项重复，请删除重复项' }]);
    });

    it('a PATCH with 500 copies of one kind is refused and stores nothing', async () => {
      const before = await org();
      const details = await refusal('PATCH', `/api/v1/orgs/${orgId}`, { orgTypes: Array(500).fill('mcn') });
      expect(details).toHaveLength(1);
      expect(details[0]?.field).toMatch(/^orgTypes/);
      expect(await org()).toEqual(before);
      const twice = await refusal('PATCH', `/api/v1/orgs/${orgId}`, { orgTypes: ['mcn', 'mcn'] });
      expect(twice).toEqual([{ field: 'orgTypes[1]', message: '与第1项重复，请删除重复项' }]);
      expect(await org()).toEqual(before);
    });
  });
});
