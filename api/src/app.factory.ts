import { type Writable } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { builtInEditions, type Edition } from '@huiqi/shared';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveOpenApi } from './common/openapi.js';
import { createOpenApiDocument } from './common/openapi-document.js';
import { serveWebApp } from './common/web-app.js';
import { type DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { installBodyParsing } from './common/body.js';
import { type Clock, SystemClock } from './common/clock.js';
import { RoundsService } from './modules/rounds/rounds.service.js';
import { ErrorFilter } from './common/error.filter.js';
import { answerClientError, answerFrameworkError, refuseLongUrls } from './common/framework-errors.js';
import { registerHeaders } from './common/headers.js';
import { logSerializers, requestIdOf } from './common/logging.js';
import { registerRateLimits } from './common/rate-limit.js';
import { requestContext } from './common/request-context.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { type AppConfig } from './config/config.js';
import { openDatabase } from './database/data-source.js';
import { EditionsService } from './modules/editions/editions.service.js';
import { LocalDiskStorage } from './modules/files/storage.js';
import multipart from '@fastify/multipart';

/** How long a shutdown waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Node closes idle keep-alive connections once, when closing starts: a connection whose response
 * finishes a moment later (a download that has just been sent) then holds the close until its
 * keep-alive timeout, 72 s. While closing, idle connections are closed as they become idle, and
 * whatever is still busy after the grace period is cut.
 */
const closeConnectionsOnShutdown = (fastify: FastifyInstance): void => {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    const idle = setInterval(() => server.closeIdleConnections(), 50).unref();
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(cut);
    });
    done();
  });
};

export interface AppOptions {
  clock?: Clock;
  /** Receives Fastify's JSON log lines instead of standard output (tests read it). */
  logStream?: Writable;
  /** The editions published at boot; by default the package's (a test seam for a package update). */
  builtInEditions?: readonly Edition[];
}

export interface App {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Builds the whole API on a migrated database: used by `main`, by the demo and by the
 * end-to-end tests, so what is tested is what runs.
 */
export const createApp = async (config: AppConfig, options: AppOptions = {}): Promise<App> => {
  const dataSource = await openDatabase(config.database);
  try {
    return await build(config, dataSource, options);
  } catch (error) {
    // A start that fails half-way (Redis unreachable, say) leaves no open database behind.
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
};

const build = async (config: AppConfig, dataSource: DataSource, options: AppOptions): Promise<App> => {
  const clock = options.clock ?? new SystemClock();
  const adapter = new FastifyAdapter({
    logger: {
      level: config.logLevel,
      serializers: logSerializers,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: requestIdOf,
    // The same proxies the rate limits trust (TRUST_PROXY), so request logs show the client.
    trustProxy: (_address: string, hop: number) => hop < config.rateLimits.trustedProxies,
    // Fastify's errors before any hook runs (router, Node's HTTP parser), in the house shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const storage = new LocalDiskStorage(config.dataDir);
  await storage.init();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, dataSource, clock, storage }),
    adapter,
    {
      // Our own parsers (common/body.ts): JSON only, with per-route size and depth limits.
      bodyParser: false,
      // Nest's own messages as JSON lines, like Fastify's request logs (which carry reqId).
      logger:
        config.logLevel === 'silent' ? false : new ConsoleLogger({ json: true, logLevels: ['error', 'warn', 'log'] }),
    },
  );
  try {
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      requestContext.run({ requestId: String(request.id) }, done);
    });
    closeConnectionsOnShutdown(fastify);
    installBodyParsing(fastify);
    await registerHeaders(app, config);
    fastify.addHook('onRequest', refuseLongUrls);
    // Uploads stream through busboy; one file a request, its size capped before it reaches disk.
    await app.register(multipart, {
      limits: { fileSize: config.files.maxFileBytes, files: 1, fields: 10, parts: 12, headerPairs: 100 },
    });
    await registerRateLimits(app, config);
    app.setGlobalPrefix('api');
    app.useGlobalFilters(new ErrorFilter());
    app.useGlobalPipes(createValidationPipe());
    app.enableShutdownHooks();

    serveOpenApi(app, '/api/docs', createOpenApiDocument(app));
    serveWebApp(app, config.webAppDir);

    await app.init();
    await app.get(EditionsService).ensureBuiltIn(options.builtInEditions ?? builtInEditions());
    // An edition with an application window of its own stands for a round: open it now, not on the first submission.
    await app.get(RoundsService).ensureDefaultRounds();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    dataSource,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
};
