import { type OperationId, OPERATIONS } from '@huiqi/shared';
import { contractDocument, errorCodesOf, loadContractSchemas } from './openapi-document.js';

/** What Nest's scan of the controllers gives: each route under its path and method, named by @Operation. */
const scanned = (
  ids: OperationId[],
  change: (id: OperationId) => { path?: string; method?: string; operationId?: string } = () => ({}),
) => {
  const paths: Record<string, Record<string, { operationId: string }>> = {};
  for (const id of ids) {
    const { path = OPERATIONS[id].path, method = OPERATIONS[id].method, operationId = id } = change(id);
    (paths[path] ??= {})[method.toLowerCase()] = { operationId };
  }
  return { info: { title: 't', version: '1' }, paths };
};

const ALL = Object.keys(OPERATIONS) as OperationId[];

describe('the OpenAPI document from the contract', () => {
  const schemas = loadContractSchemas();

  it('builds from routes that are exactly the route table, the optional demo sign-in with or without', () => {
    expect(Object.keys(contractDocument(scanned(ALL), schemas)['paths'] as object)).toHaveLength(
      new Set(ALL.map((id) => OPERATIONS[id].path)).size,
    );
    expect(() => contractDocument(scanned(ALL.filter((id) => id !== 'demoLogin')), schemas)).not.toThrow();
  });

  it('refuses a route that names no operation of the contract', () => {
    expect(() =>
      contractDocument(
        scanned(ALL, (id) => (id === 'getOrg' ? { operationId: 'OrgsController_get' } : {})),
        schemas,
      ),
    ).toThrow('GET /api/v1/orgs/{orgId} names no operation of the contract');
  });

  it('refuses a route at another path or method than the route table says', () => {
    expect(() =>
      contractDocument(
        scanned(ALL, (id) => (id === 'getOrg' ? { path: '/api/v1/firms/{orgId}' } : {})),
        schemas,
      ),
    ).toThrow('getOrg is GET /api/v1/orgs/{orgId} in the contract but GET /api/v1/firms/{orgId} in its controller');
    expect(() =>
      contractDocument(
        scanned(ALL, (id) => (id === 'updateOrg' ? { method: 'PUT' } : {})),
        schemas,
      ),
    ).toThrow('updateOrg is PATCH /api/v1/orgs/{orgId} in the contract but PUT /api/v1/orgs/{orgId} in its controller');
  });

  it('refuses an operation of the contract that no route implements', () => {
    expect(() => contractDocument(scanned(ALL.filter((id) => id !== 'withdrawApplication')), schemas)).toThrow(
      'withdrawApplication (POST /api/v1/applications/{id}/withdraw) has no route',
    );
  });

  it.each<[OperationId, string[]]>([
    [
      'getHealth',
      ['INVALID_REQUEST', 'RATE_LIMITED', 'URI_TOO_LONG', 'HEADERS_TOO_LARGE', 'REQUEST_TIMEOUT', 'INTERNAL'],
    ],
    [
      'staffLogin',
      [
        'INVALID_REQUEST',
        'UNAUTHENTICATED',
        // A disabled account, to the right password only.
        'FORBIDDEN',
        'RATE_LIMITED',
        'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'URI_TOO_LONG',
        'HEADERS_TOO_LARGE',
        'REQUEST_TIMEOUT',
        'INTERNAL',
      ],
    ],
    [
      'withdrawApplication',
      [
        'INVALID_REQUEST',
        'UNAUTHENTICATED',
        'TOKEN_EXPIRED',
        'FORBIDDEN',
        'NOT_FOUND',
        'RATE_LIMITED',
        'INVALID_TRANSITION',
        'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
        'URI_TOO_LONG',
        'HEADERS_TOO_LARGE',
        'REQUEST_TIMEOUT',
        'INTERNAL',
      ],
    ],
  ])('documents the codes %s can answer: every route’s, a body’s, a sign-in’s, a record’s and its own', (id, codes) => {
    expect(errorCodesOf(id)).toEqual(codes);
  });
});
