import type { FastifyRequest } from 'fastify';
import type { WharfConfig } from '../cli/config.js';

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port: nothing else goes into a URL. */
const AUTHORITY = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `http://host:port` as the client reached wharf, for queue URLs and SNS's links back: the Host
 * header (or HTTP/2 :authority) when it is a plain authority, else wharf's own address, so a
 * hostile Host cannot put a path, markup or a second URL into them.
 */
export function baseUrlOf(request: FastifyRequest, config: WharfConfig): string {
  if (config.hostname) return config.hostname;
  const host = request.host;
  if (AUTHORITY.test(host)) return `http://${host}`;
  return `http://${config.host}:${request.socket?.localPort ?? config.port}`;
}
