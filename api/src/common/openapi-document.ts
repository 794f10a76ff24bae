import { createRequire } from 'node:module';
import { ERROR_CODES, type ErrorCode, type OperationId, OPERATIONS, type OperationRoute } from '@huiqi/shared';
import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { httpStatusOf } from './errors.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 reads it), or any other part of the document. */
export interface JsonObject {
  [key: string]: unknown;
}

/** Each operation's parts, as scripts/build-contract.mjs generated them from the shared types. */
export interface OperationSchemas {
  params?: JsonObject;
  query?: JsonObject;
  body?: JsonObject;
  response?: JsonObject;
}

export interface ContractSchemas {
  operations: Record<OperationId, OperationSchemas>;
  /** Every named type, by component name; refs point at `#/components/schemas/NAME`. */
  definitions: Record<string, JsonObject>;
}

const SCHEMAS_FILE = '@huiqi/shared/dist/contracts/schemas.json';
const COMPONENTS = '#/components/schemas/';

/** The contract's JSON Schemas, generated from the shared types by `npm run build`. */
export const loadContractSchemas = (): ContractSchemas => {
  try {
    return createRequire(import.meta.url)(SCHEMAS_FILE) as ContractSchemas;
  } catch (error) {
    throw new Error(`the contract's JSON Schemas (${SCHEMAS_FILE}) are missing: run npm run build`, { cause: error });
  }
};

/**
 * The codes an operation can answer: those of every route (the edge, the rate limit, a failure
 * of ours), of a route that takes a body, of a route that needs a sign-in, of a route that names
 * a record, and its own (OPERATIONS[id].errors).
 */
export const errorCodesOf = (id: OperationId): ErrorCode[] => {
  const route: OperationRoute = OPERATIONS[id];
  const codes = new Set<ErrorCode>([
    'INVALID_REQUEST',
    'RATE_LIMITED',
    'URI_TOO_LONG',
    'HEADERS_TOO_LARGE',
    'REQUEST_TIMEOUT',
    'INTERNAL',
    ...route.errors,
  ]);
  if (route.method !== 'GET')
    for (const code of ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) codes.add(code);
  if (route.access === 'signed-in')
    for (const code of ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'FORBIDDEN'] as const) codes.add(code);
  if (route.path.includes('{')) codes.add('NOT_FOUND');
  return ERROR_CODES.filter((code) => codes.has(code));
};

const isOperationId = (id: unknown): id is OperationId => typeof id === 'string' && Object.hasOwn(OPERATIONS, id);

const refName = (ref: string): string => ref.slice(COMPONENTS.length);

const resolve = (schema: JsonObject, schemas: ContractSchemas): JsonObject => {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const target = schemas.definitions[refName(ref)];
  if (!target) throw new Error(`the contract's schemas have no ${ref}`);
  return resolve(target, schemas);
};

/** An object type's fields as OpenAPI parameters (path or query). */
const parameters = (
  schema: JsonObject | undefined,
  where: 'path' | 'query',
  schemas: ContractSchemas,
): JsonObject[] => {
  if (!schema) return [];
  const object = resolve(schema, schemas);
  const properties = (object['properties'] ?? {}) as Record<string, JsonObject>;
  const required = (object['required'] ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
};

// One file, in the field `file`; the API decides its type by its bytes.
const UPLOAD_FORM: JsonObject = {
  type: 'object',
  properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
  required: ['file'],
};

const FILE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/ofd'];

const requestBody = (route: OperationRoute, parts: OperationSchemas): JsonObject | null => {
  if (route.body === 'multipart')
    return { required: true, content: { 'multipart/form-data': { schema: UPLOAD_FORM } } };
  if (!parts.body) return null;
  return { required: true, content: { 'application/json': { schema: parts.body } } };
};

const success = (route: OperationRoute, parts: OperationSchemas): JsonObject => {
  if (route.status === 204) return { description: '成功，无内容' };
  if (route.response === 'file')
    return {
      description: route.mediaTypes ? '导出的文件' : '文件内容，类型为上传时按内容识别的类型',
      content: Object.fromEntries(
        (route.mediaTypes ?? FILE_MEDIA_TYPES).map((type) => [
          type,
          { schema: { type: 'string', contentMediaType: type } },
        ]),
      ),
    };
  if (!parts.response) throw new Error(`the contract gives ${route.method} ${route.path} no response type`);
  return { description: '成功', content: { 'application/json': { schema: parts.response } } };
};

/** The error answers by HTTP status, each naming the codes it carries; 429 says when to retry. */
const failures = (id: OperationId): Record<string, JsonObject> => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(id))
    byStatus.set(httpStatusOf(code), [...(byStatus.get(httpStatusOf(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => {
        const refs = codes.map((code) => ({ $ref: `${COMPONENTS}ErrorBodyOf_${code}` }));
        return [
          String(status),
          {
            description: codes.join('、'),
            ...(status === 429
              ? { headers: { 'Retry-After': { description: '多少秒后可以再试', schema: { type: 'integer' } } } }
              : {}),
            content: { 'application/json': { schema: refs.length === 1 ? refs[0] : { anyOf: refs } } },
          },
        ];
      }),
  );
};

const operationObject = (id: OperationId, parts: OperationSchemas, schemas: ContractSchemas): JsonObject => {
  const route: OperationRoute = OPERATIONS[id];
  const body = requestBody(route, parts);
  return {
    operationId: id,
    summary: route.summary,
    tags: [route.tag],
    // A public route still knows its caller when a token comes with the request.
    security: route.access === 'signed-in' ? [{ bearer: [] }] : [{}, { bearer: [] }],
    parameters: [...parameters(parts.params, 'path', schemas), ...parameters(parts.query, 'query', schemas)],
    ...(body ? { requestBody: body } : {}),
    responses: { [String(route.status)]: success(route, parts), ...failures(id) },
  };
};

/** The names of every component `value` refers to, and those they refer to, and so on. */
const reachable = (roots: unknown[], schemas: ContractSchemas): Set<string> => {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value))
      if (key === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS)) {
        const name = refName(v);
        if (names.has(name)) continue;
        names.add(name);
        visit(schemas.definitions[name]);
      } else visit(v);
  };
  roots.forEach(visit);
  return names;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface ScannedDocument {
  info: object;
  paths: Record<string, object>;
  components?: { securitySchemes?: object };
}

/**
 * The OpenAPI 3.1 document: the routes the controllers declare (as Nest scans them), each the
 * operation of the shared contract it names, with that operation's parameters, body, answer and
 * error answers from the schemas generated from the shared types. Refuses to build (the app does
 * not start) when a route names no operation, sits at another method or path than the contract
 * says, or an operation has no route.
 */
export const contractDocument = (scanned: ScannedDocument, schemas: ContractSchemas): JsonObject => {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const routed = new Set<OperationId>();
  for (const [path, item] of Object.entries(scanned.paths))
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const id = (operation as { operationId?: unknown }).operationId;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isOperationId(id))
        throw new Error(
          `${where} names no operation of the contract: add it to OPERATIONS and decorate it with @Operation`,
        );
      const route: OperationRoute = OPERATIONS[id];
      if (`${route.method} ${route.path}` !== where)
        throw new Error(`${id} is ${route.method} ${route.path} in the contract but ${where} in its controller`);
      routed.add(id);
      (paths[path] ??= {})[method] = operationObject(id, schemas.operations[id], schemas);
    }
  for (const id of Object.keys(OPERATIONS) as OperationId[])
    if (!routed.has(id) && !(OPERATIONS[id] as OperationRoute).optional)
      throw new Error(`${id} (${OPERATIONS[id].method} ${OPERATIONS[id].path}) has no route`);
  // The house error shape, whole, beside the answers that name its codes.
  const used = reachable([paths, { $ref: `${COMPONENTS}ErrorBody` }], schemas);
  return {
    openapi: '3.1.0',
    info: scanned.info,
    paths,
    components: {
      securitySchemes: scanned.components?.securitySchemes ?? {},
      schemas: Object.fromEntries(
        Object.keys(schemas.definitions)
          .filter((name) => used.has(name))
          .map((name) => [name, schemas.definitions[name]]),
      ),
    },
  };
};

/** The document of the running app's routes (see contractDocument). */
export const createOpenApiDocument = (app: INestApplication, schemas = loadContractSchemas()): JsonObject =>
  contractDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('电商惠企通 API')
        .setDescription(
          '聊城市促进电子商务高质量发展若干措施：资格评估、企业、申报。类型定义见 @huiqi/shared 的 contracts，' +
            '错误统一为 { code, message, details, requestId }。',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ) as ScannedDocument,
    schemas,
  );
