import { describe, expect, it } from '@jest/globals';
import { type FastifyRequest } from 'fastify';
import { clientAddress } from './client-address.js';

/** The two things clientAddress reads of a request: the socket's peer and X-Forwarded-For. */
const request = (peer: string | undefined, forwarded?: string | string[]): FastifyRequest =>
  ({
    raw: { socket: { remoteAddress: peer } },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as FastifyRequest;

describe('clientAddress', () => {
  it('is the socket peer, whatever X-Forwarded-For says, when no proxy is trusted', () => {
    expect(clientAddress(request('203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), 0)).toBe('203.0.113.9');
  });

  it('behind N proxies, is the N-th address from the right: what the outermost proxy saw', () => {
    // The client wrote 1.1.1.1; the outer proxy appended the client's real address; the inner one the outer's.
    const forwarded = '1.1.1.1, 198.51.100.7, 10.0.0.2';
    expect(clientAddress(request('10.0.0.3', forwarded), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.3', forwarded), 2)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.3', ['1.1.1.1, 198.51.100.7', '10.0.0.2']), 2)).toBe('198.51.100.7');
  });

  it('falls back to the leftmost address when the chain is shorter than the proxies trusted', () => {
    expect(clientAddress(request('10.0.0.3'), 1)).toBe('10.0.0.3');
    expect(clientAddress(request('10.0.0.3', '198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('ignores an entry that is not an address, keeping the peer', () => {
    expect(clientAddress(request('10.0.0.3', 'not-an-ip'), 1)).toBe('10.0.0.3');
    expect(clientAddress(request('10.0.0.3', '198.51.100.7:443'), 1)).toBe('10.0.0.3');
  });

  it('counts IPv6 clients by their /64, and IPv4-mapped addresses as IPv4', () => {
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'), 0)).toBe(clientAddress(request('2001:db8:1:2:bbbb::9'), 0));
    expect(clientAddress(request('2001:db8:1:2::1'), 0)).not.toBe(clientAddress(request('2001:db8:1:3::1'), 0));
    expect(clientAddress(request('::ffff:203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('has one name for a request without a peer address', () => {
    expect(clientAddress(request(undefined), 0)).toBe('unknown');
  });
});
