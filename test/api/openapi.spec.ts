import { ERROR_CODES, type OperationId, OPERATIONS } from '@huiqi/shared';
import { type Connected } from './support/connect.js';
import { firm, sharedApi } from './support/shared-api.js';
import { type RouteOfDocument, type Schema } from './support/contract.js';

/**
 * The OpenAPI document (/api/docs-json) against the shared contract: every operation with its
 * answer's schema, every body with its fields, every parameter with its schema, every refusal in
 * the house shape naming its codes, and a checker that refuses what the document does not say.
 * The document does not depend on the database: one engine is enough here. Every end-to-end
 * suite checks every answer it receives against this document (support/app.ts), on both engines.
 */
describe('the OpenAPI document', () => {
  let api: Connected;
  let routes: RouteOfDocument[];
  const schemas = (): Record<string, Schema> => api.document.components.schemas;

  /** A schema with its `$ref` followed. */
  const resolved = (schema: Schema): Schema => {
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return schema;
    const target = schemas()[ref.slice('#/components/schemas/'.length)];
    if (!target) throw new Error(`${ref} is not in the document`);
    return resolved(target);
  };

  beforeAll(async () => {
    api = await sharedApi('sqlite');
    routes = api.conformance.routes;
  });

  it('is OpenAPI 3.1, with every operation of the contract under its id, at its method and path', () => {
    expect(api.document.openapi).toBe('3.1.0');
    const documented = routes.map((r) => `${r.operation.operationId} ${r.method} ${r.path}`).sort();
    const contract = (Object.keys(OPERATIONS) as OperationId[])
      .map((id) => `${id} ${OPERATIONS[id].method} ${OPERATIONS[id].path}`)
      .sort();
    expect(documented).toEqual(contract);
    expect(documented.length).toBeGreaterThanOrEqual(42);
  });

  it('gives every operation a 2xx answer with a schema (or 204 without a body)', () => {
    const without = routes.flatMap(({ operation }) => {
      const [status, answer] = Object.entries(operation.responses).find(([s]) => s.startsWith('2')) ?? [];
      if (!status || !answer) return [`${operation.operationId}: no 2xx answer`];
      if (status === '204') return answer.content ? [`${operation.operationId}: 204 with a body`] : [];
      const media = Object.values(answer.content ?? {});
      if (media.length === 0 || media.some((m) => Object.keys(m.schema).length === 0))
        return [`${operation.operationId}: ${status} without a schema`];
      return [];
    });
    expect(without).toEqual([]);
    // The JSON answers are the shared types, by name.
    const json = routes.flatMap(({ operation }) =>
      Object.entries(operation.responses)
        .filter(([s]) => s.startsWith('2'))
        .flatMap(([, r]) => (r.content?.['application/json'] ? [r.content['application/json'].schema] : [])),
    );
    expect(json.length).toBeGreaterThanOrEqual(40);
    for (const schema of json) expect(schema).toEqual({ $ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) });
  });

  it('gives every request body its fields, each with a schema', () => {
    const bodies = routes.filter((r) => r.operation.requestBody);
    expect(bodies.map((r) => r.operation.operationId).sort()).toEqual(
      (Object.keys(OPERATIONS) as OperationId[])
        .filter((id) => ['POST', 'PUT', 'PATCH'].includes(OPERATIONS[id].method))
        .filter(
          (id) =>
            ![
              'submitApplication',
              'withdrawApplication',
              'createInvite',
              'publishEdition',
              'resubmitApplication',
              'closeApplication',
              'allocatePool',
              'resetStaffPassword',
              'disableStaff',
              'enableStaff',
              'verifyRelocatedShop',
              'withdrawReferral',
              'publishParkEvaluation',
            ].includes(id),
        )
        .filter((id) => id !== 'createFileLink' && id !== 'linkWhitelistFile')
        .sort(),
    );
    const empty = bodies.flatMap(({ operation }) =>
      Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, { schema }]) => {
        const properties = resolved(schema)['properties'] as Record<string, Schema> | undefined;
        const fields = Object.entries(properties ?? {});
        return fields.length === 0 || fields.some(([, s]) => Object.keys(s).length === 0)
          ? [`${operation.operationId} (${type})`]
          : [];
      }),
    );
    expect(empty).toEqual([]);
  });

  it('names every path parameter of every path, and gives every parameter a schema', () => {
    const problems = routes.flatMap(({ path, operation }) => {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      return [
        ...(JSON.stringify(inPath) === JSON.stringify(declared) ? [] : [`${operation.operationId}: path parameters`]),
        ...operation.parameters
          .filter((p) => typeof p.schema['type'] !== 'string' && !p.schema['$ref'] && !p.schema['anyOf'])
          .map((p) => `${operation.operationId}: ${p.name} without a type`),
      ];
    });
    expect(problems).toEqual([]);
    const facts = routes.find((r) => r.operation.operationId === 'getFacts')?.operation.parameters;
    expect(facts).toEqual([
      { name: 'orgId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      { name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 1900, maximum: 9999 } },
    ]);
  });

  it('documents every refusal in the house shape, naming the codes each status carries', () => {
    const problems: string[] = [];
    const statusOf = new Map<string, string>();
    for (const { operation } of routes)
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        const schema = answer.content?.['application/json']?.schema ?? {};
        const refs = ((schema['anyOf'] as Schema[] | undefined) ?? [schema]).map((s) => String(s['$ref']));
        const codes = refs.map((ref) => ref.replace('#/components/schemas/ErrorBodyOf_', ''));
        if (codes.some((code) => !(ERROR_CODES as readonly string[]).includes(code)))
          problems.push(`${operation.operationId} ${status}: ${refs.join(', ')}`);
        // One status per code, whichever operation answers it.
        for (const code of codes) {
          if ((statusOf.get(code) ?? status) !== status)
            problems.push(`${code} is both ${statusOf.get(code)} and ${status}`);
          statusOf.set(code, status);
        }
        if (answer.description !== codes.join('、')) problems.push(`${operation.operationId} ${status}: description`);
      }
    expect(problems).toEqual([]);
    // Every code is answered by some operation; each code's body fixes its code and its details.
    expect([...statusOf.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const body = schemas()[`ErrorBodyOf_${code}`] as { properties: Record<string, Schema>; required: string[] };
      expect(body.properties['code']).toEqual({ type: 'string', const: code });
      expect(body.required).toEqual(['code', 'message', 'details', 'requestId']);
    }
    const submit = routes.find((r) => r.operation.operationId === 'submitApplication')?.operation.responses;
    expect(submit?.['422']?.description).toBe('NOT_ELIGIBLE、OUTSIDE_WINDOW、MATERIALS_MISSING');
    expect(submit?.['409']?.description).toBe('INVALID_TRANSITION');
  });

  it('has no empty object among its schemas, and every schema compiles as strict JSON Schema 2020-12', () => {
    const empty = Object.entries(schemas()).filter(
      ([, s]) => s['type'] === 'object' && Object.keys((s['properties'] as object | undefined) ?? {}).length === 0,
    );
    // A record of anything (a merge patch, the audit's before and after) says so with additionalProperties.
    expect(empty.filter(([, s]) => s['additionalProperties'] === undefined).map(([name]) => name)).toEqual([]);
    for (const name of Object.keys(schemas()))
      expect(() => api.conformance.validator({ $ref: `#/components/schemas/${name}` })).not.toThrow();
  });

  it('refuses answers the document does not describe: a field too many, a wrong type, another status, another code', async () => {
    const token = await api.login('applicant', 'openapi');
    const created = await api.call('POST', '/api/v1/orgs', { token, body: firm(1) });
    expect(created.status).toBe(201);
    const path = `/api/v1/orgs/${String(created.body['id'])}`;
    const check = (status: number, body: unknown) =>
      api.conformance.problem('GET', path, status, 'application/json; charset=utf-8', JSON.stringify(body));
    expect(check(200, created.body)).toBeNull();
    expect(check(200, { ...created.body, internalNote: 'x' })).toMatch(/must NOT have additional properties/);
    expect(check(200, { ...created.body, id: String(created.body['id']) })).toMatch(
      /\/id must be integer|\/id must be number/,
    );
    expect(check(200, { ...created.body, myRole: 'owner' })).toMatch(/\/myRole/);
    expect(check(201, created.body)).toMatch(/answered 201, which its operation does not document/);
    const refusal = { code: 'NOT_FOUND', message: '企业不存在或无权访问', details: [], requestId: 'r' };
    expect(check(404, refusal)).toBeNull();
    expect(check(404, { ...refusal, code: 'CONFLICT' })).toMatch(/must be equal to constant/);
    expect(check(404, { ...refusal, details: { applicationId: 1 } })).toMatch(/\/details/);
    expect(api.conformance.problem('GET', path, 200, 'text/html', '<p>')).toMatch(/not one it documents/);
    // Paths outside the document are not the checker's business.
    expect(api.conformance.problem('GET', '/api/v1/nowhere', 404, 'application/json', '{}')).toBeNull();
  });
});
