import {
  type ApiClient,
  ApiError,
  createApiClient,
  type CreateOrgRequest,
  fetchTransport,
  type TokenSource,
  type Transport,
  type TransportRequest,
  usccCheckCharacter,
} from '@huiqi/shared';
import { type Conformance, conformance, type OpenApiDocument } from './contract.js';
import { type Engine } from './databases.js';
import { TEST_NOW_ISO } from './test-env.mjs';

// What a suite needs to speak to a running API, whoever booted it: nothing here loads the API's
// code, so a suite on the run's shared API (shared-api.ts) does not pay for importing it.

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface Connected {
  engine: Engine;
  url: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  /** A demo sign-in's access token. */
  login(role?: string, openid?: string, county?: string): Promise<string>;
  /** The OpenAPI document the API serves. */
  document: OpenApiDocument;
  /** Every answer `call` and `client` receive is checked against the document (support/contract.ts). */
  conformance: Conformance;
  /**
   * The shared typed client over fetch, its answers checked against the document; `observe`
   * sees every request it sends (a test counts refreshes with it).
   */
  client(tokens?: TokenSource, observe?: (request: TransportRequest) => void): ApiClient;
}

/** 2026-06-15 10:00 in Liaocheng: inside the demo edition's window, long after 2023's. */
export const TEST_NOW = new Date(TEST_NOW_ISO);

/** Speaks to the API at `url`; every answer is checked against the document it serves. */
export const connect = async (engine: Engine, url: string): Promise<Connected> => {
  const document = (await (await fetch(`${url}/api/docs-json`)).json()) as OpenApiDocument;
  const checker = conformanceOf(document);
  /** Fails the test when an answer is not what the document says (see contract.ts). */
  const check = (method: string, path: string, status: number, contentType: string | null, text: string): void => {
    const problem = checker.problem(method, path, status, contentType, text);
    if (problem) throw new Error(`the API answered outside its OpenAPI document: ${problem}`);
  };
  const transport = conformingTransport(check);

  const call: Connected['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const text = await res.text();
    check(method, path, res.status, res.headers.get('content-type'), text);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the docs page): callers read `text`.
    }
    return { status: res.status, body: parsed as never, text, headers: res.headers };
  };

  return {
    engine,
    url,
    call,
    document,
    conformance: checker,
    client: (tokens, observe) =>
      createApiClient({
        baseUrl: url,
        transport: observe ? (request) => (observe(request), transport(request)) : transport,
        ...(tokens ? { tokens } : {}),
      }),
    login: async (role = 'applicant', openid?: string, county?: string) => {
      const res = await call<{ accessToken: string }>('POST', '/api/v1/auth/demo', { body: { role, openid, county } });
      if (res.status !== 200) throw new Error(`demo login failed: ${res.status} ${res.text}`);
      return res.body.accessToken;
    },
  };
};

// The document is the same for every app a suite boots: its schemas are compiled once.
const checkers = new Map<string, Conformance>();
const conformanceOf = (document: OpenApiDocument): Conformance => {
  const key = JSON.stringify(document);
  let checker = checkers.get(key);
  if (!checker) {
    checker = conformance(document);
    checkers.set(key, checker);
  }
  return checker;
};

/** fetch as the client's transport, every answer checked against the document. */
const conformingTransport =
  (
    check: (method: string, path: string, status: number, contentType: string | null, text: string) => void,
  ): Transport =>
  async (request) => {
    const response = await fetchTransport()(request);
    check(request.method, request.url, response.status, null, response.text);
    return response;
  };

/** The ApiError a client call rejects with; fails the test if it resolves or fails otherwise. */
export const refusalOf = async (call: Promise<unknown>): Promise<ApiError> => {
  const outcome = await call.then(
    (value: unknown) => new Error(`resolved with ${JSON.stringify(value)?.slice(0, 200)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof ApiError)) throw outcome;
  return outcome;
};

/** Test firms: USCCs and registrations whose organisation code starts with `prefix` (7 characters). */
export const firmsOf = (prefix: string) => {
  /** A valid USCC for test firm n (the GB 32100-2015 check character is computed, not hard-coded). */
  const testUscc = (n: number): string => {
    const body = `91371500${prefix}${String(n).padStart(2, '0')}`;
    const check = usccCheckCharacter(body);
    if (!check) throw new Error(`not a USCC body: ${body}`);
    return body + check;
  };
  /** Test firm n's registration, as the contract types it. */
  const firm = (n: number, overrides: Partial<CreateOrgRequest> = {}): CreateOrgRequest => ({
    uscc: testUscc(n),
    name: `测试电商企业${n}号有限公司`,
    county: 'linqing',
    orgTypes: ['ecommerce'],
    legalRepresentative: '王法人',
    contactName: '赵联系',
    contactPhone: '13912345678',
    ...overrides,
  });
  return { testUscc, firm };
};
