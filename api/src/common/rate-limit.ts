import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import rateLimit, { type CreateRateLimitOptions } from '@fastify/rate-limit';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { catchError, type Observable, throwError } from 'rxjs';
import { type AppConfig } from '../config/config.js';
import { type RateLimit, type RateLimitPolicy } from '../config/rate-limits.js';
import { TokenSigner } from './tokens.js';
import { clientAddress } from './client-address.js';
import { AppError } from './errors.js';

/** Where a route's account comes from, for its per-account limit. */
export type AccountSource =
  /** The signed-in caller (a valid access token). */
  | 'caller'
  /** The refresh token in the body: a session. */
  | 'refresh-token'
  /** The demo account the body asks for. */
  | 'demo-identity';

interface RouteLimit {
  policy: RateLimitPolicy;
  account: AccountSource | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    huiqiRateLimit?: RouteLimit;
  }
}

const waitText = (seconds: number): string => (seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`);

/** 429 with Retry-After: the client may try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    what = '请求',
  ) {
    super('RATE_LIMITED', `${what}过于频繁，请于${waitText(retryAfterSeconds)}后再试`, { retryAfterSeconds });
  }
}

/**
 * Counts the route under a policy, per client address, and per account when `account` says
 * where the route's account is. Merged into the route's Fastify config (Nest's @RouteConfig), so
 * another key of that config, set by a decorator below this one, is kept.
 */
export const RateLimited =
  (policy: RateLimitPolicy, account: AccountSource | null = null): MethodDecorator =>
  (target, key, descriptor) => {
    const existing = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, descriptor.value as object) as
      Record<string, unknown> | undefined;
    RouteConfig({ ...existing, huiqiRateLimit: { policy, account } })(target, key, descriptor);
  };

/** Sets Retry-After on a RateLimitedError a service threw (the edge limits set it themselves). */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof RateLimitedError)
          void ctx.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.retryAfterSeconds));
        return throwError(() => error);
      }),
    );
  }
}

const textField = (body: unknown, name: string): string | undefined => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** The account a request is about, or null when it names none (validation or the guard refuses it next). */
const accountOf = (source: AccountSource, request: FastifyRequest, signer: TokenSigner): string | null => {
  switch (source) {
    case 'caller': {
      const header = request.headers.authorization;
      if (!header?.startsWith('Bearer ')) return null;
      try {
        return `user:${signer.verify(header.slice('Bearer '.length).trim()).userId}`;
      } catch {
        return null;
      }
    }
    case 'refresh-token': {
      const token = textField(request.body, 'refreshToken');
      return token ? `session:${token}` : null;
    }
    case 'demo-identity': {
      const role = textField(request.body, 'role');
      if (!role) return null;
      const county = textField(request.body, 'county');
      return `demo:${textField(request.body, 'openid') ?? (county ? `${role}-${county}` : role)}`;
    }
  }
};

// A hash, so neither tokens nor names sit in Redis or in memory.
const hashed = (account: string): string => createHash('sha256').update(account).digest('base64url').slice(0, 22);

const connectRedis = async (url: string, app: NestFastifyApplication): Promise<Redis> => {
  const log = app.getHttpAdapter().getInstance().log;
  // Commands fail at once while Redis is away (no offline queue, one try): the limits then let
  // requests through (skipOnError) instead of the whole API waiting on Redis.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', (error: Error) => log.warn({ err: error }, 'rate-limit Redis unavailable'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    // A REDIS_URL that does not answer at boot is a mistake in configuration: say so, without
    // the URL (it may hold a password).
    throw new Error(`REDIS_URL 无法连接，服务未启动 (cannot reach Redis: ${(error as Error).message})`, {
      cause: error,
    });
  }
  return redis;
};

/**
 * Rate limits on every route (a generous ceiling per client address) and on the routes marked
 * @RateLimited (per address at the start of the request, per account once the body is parsed),
 * with @fastify/rate-limit: its Redis store when REDIS_URL is set, so every instance shares the
 * counts, its memory store otherwise. A refusal is 429 RATE_LIMITED with Retry-After, before
 * validation and before any database work.
 */
export const registerRateLimits = async (app: NestFastifyApplication, config: AppConfig): Promise<void> => {
  const settings = config.rateLimits;
  const fastify = app.getHttpAdapter().getInstance();
  const signer = app.get(TokenSigner);
  const redis = settings.redisUrl ? await connectRedis(settings.redisUrl, app) : null;
  if (redis) fastify.addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis } : {}),
    nameSpace: settings.redisPrefix,
    skipOnError: true,
  });

  /**
   * One count, keyed `name:id`: throws RateLimitedError (and sets Retry-After) once `limit` is
   * exceeded. (The plugin's Redis store puts a route's method and URL into its keys; counts made
   * with createRateLimit have no route, so Redis shows them as `…undefinedundefined-name:id`.)
   */
  const counter = (name: string, limit: RateLimit) => {
    const keys = new WeakMap<FastifyRequest, string>();
    const options: CreateRateLimitOptions & { cache: number } = {
      max: limit.max,
      timeWindow: limit.windowSeconds * 1000,
      keyGenerator: (request) => keys.get(request) ?? '',
      // Clients each memory store remembers (least recently seen forgotten first).
      cache: 10_000,
    };
    const apply = fastify.createRateLimit(options);
    return async (request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> => {
      keys.set(request, `${name}:${id}`);
      const result = await apply(request);
      if (result.isAllowed || !result.isExceeded) return;
      const seconds = Math.max(1, result.ttlInSeconds);
      void reply.header('retry-after', String(seconds));
      throw new RateLimitedError(seconds);
    };
  };

  const everything = counter('all', settings.global);
  const policies = Object.keys(settings.policies) as RateLimitPolicy[];
  const perAddress = new Map(policies.map((p) => [p, counter(`${p}:ip`, settings.policies[p].ip)]));
  const perAccount = new Map(
    policies.flatMap((p) => {
      const limit = settings.policies[p].account;
      return limit ? [[p, counter(`${p}:account`, limit)] as const] : [];
    }),
  );

  fastify.decorateRequest('clientAddress', '');
  fastify.addHook('onRequest', async (request, reply) => {
    request.clientAddress = clientAddress(request, settings.trustedProxies);
    await everything(request, reply, request.clientAddress);
    const route = request.routeOptions.config.huiqiRateLimit;
    if (route) await perAddress.get(route.policy)?.(request, reply, request.clientAddress);
  });
  // The account is in the body or the token: counted once the body is parsed, before validation.
  fastify.addHook('preValidation', async (request, reply) => {
    const route = request.routeOptions.config.huiqiRateLimit;
    const check = route?.account ? perAccount.get(route.policy) : undefined;
    if (!route?.account || !check) return;
    const account = accountOf(route.account, request, signer);
    if (account) await check(request, reply, hashed(account));
  });
};
