import type { FastifyRequest } from 'fastify';
import type { WharfConfig } from '../config.js';

/** `http://host:port` as the client reached wharf (or WHARF_HOSTNAME): the base of queue URLs. */
export function baseUrlOf(request: FastifyRequest, config: WharfConfig): string {
  return config.hostname ?? `http://${request.headers.host ?? `${config.host}:${config.port}`}`;
}
