import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** The parts of the OpenAPI document the tests read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, Schema> };
}

export type Schema = Record<string, unknown>;

export interface DocumentedParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface DocumentedOperation {
  operationId: string;
  parameters: DocumentedParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

/** One operation of the document, with where it lives. */
export interface RouteOfDocument {
  method: string;
  path: string;
  operation: DocumentedOperation;
}

const COMPONENTS = '#/components/schemas/';
const ROOT = 'openapi-components.json';

/** Refs into the document's components, made absolute, so a schema compiles on its own. */
const absolute = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(absolute);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) =>
      key === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS)
        ? [key, `${ROOT}#/$defs/${v.slice(COMPONENTS.length)}`]
        : [key, absolute(v)],
    ),
  );
};

export const routesOf = (document: OpenApiDocument): RouteOfDocument[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );

/** The operation a request went to, matching its path against the document's templates. */
const matcher = (routes: RouteOfDocument[]) => {
  const compiled = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  }));
  return (method: string, url: string): RouteOfDocument | null => {
    const path = new URL(url, 'http://localhost').pathname;
    // A literal segment wins over a parameter (/orgs/join before /orgs/{orgId}).
    const found = compiled
      .filter((c) => c.route.method === method.toUpperCase() && c.pattern.test(path))
      .sort((a, b) => (a.route.path.match(/\{/g)?.length ?? 0) - (b.route.path.match(/\{/g)?.length ?? 0));
    return found[0]?.route ?? null;
  };
};

export interface Conformance {
  routes: RouteOfDocument[];
  /** Every component schema compiled: the document is valid JSON Schema (2020-12) throughout. */
  validator(schema: Schema): ValidateFunction;
  /**
   * What is wrong with an answer the API gave (`contentType` null: not known, taken as documented), against its operation in the document: a status
   * it does not document, a body its schema refuses (an error naming a code not documented for
   * that status included). Null when the answer conforms, or the request was to no operation of
   * the document (an unknown path, the docs, the web app).
   */
  problem(method: string, url: string, status: number, contentType: string | null, text: string): string | null;
}

/** Checks answers against the OpenAPI document the API serves, with ajv in strict mode. */
export const conformance = (document: OpenApiDocument): Conformance => {
  // Union types (`["string", "null"]`) are how the generator writes a nullable field.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addSchema({ $id: ROOT, $defs: absolute(document.components.schemas) as Record<string, Schema> });
  const cache = new Map<Schema, ValidateFunction>();
  const validator = (schema: Schema): ValidateFunction => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(absolute(schema) as Schema);
      cache.set(schema, validate);
    }
    return validate;
  };
  const routes = routesOf(document);
  const find = matcher(routes);
  return {
    routes,
    validator,
    problem: (method, url, status, contentType, text) => {
      const route = find(method, url);
      if (!route) return null;
      const where = `${route.operation.operationId} (${method} ${route.path})`;
      const documented = route.operation.responses[String(status)];
      if (!documented)
        return `${where} answered ${status}, which its operation does not document: ${text.slice(0, 300)}`;
      if (!documented.content)
        return text === '' ? null : `${where} answered ${status} with a body it documents none of`;
      // No content type given (a transport that does not pass headers on): the one documented.
      const type =
        contentType === null ? (Object.keys(documented.content)[0] ?? '') : (contentType.split(';')[0]?.trim() ?? '');
      const media = documented.content[type];
      if (!media) return `${where} answered ${status} as ${type || 'no content type'}, not one it documents`;
      if (type !== 'application/json') return null;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return `${where} answered ${status} with JSON that does not parse`;
      }
      const validate = validator(media.schema);
      if (validate(body)) return null;
      const errors = (validate.errors ?? [])
        .slice(0, 8)
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
        .join('; ');
      return `${where} answered ${status} with a body its schema refuses: ${errors}\n  body: ${text.slice(0, 500)}`;
    },
  };
};
