import { isIP } from 'node:net';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { normalizeIP } from '@fastify/rate-limit';
import { type FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request by registerRateLimits (rate-limit.ts), from clientAddress. */
    clientAddress: string;
  }
}

/**
 * The address limits count a client by. Without trusted proxies it is the socket's peer: an
 * X-Forwarded-For header is the client's own words, and believing it would let anyone be a new
 * client at every request. Behind N proxies, each appends the address it saw, so the N-th entry
 * from the right is the one the outermost proxy saw; entries further left are the client's words.
 * IPv6 addresses count by their /64, which one subscriber holds whole.
 */
export const clientAddress = (request: FastifyRequest, trustedProxies: number): string => {
  const peer = request.raw.socket.remoteAddress ?? '';
  let address = peer;
  if (trustedProxies > 0) {
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const chain = [...forwarded, peer];
    const seen = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
    if (isIP(seen)) address = seen;
  }
  return isIP(address) ? normalizeIP(address) : 'unknown';
};

/** The caller's address as the rate limits see it (for the sign-in throttle). */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const address = ctx.switchToHttp().getRequest<FastifyRequest>().clientAddress;
  // Without registerRateLimits every caller would share one address: refuse to run like that.
  if (!address) throw new Error('clientAddress is not set: registerRateLimits was not called');
  return address;
});
