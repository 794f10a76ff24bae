import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ApiClient, createApiClient, memoryTokens } from '@huiqi/shared';
import { xhrTransport } from '../../src/services/taro-transport';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real HTTP server on a loopback port that answers what a test scripted, and what it was asked. */
export interface ScriptedApi {
  /** Every request seen, in order: `METHOD path` and its body. */
  readonly requests: { key: string; body: string }[];
  /** The next answer to `METHOD path` (one answer a request; unscripted requests answer 404). */
  answer(key: string, status: number, body: unknown): void;
  /** The next answer to `METHOD path` as raw bytes with the given headers (a file download). */
  answerRaw(key: string, status: number, headers: Record<string, string>, body: Buffer): void;
  /** The app's typed client on this server, signed in. */
  client(): ApiClient;
}

/** Starts the server for the suite and clears its script before each test. */
export const useScriptedApi = (): ScriptedApi => {
  const routes = new Map<string, Handler[]>();
  const requests: { key: string; body: string }[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            'access-control-allow-headers': 'authorization, accept, content-type',
            'access-control-allow-methods': 'GET, POST, PUT, PATCH',
          })
          .end();
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const key = `${req.method} ${req.url}`;
        requests.push({ key, body });
        const next = routes.get(key)?.shift();
        if (next) next(req, body, res);
        else
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end('{"code":"NOT_FOUND","message":"不存在","details":[],"requestId":"r"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    routes.clear();
    requests.length = 0;
  });

  return {
    requests,
    answer: (key, status, body) => {
      const list = routes.get(key) ?? [];
      list.push((_req, _body, res) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      );
      routes.set(key, list);
    },
    answerRaw: (key, status, headers, body) => {
      const list = routes.get(key) ?? [];
      list.push((_req, _body, res) =>
        res.writeHead(status, { 'access-control-expose-headers': 'content-disposition', ...headers }).end(body),
      );
      routes.set(key, list);
    },
    client: () =>
      createApiClient({
        baseUrl: base,
        transport: xhrTransport,
        tokens: memoryTokens({ accessToken: 'a', refreshToken: 'r' }),
      }),
  };
};
