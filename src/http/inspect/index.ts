import type { FastifyInstance } from 'fastify';
import type { WharfConfig } from '../../config.js';
import type { Emulator } from '../../emulator.js';
import { registerKinesisInspection } from './kinesis-routes.js';
import { registerSnsPublish } from './sns-publish-route.js';
import { registerSqsInspection } from './sqs-routes.js';

/** The inspection API and admin actions under /_wharf/ that the dashboard calls. */
export function registerInspection(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  registerSqsInspection(app, emulator, config);
  registerKinesisInspection(app, emulator, config);
  registerSnsPublish(app, emulator, config);
  // No AWS request goes to /_wharf/: an unknown path there is wharf's 404, not an AWS error.
  app.all('/_wharf/*', async (request, reply) => reply.code(404).send({ error: 'UnknownEndpoint', message: `wharf has no endpoint ${request.method} ${request.url.split('?')[0]}.` }));
}
