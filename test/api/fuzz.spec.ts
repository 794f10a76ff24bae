import fc from 'fast-check';
import { FACT_NAMES, PROGRAM_IDS } from '@huiqi/shared';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { type Schema } from './support/contract.js';
import { ENGINES } from './support/databases.js';
import { pdf } from './support/files.js';
import { arbitraryOf } from './support/schema-arbitrary.js';

/**
 * Every route of the route table (the OpenAPI document built from the controllers and the shared
 * contract, so a new route is fuzzed without being listed here) gets generated path ids, queries,
 * bodies and content types, with each role's token. Bodies and queries are often generated from
 * the operation's own schemas (valid-looking, so they reach the services), otherwise from odd
 * values. Whatever arrives, the API never answers 5xx, every refusal has the house shape, and
 * every answer is one the document describes for that operation (its status, its schema, a code
 * the operation documents). FUZZ_RUNS sets the runs per route (default 20; try FUZZ_RUNS=2000).
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 20);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/v1/orgs/{orgId}. */
  path: string;
  pathParams: string[];
  /** The operation's query parameters and their schemas. */
  queryParams: [string, Schema][];
  /** The JSON body's schema, for an operation that takes one. */
  bodySchema: Schema | null;
}

interface Generated {
  role: string;
  params: Record<string, string>;
  query: [string, string][];
  body: { contentType: string | null; raw: string } | null;
}

const HOUSE_CODES = /^[A-Z][A-Z_]+$/;
const CHINESE = /[\u4e00-\u9fff]/;

/** Every field name a body of ours knows, so generated bodies reach validation, not only the parser. */
const FIELD_NAMES = [
  'code',
  'refreshToken',
  'username',
  'password',
  'role',
  'county',
  'openid',
  'uscc',
  'name',
  'orgTypes',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'facts',
  'provenance',
  'programId',
  'claimYear',
  'refreshFromOrg',
  'fileId',
  'decision',
  'reason',
  'id',
  'document',
  'year',
  'province',
  'counties',
  'programs',
  'toString',
  '__proto__',
  'constructor',
];

const QUERY_NAMES = ['year', 'orgId', 'expires', 'signature', 'download', 'limit', 'entity', 'entityId'];

const oddNumbers = fc.constantFrom(
  '0',
  '-1',
  '1',
  '2',
  '3',
  '2026',
  '2023',
  '0x7EA',
  '2.026e3',
  ' 2026',
  '2026.0',
  '+2026',
  '１２',
  '9007199254740993',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '',
);

const weirdText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '聊城‮fdp.exe公司',
    '\u200b\u200b',
    '   ',
    '\n',
    '%',
    '%E0%A4%A',
    '..',
    '../..',
    '\u0000',
    'a'.repeat(5000),
  ),
);

const pathValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '2', '3', '4', '5') },
  { weight: 2, arbitrary: oddNumbers },
  { weight: 1, arbitrary: fc.constantFrom('leading-enterprise', 'demo-2026', '2023', 'livestream-base') },
  { weight: 1, arbitrary: weirdText.map((s) => (s.startsWith('%') ? s : encodeURIComponent(s))) },
  { weight: 1, arbitrary: fc.constant('9'.repeat(3000)) },
);

const queryValue = fc.oneof(oddNumbers, weirdText);

const factValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '2020-01-01',
    '2023-02-30',
    'linqing',
    'douyin',
    'other:淘宝',
    ['ecommerce'],
    ['ecommerce', 'ecommerce'],
  ),
  fc.integer(),
  fc.double(),
);

const structured = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdText, oddNumbers), {
    maxKeys: 6,
  }),
  fc.record({
    facts: fc.dictionary(fc.constantFrom(...FACT_NAMES, 'toString', 'unknownFact'), factValue, { maxKeys: 5 }),
  }),
  fc.record({ programId: fc.constantFrom(...PROGRAM_IDS, 'nope'), claimYear: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({
    claimYear: fc.integer({ min: 1990, max: 2110 }),
    facts: fc.dictionary(fc.constantFrom(...FACT_NAMES), factValue),
  }),
);

const rawBody = fc.oneof(
  { weight: 6, arbitrary: structured.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '{', '') },
);

const multipart = fc
  .record({
    boundary: fc.constantFrom('xYz', '----huiqi', ''),
    declared: fc.constantFrom('xYz', '----huiqi', 'other', ''),
    fields: fc.array(fc.tuple(fc.constantFrom('file', 'name', 'x'), fc.boolean()), { maxLength: 14 }),
    truncate: fc.boolean(),
  })
  .map(({ boundary, declared, fields, truncate }) => {
    const parts = fields.map(([name, isFile]) =>
      isFile
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf('fuzz').toString('latin1')}\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nvalue\r\n`,
    );
    const raw = parts.join('') + (truncate ? '' : `--${boundary}--\r\n`);
    return { contentType: declared ? `multipart/form-data; boundary=${declared}` : 'multipart/form-data', raw };
  });

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'application/xml',
      null,
    ),
  },
);

const body = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.record({ contentType, raw: rawBody }) },
  { weight: 1, arbitrary: multipart },
);

/** A value as a query string carries it. */
const asQueryValue = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const generated = (op: Operation, roles: string[], definitions: Record<string, Schema>): fc.Arbitrary<Generated> => {
  const odd = fc.array(fc.tuple(fc.constantFrom(...op.queryParams.map(([name]) => name), ...QUERY_NAMES), queryValue), {
    maxLength: 4,
  });
  // The operation's own parameters, each valid-looking by its schema, some left out.
  const typed = fc
    .tuple(
      ...op.queryParams.map(([name, schema]) =>
        fc.option(
          arbitraryOf(schema, definitions).map((v): [string, string] => [name, asQueryValue(v)]),
          {
            freq: 4,
          },
        ),
      ),
    )
    .map((pairs) => pairs.filter((p): p is [string, string] => p !== null));
  const fromSchema = op.bodySchema
    ? arbitraryOf(op.bodySchema, definitions).map((v) => ({ contentType: 'application/json', raw: JSON.stringify(v) }))
    : null;
  return fc.record({
    role: fc.constantFrom(...roles),
    params: fc.record(Object.fromEntries(op.pathParams.map((p) => [p, pathValue]))) as fc.Arbitrary<
      Record<string, string>
    >,
    query: op.queryParams.length > 0 ? fc.oneof(typed, odd) : odd,
    body: fromSchema ? fc.oneof({ weight: 1, arbitrary: body }, { weight: 1, arbitrary: fromSchema }) : body,
  });
};

describe.each(ENGINES)('fuzzing every route on %s', (engine) => {
  let api: Booted;
  let operations: Operation[];
  const tokens: Record<string, string | undefined> = {};

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    tokens['anonymous'] = undefined;
    tokens['garbage'] = 'not.a.token';
    tokens['applicant'] = await api.login('applicant', 'fuzz-owner');
    tokens['outsider'] = await api.login('applicant', 'fuzz-outsider');
    tokens['county'] = await api.login('county-reviewer', 'fuzz-county', 'linqing');
    tokens['city'] = await api.login('city-reviewer', 'fuzz-city');
    tokens['finance'] = await api.login('finance', 'fuzz-finance');
    tokens['admin'] = await api.login('admin', 'fuzz-admin');
    // Records for the generated ids to hit: a firm with facts, a draft and a submitted application.
    const token = tokens['applicant'];
    const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(41) });
    await api.call('PUT', `/api/v1/orgs/${org.body.id}/facts?year=2026`, {
      token,
      body: { facts: { orgTypes: ['ecommerce'], registrationDate: '2020-01-01', county: 'linqing' } },
    });
    await api.call('POST', `/api/v1/orgs/${org.body.id}/applications`, {
      token,
      body: { programId: 'leading-enterprise', claimYear: 2026 },
    });
    operations = [
      ...api.conformance.routes.map(({ method, path, operation }) => ({
        method,
        path,
        pathParams: operation.parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: operation.parameters
          .filter((p) => p.in === 'query')
          .map((p): [string, Schema] => [p.name, p.schema]),
        bodySchema: operation.requestBody?.content['application/json']?.schema ?? null,
      })),
      // What is not in the table: unknown paths, and methods a known path does not have.
      ...[
        ['GET', '/{x}'],
        ['POST', '/api/v1/{x}'],
        ['DELETE', '/api/v1/orgs/{x}'],
        ['PUT', '/api/v1/eligibility'],
        ['OPTIONS', '/api/v1/orgs'],
      ].map(([method, path]) => ({
        method: method as string,
        path: path as string,
        pathParams: path?.includes('{x}') ? ['x'] : [],
        queryParams: [],
        bodySchema: null,
      })),
    ];
  });
  afterAll(() => api.close());

  it('reads the route table from the OpenAPI document', () => {
    // The table is what is fuzzed: a sanity check that it is the whole API, not an empty list.
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/eligibility', 'PUT /api/v1/orgs/{orgId}/facts', 'POST /api/v1/files']),
    );
  });

  const send = async (op: Operation, g: Generated) => {
    let path = op.path;
    for (const [name, value] of Object.entries(g.params)) path = path.replace(`{${name}}`, value);
    const search = g.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const headers: Record<string, string> = {};
    const token = tokens[g.role];
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (g.body?.contentType) headers['content-type'] = g.body.contentType;
    const res = await fetch(`${api.url}${path}${search ? `?${search}` : ''}`, {
      method: op.method,
      headers,
      body: g.body && op.method !== 'GET' && op.method !== 'HEAD' ? Buffer.from(g.body.raw, 'latin1') : undefined,
    });
    return { res, text: await res.text() };
  };

  it('generates bodies and queries from the operations’ own schemas', () => {
    const definitions = api.document.components.schemas;
    const withBody = operations.filter((op) => op.bodySchema);
    expect(withBody.length).toBeGreaterThanOrEqual(15);
    // Valid-looking: most generated bodies pass the schema they come from.
    for (const op of withBody) {
      const validate = api.conformance.validator(op.bodySchema as Schema);
      const samples = fc.sample(arbitraryOf(op.bodySchema as Schema, definitions), { numRuns: 20, seed: 7 });
      expect([op.path, samples.filter((b) => validate(b)).length >= 15]).toEqual([op.path, true]);
    }
  });

  it(
    'answers every generated request without a 5xx, and every refusal in the house shape',
    async () => {
      const roles = Object.keys(tokens);
      const definitions = api.document.components.schemas;
      const failures: string[] = [];
      for (const op of operations) {
        const details = await fc.check(
          fc.asyncProperty(generated(op, roles, definitions), async (g) => {
            const { res, text } = await send(op, g);
            const problem =
              houseShapeProblem(res, text) ??
              api.conformance.problem(op.method, res.url, res.status, res.headers.get('content-type'), text);
            if (problem) throw new Error(`${problem}: ${res.status} ${text.slice(0, 300)}`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (details.failed) {
          // The counterexample, cut short (a deep body is megabytes), with how to replay it.
          const example = JSON.stringify(details.counterexample).slice(0, 400);
          const cause =
            details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          failures.push(`${op.method} ${op.path}: ${cause}\n  input: ${example}\n  replay: FUZZ_SEED=${details.seed}`);
        }
      }
      expect(failures).toEqual([]);
      const health = await api.call('GET', '/api/health');
      expect(health.status).toBe(200);
    },
    60_000 + RUNS * 1_000,
  );
});

/** What is wrong with an answer: a 5xx, or a refusal not in the house shape; null when fine. */
const houseShapeProblem = (res: Response, text: string): string | null => {
  if (res.status >= 500) return '5xx';
  if (res.status < 400) return null;
  let body: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return 'refusal not JSON';
  }
  if (typeof body.code !== 'string' || !HOUSE_CODES.test(body.code)) return 'refusal without a code';
  if (typeof body.message !== 'string' || !CHINESE.test(body.message)) return 'message not in Chinese';
  if (typeof body.details !== 'object' || body.details === null) return 'refusal without details';
  if (typeof body.requestId !== 'string' || body.requestId !== res.headers.get('x-request-id'))
    return "requestId missing or not the header's";
  return null;
};
