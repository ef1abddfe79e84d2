import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../emulator.js';
import { WHARF_VERSION } from '../../version.js';

/**
 * LocalStack's health endpoint, in LocalStack's shape, for the services wharf has: scripts and
 * CI waits written for LocalStack (`curl .../_localstack/health | jq .services.sqs`) work as-is.
 */
export function registerLocalStackRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/_localstack/health',
    handler: async () => ({
      services: Object.fromEntries(emulator.services.map((s) => [s.name, 'running'])),
      edition: 'community',
      version: WHARF_VERSION,
    }),
  });
}
