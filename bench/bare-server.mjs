// The baseline of `npm run bench -- api`: a bare NestJS + Fastify app with one route, so the API's
// figures can be read against what Nest itself costs on this machine. Plain JavaScript, so the
// decorators are applied with Reflect.decorate rather than the @ syntax.
//
// POST /api/bare parses the JSON body (the same request the API is loaded with), ignores it and
// answers {"ok":true} (or BARE_ANSWER_FILE's JSON). Env: PORT, HOST (default 127.0.0.1). Prints "已启动：<url>/api" when listening.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

// With BARE_ANSWER_FILE, the route answers that JSON (parsed once at start, serialised per request
// like any Nest answer) instead of {"ok":true}: the same bytes as the API, without computing them.
const answer = process.env.BARE_ANSWER_FILE
  ? JSON.parse(readFileSync(process.env.BARE_ANSWER_FILE, 'utf8'))
  : { ok: true };

class BareController {
  handle(body) {
    void body;
    return answer;
  }
}
Reflect.decorate([Controller()], BareController);
Reflect.decorate(
  [Post('bare'), HttpCode(200)],
  BareController.prototype,
  'handle',
  Object.getOwnPropertyDescriptor(BareController.prototype, 'handle'),
);
// A parameter decorator: hand the parsed body to the handler, as @Body() does in the API.
Body()(BareController.prototype, 'handle', 0);

// A Nest module is an empty class; its metadata comes from the decorator applied below.
// eslint-disable-next-line @typescript-eslint/no-extraneous-class
class BareModule {}
Reflect.decorate([Module({ controllers: [BareController] })], BareModule);

const port = Number(process.env.PORT ?? 3100);
const host = process.env.HOST || '127.0.0.1';

// The API's adapter without its request logger and request-id hook: Fastify's logger is off by default.
const app = await NestFactory.create(BareModule, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: false });
app.setGlobalPrefix('api');
app.enableShutdownHooks();
await app.listen(port, host);
console.log(`基准空白服务已启动：${await app.getUrl()}/api`);
