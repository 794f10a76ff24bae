import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DOCS_CSP, htmlPage } from './headers.js';

// Swagger UI's files, served from the swagger-ui-dist package. A fixed list: no path from the
// request reaches the file system. (SwaggerModule.setup would pull in @fastify/static, whose
// ES-module-only dependencies jest cannot load on Node 20.)
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = (base: string): string => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>电商惠企通 API 文档</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
<link rel="icon" href="${base}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/swagger-ui-standalone-preset.js"></script>
<script src="${base}/huiqi-init.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page's content security policy allows scripts from this
// origin only. No validator badge: it would load an image from validator.swagger.io.
const init = (base: string): string =>
  `window.ui = SwaggerUIBundle({ url: '${base}-json', dom_id: '#swagger-ui', validatorUrl: null, ` +
  `presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });\n`;

/** Serves the OpenAPI document at `${base}-json` and Swagger UI at `base`. */
export const serveOpenApi = (app: NestFastifyApplication, base: string, document: object): void => {
  const dir = (
    createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }
  ).getAbsoluteFSPath();
  const fastify = app.getHttpAdapter().getInstance();
  const docs = htmlPage(DOCS_CSP);
  fastify.get(`${base}-json`, async () => document);
  fastify.get(base, docs, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page(base)));
  fastify.get(`${base}/huiqi-init.js`, docs, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(init(base)),
  );
  fastify.get<{ Params: { file: string } }>(`${base}/:file`, docs, async (request, reply) => {
    const type = FILES[request.params.file];
    if (!type)
      return reply
        .status(404)
        .send({ code: 'NOT_FOUND', message: '请求的地址不存在', details: [], requestId: String(request.id) });
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(join(dir, request.params.file)));
  });
};
