import { type Writable } from 'node:stream';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { serveOpenApi } from './common/openapi.js';
import { type DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { installBodyParsing } from './common/body.js';
import { type Clock, SystemClock } from './common/clock.js';
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

export interface App {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Builds the whole API on a migrated database: used by `main`, by the demo and by the
 * end-to-end tests, so what is tested is what runs.
 */
export const createApp = async (
  config: AppConfig,
  /** `logStream` receives Fastify's JSON log lines instead of standard output (tests read it). */
  options: { clock?: Clock; logStream?: Writable } = {},
): Promise<App> => {
  const dataSource = await openDatabase(config.database);
  const clock = options.clock ?? new SystemClock();
  const adapter = new FastifyAdapter({
    logger: {
      level: config.logLevel,
      serializers: logSerializers,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: requestIdOf,
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
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    requestContext.run({ requestId: String(request.id) }, done);
  });
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

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('电商惠企通 API')
      .setDescription('聊城市促进电子商务高质量发展若干措施：资格评估、企业、申报')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  serveOpenApi(app, '/api/docs', document);

  await app.init();
  await app.get(EditionsService).ensureBuiltIn();
  return {
    app,
    dataSource,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
};
