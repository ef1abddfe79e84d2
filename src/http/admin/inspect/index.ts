import type { FastifyInstance } from 'fastify';
import type { WharfConfig } from '../../../cli/config.js';
import type { Emulator } from '../../../emulator.js';
import { unknownEndpoint, useAdminErrors } from './admin-replies.js';
import { registerKinesisInspection } from './kinesis-routes.js';
import { registerLambdaInspection } from './lambda-routes.js';
import { registerSnsPublish } from './sns-publish-route.js';
import { registerSnsInspectionRoutes } from './sns-routes.js';
import { registerSqsInspection } from './sqs-routes.js';

/** The inspection API and admin actions under /_wharf/ that the dashboard calls. */
export function registerInspection(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  registerSqsInspection(app, emulator, config);
  registerKinesisInspection(app, emulator, config);
  registerLambdaInspection(app, emulator);
  registerSnsInspectionRoutes(app, emulator);
  registerSnsPublish(app, emulator, config);
  app.register(async (scope) => {
    useAdminErrors(scope);
    scope.all('/_wharf/*', async (request) => {
      throw unknownEndpoint(request.method, request.url);
    });
  });
}
